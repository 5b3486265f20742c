// Who serves a site's phones after a failure, and how long the switchover takes: hot and cold
// standby, DNS and VRRP detection, chains, virtualization HA/FT, master/slave, local survivable
// gateways (docs/analysis.md, "Serving" and "Switchover").
import { describe, expect, it } from 'vitest';
import { evaluateScenario } from '../../analysis/evaluate-scenario.js';
import { assess, byId, EXAMPLE_A, EXAMPLE_B, findings, policy, variant, verdict } from './support/assess.js';

const a = assess(variant(EXAMPLE_A));

describe('hot standby', () => {
  it('takes over automatically after detection and re-registration, and drops calls in progress', () => {
    const v = verdict(a, 'ulm', 'internal', 'device:pbx-east');
    expect(v.survives).toBe(true);
    expect(v.switchover).toEqual({
      totalSeconds: 45,
      automatic: true,
      activeCallsDropped: true,
      parts: [
        { label: 'detection (5 s x 3)', seconds: 15 },
        { label: 're-registration of phones and trunks', seconds: 30 },
      ],
    });
    expect(v.reason).toBe(
      'Survives after a switchover of 45 s, automatically: 180 of 180 phones live (PoE switches poe-east, poe-west); served by pbx-west (hot standby for pbx-east). Calls in progress are dropped.',
    );
  });

  it('losing the standby changes nothing for the phones', () => {
    const v = verdict(a, 'ulm', 'internal', 'device:pbx-west');
    expect(v.switchover!.totalSeconds).toBe(0);
    expect(v.path![1]!.id).toBe('pbx-east');
  });

  it('VRRP detects in 3 adverts plus the backup\'s skew (RFC 5798), without re-registration', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').standbyFor![0]!.detection = { mechanism: 'vrrp', probeIntervalSeconds: 1 };
    });
    const v = verdict(assess(m), 'ulm', 'internal', 'device:pbx-east');
    expect(v.switchover!.totalSeconds).toBe(3.609);
    expect(v.switchover!.parts.map((p) => p.label)).toEqual(['VRRP master-down (3 x 1 s advert + skew)']);
  });

  it('DNS failover adds the health checks and the TTL; too slow for a 60 s policy (RBC-R019)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').standbyFor![0]!.detection = { mechanism: 'dns', probeIntervalSeconds: 10, failureThreshold: 3, dnsTtlSeconds: 60, reRegistrationSeconds: 30 };
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'emergency', 'device:pbx-east');
    expect(v.switchover!.parts).toEqual([
      { label: 'DNS health check (10 s x 3)', seconds: 30 },
      { label: 'DNS TTL expiry (60 s)', seconds: 60 },
      { label: 're-registration', seconds: 30 },
    ]);
    expect(findings(b, 'RBC-R019').map((f) => f.messageId)).toEqual(['tooSlow']);
    expect(policy(b, 'emergency-always').violations).toContainEqual(expect.objectContaining({ scenario: 'device:pbx-east', reason: expect.stringMatching(/takes 2 min, more than the 1 min allowed/) }));
  });

  it('Route 53 probes only every 10 or 30 s (RBC-R019)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').standbyFor![0]!.detection = { mechanism: 'dns', probeIntervalSeconds: 5, dnsTtlSeconds: 1, reRegistrationSeconds: 0, failureThreshold: 1 };
    });
    expect(findings(assess(m), 'RBC-R019').map((f) => f.messageId)).toEqual(['interval']);
  });
});

