// Device configs and Terraform run on a worker thread by default; the output must not depend on it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateFleet } from '../../bench/fleet.js';
import { readTree } from '../support/tree.js';
import { compileBlueprint } from '../../cli/pipeline.js';

const root = mkdtempSync(join(tmpdir(), 'rbc-threads-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the generator worker thread', () => {
  it('gives the same bytes as running every generator on the main thread', async () => {
    const file = join(root, 'fleet.yaml');
    writeFileSync(file, stringify(generateFleet({ sites: 12, seed: 3 }), { lineWidth: 0 }));
    const threaded = await compileBlueprint(file, join(root, 'threaded'), { today: '2026-01-01' });
    const single = await compileBlueprint(file, join(root, 'single'), { today: '2026-01-01', threads: false });
    expect(threaded.written && single.written).toBe(true);
    expect(threaded.stats!.seconds['generate:terraform']).toBeGreaterThan(0);
    expect(threaded.diagnostics).toEqual(single.diagnostics);
    const a = readTree(join(root, 'threaded'));
    const b = readTree(join(root, 'single'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].some((p) => p.startsWith('terraform/stacks/'))).toBe(true);
    expect([...a.keys()].some((p) => p.startsWith('devices/'))).toBe(true);
    for (const [path, content] of b) expect(a.get(path), path).toBe(content);
  });
});
