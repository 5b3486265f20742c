// Calls to and from the public network: trunks, number blocks and their rerouting, emergency
// calls (location, valid area, notification desk), services hosted elsewhere and requirements
// (docs/analysis.md, "Survival of a service").
import { describe, expect, it } from 'vitest';
import type { Blueprint } from '../../schema/blueprint.js';
import { assess, byId, EXAMPLE_A, findings, policy, variant, verdict } from './support/assess.js';

const a = assess(variant(EXAMPLE_A));

describe('incoming calls and number blocks', () => {
  it('normally arrive on the trunk that carries the block', () => {
    const v = verdict(a, 'ulm', 'incoming', 'normal');
    expect(v.path!.filter((p) => p.kind === 'number-block' || p.kind === 'trunk').map((p) => `${p.kind} ${p.id}`)).toEqual(['number-block main-block', 'trunk telekom-pri']);
  });

  it('on request with a 4 h lead time: survives a cut after 4 h, by hand, and violates a 1 h policy', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      bp.policies!.push({ id: 'numbers-within-the-hour', services: ['incoming'], scenarios: [{ class: 'supply-line' }], maxSwitchoverSeconds: 3600 });
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'incoming', 'supply-line:ulm/duct-north');
    expect(v.survives).toBe(true);
    expect(v.switchover).toMatchObject({ totalSeconds: 4 * 3600, automatic: false, activeCallsDropped: true });
    expect(v.switchover!.parts).toEqual([{ label: 'number block main-block rerouted by Deutsche Telekom on request (240 min lead time)', seconds: 14400 }]);
    expect(v.path!.find((p) => p.kind === 'number-block')!.note).toBe('rerouted by telekom to trunk swu-sip (on-request)');
    expect(policy(b, 'numbers-within-the-hour').violations).toEqual([
      {
        site: 'ulm',
        service: 'incoming',
        scenario: 'supply-line:ulm/duct-north',
        reason: 'the switchover takes 4 h, more than the 1 h allowed (number block main-block rerouted by Deutsche Telekom on request (240 min lead time): 4 h)',
        rpo: null,
      },
    ]);
  });

  it('automatic rerouting is automatic and takes its lead time', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.providers, 'telekom').rerouting = { mode: 'automatic', leadTimeMinutes: 2 };
    });
    const v = verdict(assess(m), 'ulm', 'incoming', 'supply-line:ulm/duct-north');
    expect(v.switchover).toMatchObject({ totalSeconds: 120, automatic: true });
  });

  it('the block\'s own provider down: nobody reroutes it', () => {
    const v = verdict(a, 'ulm', 'incoming', 'provider:telekom');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/its provider telekom, who would reroute it, is down/);
  });

  it('no rerouting and a single carrying trunk: the block dies with the trunk (RBC-R010)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.providers, 'telekom').rerouting = { mode: 'none' };
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'incoming', 'supply-line:ulm/duct-north');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/number block main-block: its trunk telekom-pri is down or unreachable, and provider telekom does not reroute it \(rerouting none\)/);
    expect(findings(b, 'RBC-R010').map((f) => f.path)).toEqual(['sites/ulm/number-blocks/main-block']);
    expect(findings(a, 'RBC-R010')).toEqual([]);
  });

  it('a site without a number block cannot receive calls', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      delete bp.sites[0]!.numberBlocks;
      delete byId(bp.trunks, 'telekom-pri').numberBlocks;
    });
    const v = verdict(assess(m), 'ulm', 'incoming', 'normal');
    expect(v.survives).toBe(false);
    expect(v.cut).toEqual([]);
    expect(v.reason).toBe('Fails even in normal operation: site ulm has no number block, so it cannot receive incoming calls.');
  });
});

