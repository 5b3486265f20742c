// Properties of the analysis, checked on random failure sets and random redundant additions:
// more failures never help, more redundancy never hurts, and the same model gives the same
// assessment, byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../schema/blueprint.js';
import { assess, byId, EXAMPLE_A, EXAMPLE_B, variant } from './support/assess.js';
import { SiteProbe, type Result } from './support/evaluator.js';

/** b is no worse than a: it survives whenever a does, and switches over no slower. */
function noWorse(better: Map<string, Result>, worse: Map<string, Result>, context: string): void {
  for (const [service, w] of worse) {
    const b = better.get(service)!;
    if (!w.survives) continue;
    expect(b.survives, `${context}: ${service}`).toBe(true);
    expect(b.seconds, `${context}: ${service}`).toBeLessThanOrEqual(w.seconds);
  }
}

describe('failing a superset of domains never makes a verdict better', () => {
  it.each([
    [EXAMPLE_A, 'ulm'],
    [EXAMPLE_B, 'reutlingen'],
    ['d-option3-combined-standby.yaml', 'kiel'],
    ['e-virtualization-ha.yaml', 'koeln'],
    ['f-cloud-pbx-local-survivable.yaml', 'muenchen'],
  ])('%s at %s', (name, site) => {
    const probe = new SiteProbe(variant(name), site);
    const cone = probe.cone;
    fc.assert(
      fc.property(fc.subarray(cone, { maxLength: 5 }), fc.subarray(cone, { maxLength: 3 }), fc.constantFrom(30, 60, 240, 600), (some, more, minutes) => {
        const superset = [...new Set([...some, ...more])];
        noWorse(probe.run(some, minutes), probe.run(superset, minutes), `${some.join('+')} vs ${superset.join('+')}`);
      }),
      { numRuns: 150, seed: 4 },
    );
  });

  it('a longer power outage never helps', () => {
    const probe = new SiteProbe(variant(EXAMPLE_A), 'ulm');
    fc.assert(
      fc.property(fc.subarray(probe.cone, { maxLength: 3 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (set, x, y) => {
        const ids = [...set, 'mains-feed:ulm/mains-1'];
        noWorse(probe.run(ids, Math.min(x, y)), probe.run(ids, Math.max(x, y)), `${ids.join('+')} ${x}/${y}`);
      }),
      { numRuns: 100, seed: 5 },
    );
  });
});

/** Redundant additions to example (a): each keeps every existing element and adds an alternative. */
const ADDITIONS: Record<string, (bp: Blueprint) => void> = {
  'second PSU': (bp) => {
    byId(bp.gateways, 'pbx-west').psus = ['ups-west', 'ups-east'];
  },
  'third PBX as hot standby': (bp) => {
    bp.gateways.push({ ...structuredClone(byId(bp.gateways, 'pbx-west')), id: 'pbx-spare', address: '10.10.9.10' });
    for (const t of bp.trunks!) t.gateways.push('pbx-spare');
  },
  'third trunk': (bp) => {
    bp.providers.push({ id: 'third-carrier', name: 'Third carrier', kind: 'carrier', rerouting: { mode: 'automatic' } });
    bp.sites[0]!.supplyLines!.push({ id: 'duct-west', building: 'main' });
    bp.trunks!.push({ id: 'third-pri', provider: 'third-carrier', kind: 'isdn-pri', site: 'ulm', supplyLine: 'duct-west', gateways: ['pbx-east', 'pbx-west'], numberBlocks: ['main-block'], emergency: { capable: true, areas: ['DE-0731'] } });
  },
  'second uplink': (bp) => {
    bp.sites[0]!.uplinks!.push({ id: 'lte-1', provider: 'stadtwerke-net', kind: 'lte' });
  },
  'third PoE switch': (bp) => {
    bp.sites[0]!.poeSwitches!.push({ id: 'poe-spare', fireZone: 'zone-b', power: 'ups-west', phones: 10 });
  },
  'second cooling unit': (bp) => {
    bp.sites[0]!.cooling!.push({ id: 'ac-spare' });
    byId(bp.sites[0]!.rooms, 'server-east').cooling!.push('ac-spare');
  },
  'longer battery': (bp) => {
    for (const u of bp.sites[0]!.power.ups!) u.autonomyMinutes = 600;
  },
  'second feed': (bp) => {
    bp.sites[0]!.power.feeds.push({ id: 'mains-2' });
    byId(bp.sites[0]!.power.ups, 'ups-west').inputs.push('mains-2');
  },
};

describe('adding a redundant component never makes a verdict worse', () => {
  it('on random failure sets of example (a)', () => {
    const base = new SiteProbe(variant(EXAMPLE_A), 'ulm');
    const names = Object.keys(ADDITIONS);
    fc.assert(
      fc.property(fc.subarray(names, { minLength: 1 }), fc.subarray(base.cone, { maxLength: 4 }), (added, failed) => {
        const more = new SiteProbe(
          variant(EXAMPLE_A, (bp) => {
            for (const n of added) ADDITIONS[n]!(bp);
          }),
          'ulm',
        );
        noWorse(more.run(failed), base.run(failed), `${added.join(', ')} under ${failed.join('+')}`);
      }),
      { numRuns: 60, seed: 6 },
    );
  });

  it('a hot standby is never worse than a cold one', () => {
    const cold = new SiteProbe(
      variant(EXAMPLE_A, (bp) => {
        byId(bp.gateways, 'pbx-west').standbyFor![0]!.mode = 'cold';
      }),
      'ulm',
    );
    const hot = new SiteProbe(variant(EXAMPLE_A), 'ulm');
    fc.assert(
      fc.property(fc.subarray(hot.cone, { maxLength: 4 }), (failed) => noWorse(hot.run(failed), cold.run(failed), failed.join('+'))),
      { numRuns: 100, seed: 7 },
    );
  });
});

describe('determinism', () => {
  it.each([EXAMPLE_A, EXAMPLE_B, 'd-option3-combined-standby.yaml', 'f-cloud-pbx-local-survivable.yaml'])('%s analysed twice gives the same JSON', (name) => {
    const one = JSON.stringify(assess(variant(name), { maxOrder: 3 }));
    const two = JSON.stringify(assess(variant(name), { maxOrder: 3 }));
    expect(two).toBe(one);
  });

  it('the order of the blueprint\'s lists does not change the assessment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
        const shuffled = variant(EXAMPLE_B, (bp) => {
          const shuffle = <T>(xs: T[]) => xs.map((x, i) => [((i + 1) * seed * 7919) % 1009, x] as const).sort((p, q) => p[0] - q[0]).map((p) => p[1]);
          bp.gateways = shuffle(bp.gateways);
          bp.trunks = shuffle(bp.trunks!);
          bp.sites = shuffle(bp.sites);
          bp.providers = shuffle(bp.providers);
        });
        expect(JSON.stringify(assess(shuffled))).toBe(JSON.stringify(assess(variant(EXAMPLE_B))));
      }),
      { numRuns: 5, seed: 8 },
    );
  });
});

