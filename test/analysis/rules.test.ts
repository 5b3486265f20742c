// The design rules: metadata, registry, and each rule firing on a blueprint that breaks it (the
// rules also fire in the other analysis tests next to the verdicts they explain).
import { describe, expect, it } from 'vitest';
import { RULES } from '../../analysis/rules/registry.js';
import { runRules } from '../../analysis/rules/run.js';
import type { Rule } from '../../analysis/rules/rule.js';
import { assess, byId, EXAMPLE_A, EXAMPLE_B, findings, TODAY, variant } from './support/assess.js';

describe('rule registry', () => {
  it('is sorted by id, ids are unique and follow RBC-Rnnn', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^RBC-R\d{3}$/);
    expect(new Set(RULES.map((r) => r.meta.name)).size).toBe(RULES.length);
  });

  it('every rule has a severity, a one-line rationale quoting the whitepaper, docs and messages', () => {
    for (const r of RULES) {
      expect(['error', 'warning', 'info']).toContain(r.meta.severity);
      expect(r.meta.rationale, r.meta.id).toMatch(/"[^"]+"/);
      expect(r.meta.rationale).not.toMatch(/\n/);
      expect(r.meta.docs.description.length).toBeGreaterThan(20);
      expect(r.meta.docs.fix.length).toBeGreaterThan(10);
      expect(Object.keys(r.meta.messages).length).toBeGreaterThan(0);
    }
  });

  it('example (a) raises no finding', () => {
    expect(assess(variant(EXAMPLE_A)).findings).toEqual([]);
  });

  it('a rule that throws becomes an error finding of its own, and the others still run', () => {
    const broken: Rule = {
      meta: { ...RULES[0]!.meta, id: 'RBC-R999', name: 'broken' },
      check: () => {
        throw new Error('boom');
      },
    };
    const r = runRules(variant(EXAMPLE_A), TODAY, [broken, ...RULES]);
    expect(r.findings).toEqual([
      {
        rule: 'RBC-R999',
        severity: 'error',
        messageId: 'ruleFailed',
        message: 'Rule RBC-R999 (broken) failed on this blueprint: boom',
        path: 'rules/rbc-r999',
        acknowledged: null,
      },
    ]);
  });
});

describe('rules', () => {
  it('RBC-R002: a standby in the same building, when a policy demands surviving a building fire', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.policies, 'telephony-fire').scenarios.push({ class: 'building' });
    });
    expect(findings(assess(m), 'RBC-R002').map((f) => f.message)).toEqual([
      'Standby pbx-west runs in the same building main (site ulm) as its primary pbx-east, but policy telephony-fire demands surviving the loss of a building.',
    ]);
  });

  it('RBC-R004: all trunks from one provider', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.trunks, 'swu-sip').provider = 'telekom';
    });
    expect(findings(assess(m), 'RBC-R004').map((f) => f.path)).toEqual(['sites/ulm']);
  });

  it('RBC-R007: one cooling unit for both gateways of a standby pair', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      for (const r of bp.sites[0]!.rooms!) r.cooling = ['ac-east'];
    });
    expect(findings(assess(m), 'RBC-R007').map((f) => f.message)).toEqual([
      'Standby pbx-west and its primary pbx-east are both cooled only by cooling unit ac-east (site ulm): its failure overheats both.',
    ]);
  });

  it('RBC-R008: a standby without standby licences for the users it takes over', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').licences = { standby: 179 };
    });
    expect(findings(assess(m), 'RBC-R008').map((f) => f.message)).toEqual(['Standby pbx-west would carry 180 users of ulm but has 179 standby licences.']);
  });

  it('RBC-R009: option 2 mutual standby short of capacity by one user', () => {
    const m = variant('c-option2-mutual-standby.yaml', (bp) => {
      byId(bp.gateways, 'pbx-leipzig').capacity = { users: 359, channels: 60 };
    });
    const a = assess(m);
    expect(findings(a, 'RBC-R009').map((f) => f.message)).toEqual([
      'Gateway pbx-leipzig would serve 360 users of berlin, leipzig after taking over pbx-berlin, but its capacity is 359 users.',
    ]);
    expect(findings(assess(variant('c-option2-mutual-standby.yaml')), 'RBC-R009')).toEqual([]);
  });

  it('RBC-R009: the channels of both sites\' trunks', () => {
    const m = variant('c-option2-mutual-standby.yaml', (bp) => {
      byId(bp.gateways, 'pbx-berlin').capacity = { users: 400, channels: 10 };
    });
    expect(findings(assess(m), 'RBC-R009').map((f) => f.messageId)).toEqual(['channels']);
  });

  it('RBC-R014: a gateway nobody monitors, or whose alerts go nowhere', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').monitored = false;
    });
    expect(findings(assess(m), 'RBC-R014').map((f) => `${f.path} ${f.messageId}`)).toEqual(['gateways/pbx-west unmonitored']);
    const quiet = variant(EXAMPLE_A, (bp) => {
      bp.monitoring!.alertEmails = [];
    });
    expect(findings(assess(quiet), 'RBC-R014').map((f) => f.messageId)).toEqual(['noAlerts', 'noAlerts']);
  });

  it('RBC-R016 on the branch PBX of example (b) is acknowledged there, with its reason', () => {
    const f = findings(assess(variant(EXAMPLE_B)), 'RBC-R016');
    expect(f).toHaveLength(1);
    expect(f[0]!.acknowledged).toMatchObject({ owner: 'Head of IT, Hofmann Maschinenbau', expires: '2027-12-31' });
  });
});