describe('emergency calls', () => {
  it('need a trunk valid for the site\'s area (RBC-R011)', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      for (const t of bp.trunks!) t.emergency = { capable: true, areas: ['DE-089'] };
    });
    const b = assess(m);
    const v = verdict(b, 'ulm', 'emergency', 'normal');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/no trunk available to ulm is emergency-capable, from a provider that delivers emergency calls, and valid for area DE-0731/);
    expect(findings(b, 'RBC-R011').map((f) => f.message)).toEqual(['Emergency calls from site ulm (area DE-0731) can only use trunks swu-sip, telekom-pri, which are not valid for that area.']);
    // Outbound calls do not care.
    expect(verdict(b, 'ulm', 'outbound', 'normal').survives).toBe(true);
  });

  it('need a provider that delivers emergency calls', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.providers, 'stadtwerke-net').emergencyCalls = false;
    });
    const b = assess(m);
    expect(verdict(b, 'ulm', 'emergency', 'normal').path!.find((p) => p.kind === 'trunk')!.id).toBe('telekom-pri');
    expect(verdict(b, 'ulm', 'emergency', 'supply-line:ulm/duct-north').survives).toBe(false);
    expect(verdict(b, 'ulm', 'outbound', 'supply-line:ulm/duct-north').survives).toBe(true);
  });

  it('need a dispatchable location', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      delete bp.sites[0]!.emergency!.location.floor;
      delete bp.sites[0]!.emergency!.location.room;
    });
    const v = verdict(assess(m), 'ulm', 'emergency', 'normal');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/the emergency location of ulm is not dispatchable/);
  });

  it('with a notification desk, need the desk: its fire zone and its PoE switch', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      bp.sites[0]!.emergency!.notification = { desk: 'Reception', fireZone: 'zone-a', poeSwitch: 'poe-east' };
    });
    const b = assess(m);
    const zone = verdict(b, 'ulm', 'emergency', 'fire-zone:ulm/zone-a');
    expect(zone.survives).toBe(false);
    expect(zone.reason).toMatch(/the emergency notification desk Reception is down \(fire zone zone-a, PoE switch poe-east\)/);
    expect(verdict(b, 'ulm', 'emergency', 'device:ulm/poe-east').survives).toBe(false);
    expect(verdict(b, 'ulm', 'emergency', 'fire-zone:ulm/zone-b').path!.map((p) => p.kind)).toContain('notification');
    // Other calls do not need the desk.
    expect(verdict(b, 'ulm', 'internal', 'device:ulm/poe-east').survives).toBe(true);
  });
});

describe('services hosted elsewhere and requirements', () => {
  const withCrm = (edit: (bp: Blueprint) => void = () => {}) =>
    variant(EXAMPLE_A, (bp) => {
      bp.gateways.push({ id: 'crm-server', kind: 'application-server', form: 'appliance', placement: { site: 'ulm', room: 'server-west' }, psus: ['ups-west'], nics: 2 });
      bp.services = [{ id: 'salesforce', kind: 'crm', hosts: ['crm-server'], requires: ['cti'] }];
      edit(bp);
    });

  it('a service runs on its host when the serving gateway does not host it', () => {
    const v = verdict(assess(withCrm()), 'ulm', 'salesforce', 'normal');
    expect(v.survives).toBe(true);
    expect(v.path!.map((p) => `${p.kind} ${p.id}`)).toEqual(['phones ulm', 'gateway pbx-east', 'host crm-server']);
  });

  it('fails with its host', () => {
    const v = verdict(assess(withCrm()), 'ulm', 'salesforce', 'device:crm-server');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/pbx-east does not host crm, and no host of service salesforce \(crm-server\) is live and reachable from it/);
  });

  it('fails when a service it requires fails', () => {
    const m = withCrm((bp) => {
      byId(bp.gateways, 'pbx-west').services = ['internal', 'incoming', 'outbound', 'emergency'];
      byId(bp.gateways, 'pbx-east').services = ['internal', 'incoming', 'outbound', 'emergency', 'cti'];
    });
    const v = verdict(assess(m), 'ulm', 'salesforce', 'device:pbx-east');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/it requires cti, which fails: pbx-west does not host cti/);
  });

  it('telephony services need internal calls', () => {
    const m = variant(EXAMPLE_A, (bp) => {
      byId(bp.gateways, 'pbx-east').services = ['incoming', 'outbound', 'emergency'];
      byId(bp.gateways, 'pbx-west').services = ['incoming', 'outbound', 'emergency'];
      bp.gateways.push({ id: 'pbx-internal', form: 'appliance', placement: { site: 'ulm', room: 'server-west' }, psus: ['ups-west'], nics: 2, services: ['internal'], serves: [] });
    });
    const b = assess(m);
    expect(verdict(b, 'ulm', 'outbound', 'normal').survives).toBe(true);
    const v = verdict(b, 'ulm', 'outbound', 'device:pbx-internal');
    expect(v.survives).toBe(false);
    expect(v.reason).toMatch(/it requires internal, which fails/);
  });
});
