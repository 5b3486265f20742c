// docs/constructs.md: its complete apps (```ts blocks) load without errors, and its copy of the
// main example is the file blueprints/a-single-site-hot-standby.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTypeScriptApp } from '../../load/load.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(REPO, 'docs/constructs.md'), 'utf8');
/** Complete apps: fenced with exactly ```ts (fragments are fenced ```ts fragment). */
const apps = [...doc.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
const tmp = mkdtempSync(join(tmpdir(), 'rbc-constructs-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('docs/constructs.md', () => {
  it('holds the main example verbatim', () => {
    expect(apps).toHaveLength(2);
    expect(apps[1]).toBe(readFileSync(join(REPO, 'blueprints/a-single-site-hot-standby.ts'), 'utf8'));
  });

  it.each(apps.map((code, i) => [i, code] as const))('app %i loads into a model without errors', async (i, code) => {
    const constructs = pathToFileURL(join(REPO, 'constructs/index.js')).href;
    const file = join(tmp, `app-${i}.ts`);
    writeFileSync(file, code.replace("'../constructs/index.js'", JSON.stringify(constructs)));
    const load = await loadTypeScriptApp(file);
    expect(load.diagnostics.filter((d) => d.category === 'error')).toEqual([]);
    expect(load.model?.gateways.length).toBeGreaterThan(0);
  });
});
