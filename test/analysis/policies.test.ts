// Policy verdicts: each named service at each named site survives each named scenario within
// the allowed switchover, automatically if demanded, with backups within the RPO.
import { describe, expect, it } from 'vitest';
import { assess, byId, EXAMPLE_A, EXAMPLE_B, policy, variant } from './support/assess.js';

describe('policies', () => {
  it('example (a) keeps both of its promises', () => {
    const a = assess(variant(EXAMPLE_A));
    expect(a.policies.map((p) => [p.policy, p.met])).toEqual([
      ['emergency-always', true],
      ['telephony-fire', true],
    ]);
  });

  it('a power outage fails all mains feeds of a site for the stated duration', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      bp.sites[0]!.power.feeds.push({ id: 'mains-2' });
      for (const u of bp.sites[0]!.power.ups!) u.inputs = ['mains-1', 'mains-2'];
    });
    const a = assess(m);
    const s = a.scenarios.find((x) => x.id === 'mains-feed:ulm/mains-1+mains-feed:ulm/mains-2@240m')!;
    expect(s).toMatchObject({ class: 'power-outage', origin: 'policy', durationMinutes: 240, label: 'power outage at Ulm headquarters for 240 min (mains feeds mains-1, mains-2)' });
    expect(a.matrix.some((v) => v.scenario === s.id && v.service === 'emergency' && v.survives)).toBe(true);
  });

  it('a service kind no service provides violates the policy', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      bp.policies!.push({ id: 'faxes', services: ['fax'], scenarios: [{ class: 'fire-zone' }] });
    });
    expect(policy(assess(m), 'faxes').violations).toEqual([{ site: 'ulm', service: 'fax', scenario: 'normal', reason: 'no service of kind fax exists in the blueprint', rpo: null }]);
  });

  it('a service that fails in normal operation violates every policy naming it, once', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      for (const t of bp.trunks!) t.emergency = { capable: false };
    });
    const v = policy(assess(m), 'emergency-always').violations;
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ service: 'emergency', scenario: 'normal' });
  });

  it('backups older than the RPO violate it, once per gateway', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').backup = { intervalHours: 48 };
      delete byId(bp.gateways, 'pbx-east').backup;
    });
    expect(policy(assess(m), 'telephony-fire').violations).toEqual([
      { site: 'ulm', service: '*', scenario: 'normal', reason: 'gateway pbx-east has no automated backup', rpo: { gateway: 'pbx-east', intervalHours: null, rpoHours: 24 } },
      { site: 'ulm', service: '*', scenario: 'normal', reason: 'gateway pbx-west is backed up every 48 h, less often than every 24 h', rpo: { gateway: 'pbx-west', intervalHours: 48, rpoHours: 24 } },
    ]);
  });

  it('a site-class policy is about the other sites a site depends on, not about itself', () => {
    const m = variant(EXAMPLE_B, (bp) => {
      bp.policies!.push({ id: 'hq-loss', services: ['internal'], sites: ['reutlingen'], scenarios: [{ class: 'site' }] });
    });
    const a = assess(m);
    // Losing Stuttgart (master and standby) leaves the autonomous branch running.
    expect(policy(a, 'hq-loss').met).toBe(true);
    expect(a.matrix.find((v) => v.site === 'reutlingen' && v.service === 'internal' && v.scenario === 'site:stuttgart')!.survives).toBe(true);
  });

  it('sorts violations by site, service and scenario', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').placement = { site: 'ulm', room: 'server-east' };
    });
    const v = policy(assess(m), 'telephony-fire').violations.map((x) => `${x.site}|${x.service}|${x.scenario}`);
    expect(v).toEqual(["ulm|internal|fire-zone:ulm/zone-a", "ulm|outbound|fire-zone:ulm/zone-a"]);
    expect(v).toEqual([...v].sort());
  });
});
