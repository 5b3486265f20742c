// Failure domains and what fails with them: fire zones, buildings, cooling, power, PoE, supply
// lines, providers and single parts of a device (docs/analysis.md, "Failure domains").
import { describe, expect, it } from 'vitest';
import { assess, byId, EXAMPLE_A, findings, policy, variant, verdict } from './support/assess.js';

const a = assess(variant(EXAMPLE_A));

describe('failure domains of example (a)', () => {
  it('lists every domain once, sorted, with the kinds of the checklist', () => {
    const ids = a.domains.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'site:ulm',
        'building:ulm/main',
        'fire-zone:ulm/zone-a',
        'mains-feed:ulm/mains-1',
        'cooling:ulm/ac-east',
        'supply-line:ulm/duct-north',
        'provider:telekom',
        'device:pbx-east',
        'device:ulm/ups-east',
        'device:ulm/poe-west',
        'device:ulm/diesel',
        'uplink:ulm/fibre-1',
      ]),
    );
    // Two PSUs and two NICs: no single-part domains for the PBXs.
    expect(ids.filter((d) => d.startsWith('device:pbx-east:'))).toEqual([]);
  });

  it('every service survives normal operation on the normal path, without switchover', () => {
    for (const v of a.baseline!) {
      expect(v.survives, v.service).toBe(true);
      expect(v.switchover).toEqual({ totalSeconds: 0, automatic: true, parts: [], activeCallsDropped: false });
      expect(v.path!.find((p) => p.kind === 'gateway')!.id).toBe('pbx-east');
    }
  });

  it('a building takes its fire zones with it', () => {
    const v = verdict(a, 'ulm', 'internal', 'building:ulm/main');
    expect(v.survives).toBe(false);
    expect(v.cut).toEqual(['building:ulm/main']);
    expect(v.reason).toMatch(/no phone at Ulm headquarters has power and network/);
  });

  it('a fire in one zone leaves the phones of the other zone, and says how many remain', () => {
    const v = verdict(a, 'ulm', 'internal', 'fire-zone:ulm/zone-a');
    expect(v.survives).toBe(true);
    expect(v.path![0]!.note).toBe('90 of 180 phones live (PoE switch poe-west)');
    expect(v.path![1]).toMatchObject({ kind: 'gateway', id: 'pbx-west', note: 'hot standby for pbx-east' });
  });

  it('both gateways in one fire zone: a fire there cuts every service, RBC-R001 fires and the policy is violated', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-west').placement = { site: 'ulm', room: 'server-east' };
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'internal', 'fire-zone:ulm/zone-a');
    expect(v.survives).toBe(false);
    expect(v.cut).toEqual(['fire-zone:ulm/zone-a']);
    expect(v.reason).toMatch(/pbx-east is down; pbx-west is down/);
    expect(findings(b, 'RBC-R001').map((f) => f.path)).toEqual(['gateways/pbx-west']);
    expect(policy(b, 'telephony-fire').violations).toContainEqual(expect.objectContaining({ site: 'ulm', service: 'internal', scenario: 'fire-zone:ulm/zone-a' }));
  });

  it('a room overheats only when all its cooling units fail', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.sites[0]!.rooms, 'server-east').cooling = ['ac-east', 'ac-west'];
    });
    const b = assess(m);
    // ac-west alone heats only the west room (the standby's); the primary keeps its cool.
    expect(verdict(b, 'ulm', 'internal', 'cooling:ulm/ac-east').switchover!.totalSeconds).toBe(0);
    expect(verdict(b, 'ulm', 'internal', 'cooling:ulm/ac-west').switchover!.totalSeconds).toBe(0);
    // Both units together: both rooms overheat.
    expect(verdict(b, 'ulm', 'internal', 'cooling:ulm/ac-east+cooling:ulm/ac-west').survives).toBe(false);
  });

  it('a room without cooling units has no overheating domain', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      for (const r of bp.sites[0]!.rooms!) delete r.cooling;
      delete bp.sites[0]!.cooling;
    });
    const b = assess(m);
    expect(b.domains.some((d) => d.kind === 'cooling')).toBe(false);
    expect(b.matrix.some((v) => v.scenario.startsWith('cooling:'))).toBe(false);
  });

  it('a UPS with 30 minutes and no generator fails in a 4 h outage, and RBC-R005 fires', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      for (const u of bp.sites[0]!.power.ups!) {
        u.autonomyMinutes = 30;
        delete u.generator;
      }
      bp.sites[0]!.power.generators = [];
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'emergency', 'mains-feed:ulm/mains-1@240m');
    expect(v.survives).toBe(false);
    expect(v.cut).toEqual(['mains-feed:ulm/mains-1']);
    expect(findings(b, 'RBC-R005').map((f) => f.path)).toEqual(['sites/ulm/power/ups-east', 'sites/ulm/power/ups-west']);
    expect(findings(b, 'RBC-R005')[0]!.message).toMatch(/lasts 30 min, but policy emergency-always demands surviving a 240 min power outage/);
    // The same blueprint with the generator (example a) rides it out.
    expect(verdict(a, 'ulm', 'emergency', 'mains-feed:ulm/mains-1@240m').survives).toBe(true);
  });

  it('a generator that starts after the battery is empty does not take over', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      for (const u of bp.sites[0]!.power.ups!) u.autonomyMinutes = 0.25;
    });
    expect(verdict(assess(m), 'ulm', 'internal', 'mains-feed:ulm/mains-1@240m').survives).toBe(false);
  });

  it('the generator itself is a domain: it and the mains together are a double failure', () => {
    const v = verdict(a, 'ulm', 'internal', 'device:ulm/diesel+mains-feed:ulm/mains-1@240m');
    expect(v.survives).toBe(false);
    expect(a.scenarios.find((s) => s.id === 'device:ulm/diesel+mains-feed:ulm/mains-1@240m')).toMatchObject({ origin: 'double', durationMinutes: 240 });
  });

  it('PoE switches on mains go dark in a power outage; the phones on UPS remain (RBC-R006)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.sites[0]!.poeSwitches, 'poe-east').power = 'mains-1';
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'internal', 'mains-feed:ulm/mains-1@240m');
    expect(v.survives).toBe(true);
    expect(v.path![0]!.note).toBe('90 of 180 phones live (PoE switch poe-west)');
    expect(findings(b, 'RBC-R006').map((f) => f.path)).toEqual(['sites/ulm/poe-switches/poe-east']);
  });

  it('trunks from two providers in one duct: one cut takes both (RBC-R003, not RBC-R004)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.sites[0]!.uplinks, 'fibre-1').supplyLine = 'duct-north';
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'outbound', 'supply-line:ulm/duct-north');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/no trunk \(swu-sip, telekom-pri\) is live and reachable from pbx-east/);
    expect(findings(b, 'RBC-R003').map((f) => f.message)).toEqual(['All 2 trunks of site ulm (swu-sip, telekom-pri) enter through supply line duct-north: one cut takes them all.']);
    expect(findings(b, 'RBC-R004')).toEqual([]);
    expect(policy(b, 'emergency-always').violations).toContainEqual(expect.objectContaining({ service: 'emergency', scenario: 'supply-line:ulm/duct-north' }));
  });

  it('two separate ducts: each cut leaves the other trunk', () => {
    expect(verdict(a, 'ulm', 'outbound', 'supply-line:ulm/duct-north').path!.find((p) => p.kind === 'trunk')!.id).toBe('swu-sip');
    expect(verdict(a, 'ulm', 'outbound', 'supply-line:ulm/duct-south').path!.find((p) => p.kind === 'trunk')!.id).toBe('telekom-pri');
    expect(verdict(a, 'ulm', 'outbound', 'supply-line:ulm/duct-north+supply-line:ulm/duct-south').survives).toBe(false);
  });

  it('a provider outage takes its trunks and its uplinks', () => {
    const v = verdict(a, 'ulm', 'outbound', 'provider:stadtwerke-net');
    expect(v.path!.find((p) => p.kind === 'trunk')!.id).toBe('telekom-pri');
    expect(verdict(a, 'ulm', 'outbound', 'provider:stadtwerke-net+provider:telekom').survives).toBe(false);
  });

  it('a single PSU, NIC or disk is a domain of its own, which the standby covers', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      const g = byId(bp.gateways, 'pbx-east');
      g.psus = ['ups-east'];
      g.nics = 1;
      g.storage = 'single-disk';
    });
    const b = assess(m);
    for (const part of ['psu', 'nic', 'disk']) {
      const v = verdict(b, 'ulm', 'internal', `device:pbx-east:${part}`);
      expect(v.survives).toBe(true);
      expect(v.switchover!.totalSeconds).toBe(45);
    }
    expect(findings(b, 'RBC-R016').map((f) => f.path)).toEqual(['gateways/pbx-east']);
    expect(findings(b, 'RBC-R017').map((f) => f.path)).toEqual(['gateways/pbx-east']);
    expect(findings(b, 'RBC-R018').map((f) => f.path)).toEqual(['gateways/pbx-east']);
  });

  it('the matrix lists for a service only the scenarios that touch what it depends on', () => {
    const internal = a.matrix.filter((v) => v.service === 'internal').map((v) => v.scenario);
    expect(internal.some((s) => s.startsWith('supply-line:') || s.startsWith('provider:'))).toBe(false);
    const outbound = a.matrix.filter((v) => v.service === 'outbound').map((v) => v.scenario);
    expect(outbound).toContain('supply-line:ulm/duct-north');
    const rows = a.matrix.map((v) => `${v.site}\u0000${v.service}\u0000${v.scenario}`);
    expect(rows).toEqual([...rows].sort());
  });
});