describe('cold standby', () => {
  const cold = (hours: '24x7' | 'business') =>
    assess(
      variant(EXAMPLE_A, (bp) => {
        byId(bp.gateways, 'pbx-west').standbyFor![0]!.mode = 'cold';
        bp.deployment.onCall.hours = hours;
      }),
    );

  it('at 3 a.m. with a business-hours on-call, waits for the hours to resume (worst case: the weekend)', () => {
    const b = cold('business');
    const v = verdict(b, 'ulm', 'internal', 'device:pbx-east');
    expect(v.survives).toBe(true);
    expect(v.switchover!.automatic).toBe(false);
    const wait = v.switchover!.parts.find((p) => p.label.startsWith('waiting for on-call hours to resume'))!;
    // From 3 a.m. to 8 a.m. is 5 h; from Friday 18:00 to Monday 08:00 is the worst case, 62 h.
    expect(wait.seconds).toBeGreaterThanOrEqual(5 * 3600);
    expect(wait.seconds).toBe(62 * 3600);
    expect(v.switchover!.totalSeconds).toBe(15 + 62 * 3600 + 30 * 60 + 30 * 60);
    expect(findings(b, 'RBC-R012').map((f) => f.message)).toEqual([
      'Cold standby pbx-west replaces pbx-east at site ulm after up to 2 d 15 h 15 s (outside on-call hours), but policy emergency-always allows 1 min.',
    ]);
    expect(policy(b, 'telephony-fire').violations).toContainEqual(
      expect.objectContaining({ service: 'internal', scenario: 'device:pbx-east', reason: expect.stringMatching(/^the switchover takes 2 d 15 h 15 s, more than the 1 min allowed/) }),
    );
  });

  it('with a 24x7 on-call, takes detection, response and activation only, still by hand', () => {
    const v = verdict(cold('24x7'), 'ulm', 'internal', 'device:pbx-east');
    expect(v.switchover!.parts.map((p) => p.seconds)).toEqual([15, 1800, 1800]);
    expect(v.switchover!.automatic).toBe(false);
  });

  it('an automatic-only policy without a time limit is still violated by a manual switchover', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').standbyFor![0]!.mode = 'cold';
      delete byId(bp.policies, 'telephony-fire').maxSwitchoverSeconds;
    });
    expect(policy(assess(m), 'telephony-fire').violations).toContainEqual(
      expect.objectContaining({ service: 'internal', scenario: 'device:pbx-east', reason: expect.stringMatching(/needs manual steps .* but the policy demands an automatic one/) }),
    );
  });

  it('nobody activates a cold standby of an unmonitored primary (RBC-R013)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').standbyFor![0]!.mode = 'cold';
      byId(bp.gateways, 'pbx-east').monitored = false;
    });
    const b = assess(m);
    expect(findings(b, 'RBC-R013').map((f) => f.path)).toEqual(['gateways/pbx-east']);
    expect(findings(b, 'RBC-R014')).toEqual([]);
  });
});

describe('standby chains', () => {
  it('a standby of the standby takes over when both are gone, after both switchovers', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      const west = byId(bp.gateways, 'pbx-west');
      bp.gateways.push({ ...structuredClone(west), id: 'pbx-third', address: '10.10.3.10', standbyFor: [{ gateway: 'pbx-west', mode: 'hot' }] });
    });
    const b = assess(m, { maxOrder: 3 });
    const v = evaluateScenario(m, { site: 'ulm', service: 'internal', domains: ['device:pbx-east', 'device:pbx-west'], durationMinutes: null });
    if (!('verdict' in v)) throw new Error('unknown ids');
    expect(v.verdict.path!.find((p) => p.kind === 'gateway')).toMatchObject({ id: 'pbx-third', note: 'hot standby for pbx-west, after pbx-west (hot standby for pbx-east)' });
    expect(v.verdict.switchover!.totalSeconds).toBe(90);
    // The pair of PBXs no longer cuts internal calls (the trunks end on those two only, so it still cuts outbound).
    const pair = b.pointsOfFailure.find((c) => c.domains.join('+') === 'device:pbx-east+device:pbx-west')!;
    expect(pair.affects.map((x) => x.service)).not.toContain('internal');
    expect(pair.affects.map((x) => x.service)).toContain('outbound');
    const triple = b.pointsOfFailure.find((c) => c.domains.join('+') === 'device:pbx-east+device:pbx-third+device:pbx-west')!;
    expect(triple.affects.map((x) => x.service)).toContain('internal');
  });
});

