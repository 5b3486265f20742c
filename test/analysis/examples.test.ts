// What each example blueprint shows, as verdicts of the analysis (docs/analysis.md, "What the
// examples show"): the whitepaper's scenarios keep the promises their policies write down.
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../analysis/types.js';
import { assess, variant, verdict } from './support/assess.js';

const cache = new Map<string, Assessment>();
const of = (name: string) => {
  let a = cache.get(name);
  if (!a) cache.set(name, (a = assess(variant(name))));
  return a;
};
const gateway = (a: Assessment, site: string, service: string, scenario: string) => verdict(a, site, service, scenario).path?.find((p) => p.kind === 'gateway')?.id ?? null;

describe('the examples keep their policies', () => {
  it.each([
    'a-single-site-hot-standby.yaml',
    'b-option1-master-slave.yaml',
    'c-option2-mutual-standby.yaml',
    'd-option3-combined-standby.yaml',
    'e-virtualization-ha.yaml',
    'f-cloud-pbx-local-survivable.yaml',
    'g-cloud-cold-standby.yaml',
  ])('%s: every policy met, every finding fixed or acknowledged', (name) => {
    const a = of(name);
    expect(a.policies.filter((p) => !p.met).map((p) => `${p.policy}: ${p.violations[0]!.reason}`)).toEqual([]);
    expect(a.findings.filter((f) => !f.acknowledged).map((f) => f.message)).toEqual([]);
    expect(a.baseline!.filter((v) => !v.survives).map((v) => `${v.site} ${v.service}: ${v.reason}`)).toEqual([]);
  });
});

describe('what each example shows', () => {
  it('(a) hot standby in two fire zones: a fire in either zone keeps every service', () => {
    const a = of('a-single-site-hot-standby.yaml');
    for (const zone of ['fire-zone:ulm/zone-a', 'fire-zone:ulm/zone-b']) {
      for (const v of a.matrix.filter((x) => x.scenario === zone)) expect(v.survives, `${v.service} ${zone}`).toBe(true);
    }
    // Single points of failure: the one building, and the carrier that owns (and would reroute) the number block.
    expect(a.pointsOfFailure.filter((c) => c.order === 1).map((c) => c.domains[0])).toEqual(['building:ulm/main', 'provider:telekom']);
  });

  it('(b) option 1: the branch keeps all basic telephony when the headquarters is lost', () => {
    const a = of('b-option1-master-slave.yaml');
    for (const service of ['internal', 'incoming', 'outbound', 'emergency']) {
      const v = verdict(a, 'reutlingen', service, 'site:stuttgart');
      expect(v.survives, service).toBe(true);
      expect(v.switchover!.totalSeconds).toBe(0);
    }
  });

  it('(c) option 2: each site\'s PBX stands in for the other\'s', () => {
    const a = of('c-option2-mutual-standby.yaml');
    expect(gateway(a, 'leipzig', 'internal', 'device:pbx-leipzig')).toBe('pbx-berlin');
    expect(gateway(a, 'berlin', 'internal', 'device:pbx-berlin')).toBe('pbx-leipzig');
    expect(verdict(a, 'leipzig', 'emergency', 'device:pbx-leipzig').switchover).toMatchObject({ totalSeconds: 45, automatic: true });
  });

  it('(d) option 3: one combined standby at headquarters, hot for two branches and cold for the third', () => {
    const a = of('d-option3-combined-standby.yaml');
    expect(gateway(a, 'kiel', 'internal', 'device:pbx-kiel')).toBe('pbx-branch-standby');
    expect(verdict(a, 'kiel', 'internal', 'device:pbx-kiel').switchover!.automatic).toBe(true);
    const cold = verdict(a, 'luebeck', 'internal', 'device:pbx-luebeck');
    expect(gateway(a, 'luebeck', 'internal', 'device:pbx-luebeck')).toBe('pbx-branch-standby');
    expect(cold.switchover!.automatic).toBe(false);
    expect(cold.switchover!.parts.map((p) => p.label)).toContain('manual activation (15 min)');
  });

  it('(e) virtualization HA: losing a host or its room keeps telephony within the policy\'s five minutes', () => {
    const a = of('e-virtualization-ha.yaml');
    for (const s of ['device:koeln/esx-a', 'device:koeln/esx-b', 'fire-zone:koeln/zone-a', 'fire-zone:koeln/zone-b']) {
      const v = verdict(a, 'koeln', 'internal', s);
      expect(v.survives, s).toBe(true);
      expect(v.switchover!.totalSeconds, s).toBeLessThanOrEqual(300);
    }
  });

  it('(f) cloud PBX with local survivable gateways: emergency calls survive the loss of the cloud region', () => {
    const a = of('f-cloud-pbx-local-survivable.yaml');
    for (const site of ['muenchen', 'augsburg']) {
      const v = verdict(a, site, 'emergency', 'cloud-region:eu-central-1');
      expect(v.survives).toBe(true);
      expect(v.path!.find((p) => p.kind === 'gateway')!.id).toBe(`lsg-${site}`);
      expect(v.path!.find((p) => p.kind === 'trunk')!.id).toMatch(new RegExp(`^${site}-`));
    }
  });

  it('(g) cold standby in the cloud: the on-call activates it within the hour', () => {
    const a = of('g-cloud-cold-standby.yaml');
    const v = verdict(a, 'freiburg', 'internal', 'device:pbx-freiburg');
    expect(gateway(a, 'freiburg', 'internal', 'device:pbx-freiburg')).toBe('pbx-cloud-standby');
    expect(v.switchover).toMatchObject({ totalSeconds: 3090, automatic: false, activeCallsDropped: true });
    expect(v.switchover!.parts.map((p) => p.label)).toEqual(['detection (30 s x 3)', 'on-call response (30 min)', 'manual activation (20 min)']);
  });
});
