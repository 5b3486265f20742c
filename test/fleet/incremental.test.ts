// Incremental compiles and sharding must give exactly the bytes of a clean compile.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateFleet } from '../../bench/fleet.js';
import { readTree } from '../support/tree.js';
import { compileBlueprint } from '../../cli/pipeline.js';
import type { Blueprint } from '../../schema/blueprint.js';

const root = mkdtempSync(join(tmpdir(), 'rbc-incremental-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeBlueprint(name: string, bp: Blueprint): string {
  const file = join(root, name);
  writeFileSync(file, stringify(bp, { lineWidth: 0 }));
  return file;
}

const options = { today: '2026-01-01' };
let fleet: Blueprint;
let changed: Blueprint;
let changedSite: string;

beforeAll(() => {
  fleet = generateFleet({ sites: 24, seed: 7 });
  changed = structuredClone(fleet);
  const site = changed.sites[5]!;
  changedSite = site.id;
  site.users += 1;
  site.power.ups![0] = { ...site.power.ups![0]!, autonomyMinutes: 5 };
});

describe('incremental compile', () => {
  it('reuses unchanged sites and gives the bytes of a clean compile', async () => {
    const cacheDir = join(root, 'cache');
    const original = writeBlueprint('fleet.yaml', fleet);
    const first = await compileBlueprint(original, join(root, 'inc'), { ...options, cacheDir });
    expect(first.written).toBe(true);
    expect(first.stats?.sitesFromCache).toBe(0);

    const edited = writeBlueprint('fleet.yaml', changed);
    const again = await compileBlueprint(edited, join(root, 'inc'), { ...options, cacheDir });
    expect(again.written).toBe(true);
    expect(again.stats!.sitesGenerated).toBeGreaterThanOrEqual(1);
    expect(again.stats!.sitesFromCache).toBeGreaterThan(fleet.sites.length / 2);

    const clean = await compileBlueprint(edited, join(root, 'clean'), options);
    expect(clean.written).toBe(true);
    const inc = readTree(join(root, 'inc'));
    const cleanTree = readTree(join(root, 'clean'));
    expect([...inc.keys()].sort()).toEqual([...cleanTree.keys()].sort());
    for (const [path, content] of cleanTree) expect(inc.get(path), path).toBe(content);
    expect(changedSite).toBeTruthy();
  });

  it('ignores corrupt and foreign cache entries instead of trusting them', async () => {
    // A cache holding exactly the entries and blobs the next compile will look up.
    const cacheDir = join(root, 'cache-2');
    const edited = join(root, 'fleet.yaml');
    expect((await compileBlueprint(edited, join(root, 'inc'), { ...options, cacheDir })).written).toBe(true);
    const list = (d: string): string[] =>
      readdirSync(d).flatMap((name) => (statSync(join(d, name)).isDirectory() ? list(join(d, name)) : [join(d, name)])).sort();
    const entries = list(join(cacheDir, 'entries'));
    expect(entries.length).toBe(fleet.sites.length);
    // One entry truncated; one claiming to be another site's; one blob of a third entry
    // overwritten in place with the same number of bytes (its recorded hash kept).
    truncateSync(entries[0]!, 10);
    const foreign = JSON.parse(readFileSync(entries[1]!, 'utf8')) as { site: string };
    foreign.site = 'someone-else';
    writeFileSync(entries[1]!, JSON.stringify(foreign));
    const third = JSON.parse(readFileSync(entries[2]!, 'utf8')) as { files: { sha256: string; bytes: number }[] };
    const victim = third.files.find((f) => f.bytes > 8)!;
    const blob = join(cacheDir, 'blobs', victim.sha256.slice(0, 2), victim.sha256);
    const bytes = readFileSync(blob);
    bytes[0] = bytes[0] === 0x41 ? 0x42 : 0x41;
    writeFileSync(blob, bytes);

    const result = await compileBlueprint(edited, join(root, 'inc'), { ...options, cacheDir });
    expect(result.written).toBe(true);
    expect(result.stats!.cacheRejected).toBeGreaterThanOrEqual(3);
    const inc = readTree(join(root, 'inc'));
    const cleanTree = readTree(join(root, 'clean'));
    for (const [path, content] of cleanTree) expect(inc.get(path), path).toBe(content);
  });

  it('is not poisoned by an output file edited in place (the output and the cache share files)', async () => {
    const cacheDir = join(root, 'cache-3');
    const edited = join(root, 'fleet.yaml');
    const out = join(root, 'inc-3');
    expect((await compileBlueprint(edited, out, { ...options, cacheDir })).written).toBe(true);
    const runbook = readdirSync(join(out, 'runbooks')).find((n) => n.endsWith('.md') && n !== 'index.md')!;
    appendFileSync(join(out, 'runbooks', runbook), 'edited by hand\n');
    const again = await compileBlueprint(edited, out, { ...options, cacheDir });
    expect(again.written).toBe(true);
    expect(again.stats!.cacheRejected).toBe(1);
    const inc = readTree(out);
    for (const [path, content] of readTree(join(root, 'clean'))) expect(inc.get(path), path).toBe(content);
  });
});

describe('sharding', () => {
  it('splits the sites so that the union of all shards is the full compile', async () => {
    const file = writeBlueprint('fleet-shards.yaml', fleet);
    const full = await compileBlueprint(file, join(root, 'full'), options);
    expect(full.written).toBe(true);
    const fullTree = readTree(join(root, 'full'));
    const union = new Map<string, string>();
    let selected = 0;
    for (let i = 1; i <= 3; i++) {
      const r = await compileBlueprint(file, join(root, `shard-${i}`), { ...options, shard: { index: i, count: 3 } });
      expect(r.written).toBe(true);
      selected += r.stats!.sitesSelected;
      for (const [path, content] of readTree(join(root, `shard-${i}`))) {
        if (path === 'manifest.json') continue;
        // Deployment-wide files are in every shard and must agree.
        if (union.has(path)) expect(union.get(path), path).toBe(content);
        union.set(path, content);
      }
    }
    expect(selected).toBe(fleet.sites.length);
    const expected = [...fullTree.keys()].filter((p) => p !== 'manifest.json').sort();
    expect([...union.keys()].sort()).toEqual(expected);
    for (const p of expected) expect(union.get(p), p).toBe(fullTree.get(p));
  });

  it('compiles one site with --site', async () => {
    const file = join(root, 'fleet-shards.yaml');
    const site = fleet.sites[3]!.id;
    const r = await compileBlueprint(file, join(root, 'one'), { ...options, site: [site] });
    expect(r.written).toBe(true);
    expect(r.stats!.sitesSelected).toBe(1);
    const perSite = r.files.filter((f) => f.site !== undefined);
    expect(perSite.length).toBeGreaterThan(0);
    expect(new Set(perSite.map((f) => f.site))).toEqual(new Set([site]));
  });
});