describe('virtualization', () => {
  const e = 'e-virtualization-ha.yaml';
  it('HA restarts the VM on the other host, unless the hot standby is faster', () => {
    const b = assess(variant(e));
    const v = verdict(b, 'koeln', 'internal', 'device:koeln/esx-a');
    expect(v.survives).toBe(true);
    // The standby VM (45 s) takes the phones before HA has restarted the PBX VM (90 s).
    expect(v.switchover!.totalSeconds).toBe(45);
    const noStandby = assess(
      variant(e, (bp) => {
        bp.gateways = bp.gateways.filter((g) => g.id !== 'pbx-vm-standby');
        for (const t of bp.trunks ?? []) t.gateways = t.gateways.filter((g) => g !== 'pbx-vm-standby');
        for (const s of bp.services ?? []) if (s.hosts) s.hosts = s.hosts.filter((h) => h !== 'pbx-vm-standby');
      }),
    );
    const w = verdict(noStandby, 'koeln', 'internal', 'device:koeln/esx-a');
    expect(w.switchover!.parts).toEqual([{ label: 'HA restart on another host (90 s)', seconds: 90 }]);
    expect(w.switchover!.activeCallsDropped).toBe(true);
  });

  it('FT takes over at once, without dropping calls', () => {
    const m = variant(e, (bp) => {
      bp.sites[0]!.virtualization!.clusters[0]!.mode = 'ft';
    });
    const v = verdict(assess(m), 'koeln', 'internal', 'device:koeln/esx-a');
    expect(v.switchover).toMatchObject({ totalSeconds: 0, automatic: true, activeCallsDropped: false });
    expect(v.path!.find((p) => p.kind === 'gateway')!.note).toMatch(/FT secondary running/);
  });

  it('without HA/FT the VM lives and dies with its first host', () => {
    const m = variant(e, (bp) => {
      bp.sites[0]!.virtualization!.clusters[0]!.mode = 'none';
    });
    const v = verdict(assess(m), 'koeln', 'internal', 'device:koeln/esx-a');
    expect(v.path!.find((p) => p.kind === 'gateway')!.id).toBe('pbx-vm-standby');
  });
});

describe('master and slave (option 1)', () => {
  const b = assess(variant(EXAMPLE_B));

  it('the branch losing the WAN keeps internal calls, and emergency calls through its local lines', () => {
    const wan = 'uplink:reutlingen/voice-line+uplink:reutlingen/wan';
    expect(verdict(b, 'reutlingen', 'internal', wan)).toMatchObject({ survives: true, switchover: { totalSeconds: 0 } });
    const em = verdict(b, 'reutlingen', 'emergency', wan);
    expect(em.survives).toBe(true);
    expect(em.path!.find((p) => p.kind === 'trunk')!.id).toBe('plant-gsm');
  });

  it('without a local trunk the branch loses emergency calls with the WAN', () => {
    const m = variant(EXAMPLE_B, (bp) => {
      // No local trunk, and so no access line of its own: only the WAN to Stuttgart.
      bp.trunks = bp.trunks!.filter((t) => t.site !== 'reutlingen');
      const branch = byId(bp.sites, 'reutlingen');
      branch.uplinks = branch.uplinks!.filter((u) => u.id === 'wan');
      // Headquarters' trunks may even be valid for the branch's area: they are out of reach.
      for (const t of bp.trunks) t.emergency = { capable: true, areas: ['DE-0711', 'DE-07121'] };
    });
    const c = assess(m);
    expect(verdict(c, 'reutlingen', 'emergency', 'normal').survives).toBe(true);
    const v = verdict(c, 'reutlingen', 'emergency', 'uplink:reutlingen/wan');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/no trunk valid for emergency calls from area DE-07121 \(hq-pri, hq-sip\) is live and reachable from pbx-reutlingen/);
    expect(verdict(c, 'reutlingen', 'internal', 'uplink:reutlingen/wan').survives).toBe(true);
  });

  it('a slave that is not autonomous dies with the link to its master', () => {
    const m = variant(EXAMPLE_B, (bp) => {
      byId(bp.gateways, 'pbx-reutlingen').autonomous = false;
    });
    const v = verdict(assess(m), 'reutlingen', 'internal', 'uplink:reutlingen/voice-line+uplink:reutlingen/wan');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/pbx-reutlingen is down; pbx-hq-2 is unreachable/);
    expect(verdict(b, 'reutlingen', 'internal', 'uplink:reutlingen/voice-line+uplink:reutlingen/wan').survives).toBe(true);
  });

  it('the headquarters\' standby takes the branch over the WAN when the branch PBX breaks', () => {
    const v = verdict(b, 'reutlingen', 'internal', 'device:pbx-reutlingen');
    expect(v.path!.find((p) => p.kind === 'gateway')).toMatchObject({ id: 'pbx-hq-2', note: 'hot standby for pbx-reutlingen' });
    expect(v.switchover!.totalSeconds).toBe(60);
  });
});

