// Acknowledgements: an accepted risk hides its finding until it expires; an expired one shows
// the finding again and warns; one that matches nothing is reported.
import { describe, expect, it } from 'vitest';
import { assessmentDiagnostics } from '../../cli/findings.js';
import type { Blueprint } from '../../schema/blueprint.js';
import { assess, byId, EXAMPLE_A, variant } from './support/assess.js';

const onMains = (acks: NonNullable<Blueprint['acknowledgements']>) =>
  variant(EXAMPLE_A, (bp) => {
    byId(bp.sites[0]!.poeSwitches, 'poe-east').power = 'mains-1';
    byId(bp.sites[0]!.poeSwitches, 'poe-west').power = 'mains-1';
    bp.acknowledgements = acks;
  });
const ack = (target: string, expires = '2027-06-30', rule = 'RBC-R006') => ({ rule, target, reason: 'Phones on mains until the UPS upgrade in spring.', owner: 'Head of IT', expires });
/** The rule and acknowledgement diagnostics (the phones on mains also break a policy, RBC3001). */
const codes = (m: ReturnType<typeof onMains>) =>
  assessmentDiagnostics(assess(m), m, (path) => ({ path }))
    .map((d) => `${d.code} ${d.location.path}`)
    .filter((c) => c.startsWith('RBC31'));

describe('acknowledgements', () => {
  it('an active acknowledgement hides its finding, which keeps the reason', () => {
    const m = onMains([ack('sites/ulm/poe-switches/poe-east')]);
    const a = assess(m);
    const f = a.findings.filter((x) => x.rule === 'RBC-R006');
    expect(f.map((x) => [x.path, x.acknowledged?.owner ?? null])).toEqual([
      ['sites/ulm/poe-switches/poe-east', 'Head of IT'],
      ['sites/ulm/poe-switches/poe-west', null],
    ]);
    expect(a.acknowledgements).toEqual([{ rule: 'RBC-R006', target: 'sites/ulm/poe-switches/poe-east', owner: 'Head of IT', expires: '2027-06-30', status: 'active', matches: 1 }]);
    expect(codes(m)).toEqual(['RBC3100 sites/ulm/poe-switches/poe-west']);
  });

  it('* acknowledges every finding of the rule', () => {
    const m = onMains([ack('*')]);
    expect(assess(m).findings.every((f) => f.rule !== 'RBC-R006' || f.acknowledged !== null)).toBe(true);
    expect(codes(m)).toEqual([]);
  });

  it('an expired acknowledgement stops hiding its finding and warns itself', () => {
    const m = onMains([ack('*', '2025-12-31')]);
    const a = assess(m);
    expect(a.findings.filter((f) => f.rule === 'RBC-R006').every((f) => f.acknowledged === null)).toBe(true);
    expect(a.acknowledgements![0]!.status).toBe('expired');
    expect(codes(m)).toEqual(['RBC3100 sites/ulm/poe-switches/poe-east', 'RBC3100 sites/ulm/poe-switches/poe-west', 'RBC3102 acknowledgements/RBC-R006/*']);
    // Still valid on the day it expires.
    expect(assess(onMains([ack('*', '2026-01-01')])).acknowledgements![0]!.status).toBe('active');
  });

  it('an acknowledgement that matches no finding is reported', () => {
    const m = onMains([ack('*'), ack('gateways/pbx-east', '2027-06-30', 'RBC-R001')]);
    expect(assess(m).acknowledgements!.map((x) => `${x.rule} ${x.status} ${x.matches}`)).toEqual(['RBC-R001 unused 0', 'RBC-R006 active 2']);
    expect(codes(m)).toEqual(['RBC3103 acknowledgements/RBC-R001/gateways/pbx-east']);
  });
});
