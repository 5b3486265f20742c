import { describe, expect, it } from 'vitest';
import { parseShard, selectSites, shardOf } from '../../cli/site-selection.js';
import { run } from '../../cli/main.js';

describe('site selection', () => {
  it('parses i/n shards and refuses nonsense', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1-3', '']) expect(parseShard(bad), bad).toBeNull();
  });

  it('puts every site in exactly one shard, and adding a site moves no other', () => {
    const sites = Array.from({ length: 200 }, (_, i) => `site-${i}`);
    const shards = [1, 2, 3, 4].map((index) => selectSites(sites, { shard: { index, count: 4 } }));
    expect(shards.reduce((n, s) => n + s.size, 0)).toBe(sites.length);
    for (const s of shards) expect(s.size).toBeGreaterThan(20);
    const before = new Map(sites.map((s) => [s, shardOf(s, 4)]));
    const after = selectSites([...sites, 'new-site'], { shard: { index: 1, count: 4 } });
    for (const s of sites) expect(after.has(s)).toBe(before.get(s) === 1);
  });

  it('selects named sites', () => {
    expect([...selectSites(['a', 'b', 'c'], { site: ['c', 'a'] })].sort()).toEqual(['a', 'c']);
  });

  it('answers a bad --shard with a usage error (exit 2)', async () => {
    const err: string[] = [];
    const code = await run(['compile', 'blueprints/a-single-site-hot-standby.yaml', '-o', '/tmp/rbc-never', '--shard', '5/3'], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--shard');
  });
});