describe('cloud PBX with local survivable gateways (f)', () => {
  const f = assess(variant('f-cloud-pbx-local-survivable.yaml'));

  it('a WAN outage at a branch hands its phones to its own survivable gateway, not to the other branch\'s', () => {
    const v = verdict(f, 'augsburg', 'internal', 'uplink:augsburg/fibre+uplink:augsburg/voice-line');
    expect(v.survives).toBe(true);
    expect(v.path!.find((p) => p.kind === 'gateway')!.id).toBe('lsg-augsburg');
    // Augsburg's survivable gateway is nothing Muenchen depends on.
    expect(f.matrix.some((v) => v.site === 'muenchen' && v.scenario.includes('lsg-augsburg'))).toBe(false);
  });

  it('the loss of an AZ moves the phones to whichever standby takes over first', () => {
    const v = verdict(f, 'muenchen', 'internal', 'cloud-az:eu-central-1a');
    // The survivable gateway (5 s x 3 + 30 s) is faster than DNS failover to AZ b (30 + 30 + 30 s).
    expect(v.path!.find((p) => p.kind === 'gateway')).toMatchObject({ id: 'lsg-muenchen' });
    expect(v.switchover!.totalSeconds).toBe(45);
    const r = evaluateScenario(variant('f-cloud-pbx-local-survivable.yaml'), { site: 'muenchen', service: 'internal', domains: ['cloud-az:eu-central-1a', 'device:lsg-muenchen'], durationMinutes: null });
    if (!('verdict' in r)) throw new Error('unknown ids');
    expect(r.verdict.path!.find((p) => p.kind === 'gateway')!.id).toBe('cloud-pbx-b');
    expect(r.verdict.switchover!.totalSeconds).toBe(90);
  });

  it('the loss of the region leaves the survivable gateways', () => {
    const v = verdict(f, 'muenchen', 'outbound', 'cloud-region:eu-central-1');
    expect(v.survives).toBe(true);
    expect(v.path!.find((p) => p.kind === 'gateway')!.id).toBe('lsg-muenchen');
  });

  it('without the survivable gateway a WAN policy cannot be met (RBC-R015)', () => {
    const m = variant('f-cloud-pbx-local-survivable.yaml', (bp) => {
      bp.gateways = bp.gateways.filter((g) => g.id !== 'lsg-augsburg');
      bp.trunks = bp.trunks!.filter((t) => !t.gateways.includes('lsg-augsburg'));
    });
    const b = assess(m);
    expect(findings(b, 'RBC-R015').map((x) => x.path)).toEqual(['sites/augsburg']);
  });
});
