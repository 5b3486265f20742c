// Incremental compiles and sharding must give exactly the bytes of a clean compile.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateFleet } from '../../bench/fleet.js';
import { compileBlueprint } from '../../cli/pipeline.js';
import type { Blueprint } from '../../schema/blueprint.js';

const root = mkdtempSync(join(tmpdir(), 'rbc-incremental-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

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
    // A cache holding exactly the entries the next compile will look up.
    const cacheDir = join(root, 'cache-2');
    const edited = join(root, 'fleet.yaml');
    expect((await compileBlueprint(edited, join(root, 'inc'), { ...options, cacheDir })).written).toBe(true);
    const entries: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const full = join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else entries.push(full);
      }
    };
    walk(cacheDir);
    expect(entries.length).toBeGreaterThan(2);
    // One entry truncated, one with a file's content changed but its recorded hash kept.
    truncateSync(entries[0]!, 10);
    const entry = JSON.parse(readFileSync(entries[1]!, 'utf8')) as { files: { utf8?: string }[] };
    const victim = entry.files.find((f) => typeof f.utf8 === 'string');
    if (victim) victim.utf8 = `${victim.utf8}tampered`;
    writeFileSync(entries[1]!, JSON.stringify(entry));

    const result = await compileBlueprint(edited, join(root, 'inc'), { ...options, cacheDir });
    expect(result.written).toBe(true);
    expect(result.stats!.cacheRejected).toBeGreaterThanOrEqual(victim ? 2 : 1);
    const inc = readTree(join(root, 'inc'));
    const cleanTree = readTree(join(root, 'clean'));
    for (const [path, content] of cleanTree) expect(inc.get(path), path).toBe(content);
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
