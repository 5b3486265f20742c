// Points of failure: the pruned search for double (and triple) failures finds exactly the
// minimal cut sets a brute-force search over every pair (every triple) in the cone finds.
import { describe, expect, it } from 'vitest';
import { assess, EXAMPLE_A, variant } from './support/assess.js';
import { SiteProbe } from './support/evaluator.js';

/** Minimal cut sets of a site up to `order`, by trying every combination in its cone. */
function bruteForce(name: string, site: string, order: number): Set<string> {
  const probe = new SiteProbe(variant(name), site);
  const cone = probe.cone;
  const base = probe.run([]);
  const cuts = new Set<string>();
  const fails = new Map<string, Set<string>>();
  const failing = (set: string[]) => {
    const key = set.join('+');
    let f = fails.get(key);
    if (!f) {
      f = new Set([...probe.run(set)].filter(([, r]) => !r.survives).map(([s]) => s));
      fails.set(key, f);
    }
    return f;
  };
  const combos = (k: number, from = 0): string[][] => (k === 0 ? [[]] : cone.slice(from).flatMap((d, i) => combos(k - 1, from + i + 1).map((rest) => [d, ...rest])));
  for (let k = 1; k <= order; k++) {
    for (const set of combos(k)) {
      if (k === 1 && set[0] === `site:${site}`) continue;
      for (const service of failing(set)) {
        if (!base.get(service)!.survives) continue;
        const subsets = set.length === 1 ? [] : set.map((_, i) => set.filter((__, j) => j !== i));
        if (subsets.some((sub) => failing(sub).has(service))) continue;
        cuts.add(`${set.join('+')} ${service}`);
      }
    }
  }
  return cuts;
}

function found(name: string, site: string, maxOrder: number): Set<string> {
  const a = assess(variant(name), { maxOrder });
  return new Set(a.pointsOfFailure.flatMap((c) => c.affects.filter((x) => x.site === site).map((x) => `${c.domains.join('+')} ${x.service}`)));
}

describe('minimal cut sets', () => {
  it.each([
    [EXAMPLE_A, 'ulm'],
    ['b-option1-master-slave.yaml', 'reutlingen'],
    ['c-option2-mutual-standby.yaml', 'leipzig'],
    ['e-virtualization-ha.yaml', 'koeln'],
    ['f-cloud-pbx-local-survivable.yaml', 'augsburg'],
    ['g-cloud-cold-standby.yaml', 'freiburg'],
  ])('of order 1 and 2 in %s at %s equal a brute-force search', (name, site) => {
    const expected = bruteForce(name, site, 2);
    expect(expected.size).toBeGreaterThan(0);
    expect([...found(name, site, 2)].sort()).toEqual([...expected].sort());
  });

  it('of order 3 in example (a) equal a brute-force search', () => {
    const expected = bruteForce(EXAMPLE_A, 'ulm', 3);
    expect([...expected].some((c) => c.split(' ')[0]!.split('+').length === 3)).toBe(true);
    expect([...found(EXAMPLE_A, 'ulm', 3)].sort()).toEqual([...expected].sort());
  });

  it('are ranked by how many site-services they take down, then by order', () => {
    const a = assess(variant('d-option3-combined-standby.yaml'));
    const counts = a.pointsOfFailure.map((c) => c.affects.length);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    for (const c of a.pointsOfFailure) {
      expect(c.order).toBe(c.domains.length);
      expect(c.domains).toEqual([...c.domains].sort());
    }
  });

  it('max order 1 lists single points of failure only', () => {
    const a = assess(variant(EXAMPLE_A), { maxOrder: 1 });
    expect(a.pointsOfFailure.every((c) => c.order === 1)).toBe(true);
    expect(a.pointsOfFailure.map((c) => c.domains[0])).toEqual(['building:ulm/main', 'provider:telekom']);
  });

  it('double scenarios are the pairs that cut a service neither failure cuts alone', () => {
    const a = assess(variant(EXAMPLE_A));
    const doubles = a.scenarios.filter((s) => s.origin === 'double');
    expect(doubles.length).toBeGreaterThan(0);
    const cuts = new Set(a.pointsOfFailure.filter((c) => c.order === 2).map((c) => c.domains.join('+')));
    for (const s of doubles) expect(cuts.has(s.domains.join('+')), s.id).toBe(true);
  });
});