describe('robustness', () => {
  const EXAMPLES = ['a-single-site-hot-standby.yaml', 'b-option1-master-slave.yaml', 'c-option2-mutual-standby.yaml', 'd-option3-combined-standby.yaml', 'e-virtualization-ha.yaml', 'f-cloud-pbx-local-survivable.yaml', 'g-cloud-cold-standby.yaml'];
  /** Removals that can leave a blueprint valid but thin: the analysis must still answer. */
  const REMOVALS: Record<string, (bp: Blueprint, k: number) => void> = {
    trunk: (bp, k) => bp.trunks?.splice(k % Math.max(1, bp.trunks.length), 1),
    uplinks: (bp, k) => void (bp.sites[k % bp.sites.length]!.uplinks = []),
    'poe switches': (bp, k) => {
      const s = bp.sites[k % bp.sites.length]!;
      delete s.poeSwitches;
      if (s.emergency?.notification) delete s.emergency.notification.poeSwitch;
    },
    standby: (bp, k) => void (bp.gateways[k % bp.gateways.length]!.standbyFor = []),
    'number blocks': (bp) => {
      for (const s of bp.sites) delete s.numberBlocks;
      for (const t of bp.trunks ?? []) delete t.numberBlocks;
    },
    policies: (bp) => void (bp.policies = []),
    ups: (bp, k) => {
      const s = bp.sites[k % bp.sites.length]!;
      const feed = s.power.feeds[0]!.id;
      const ups = new Set((s.power.ups ?? []).map((u) => u.id));
      s.power.ups = [];
      for (const p of s.poeSwitches ?? []) if (ups.has(p.power)) p.power = feed;
      for (const u of s.uplinks ?? []) if (u.power && ups.has(u.power)) u.power = feed;
      for (const h of s.virtualization?.hosts ?? []) if (h.psus) h.psus = h.psus.map((p) => (ups.has(p) ? feed : p));
      for (const g of bp.gateways) if (g.placement.site === s.id && g.psus) g.psus = [...new Set(g.psus.map((p) => (ups.has(p) ? feed : p)))];
    },
  };

  it('analyses thinned-out examples without throwing, deterministically', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.subarray(Object.keys(REMOVALS), { minLength: 1 }), fc.nat(20), (name, removals, k) => {
        let model;
        try {
          model = variant(name, (bp) => {
            for (const r of removals) REMOVALS[r]!(bp, k);
          });
        } catch {
          return; // the removal left references dangling: the loader's business, not the analysis'
        }
        const one = JSON.stringify(assess(model, { maxOrder: 3 }));
        expect(JSON.stringify(assess(model, { maxOrder: 3 }))).toBe(one);
      }),
      { numRuns: 80, seed: 9 },
    );
  });
});
