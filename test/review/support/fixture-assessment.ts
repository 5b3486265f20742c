// Hand-written analysis.json for the main example and each kind of change: what the failure
// analysis concludes, written out by hand so that the review can be tested on its own. The
// numbers follow DESIGN.md's failure semantics (hot standby: 5 s x 3 detection + 30 s
// re-registration = 45 s; Telekom moves the number block on request after its lead time).
import type { Assessment, CutSet, FailureDomain, Finding, PolicyVerdict, Scenario, Verdict } from '../../../analysis/types.js';
import type { ChangeKind } from './variants.js';

type Variant = ChangeKind | 'base';

const SERVICES = [
  ['emergency', 'emergency'],
  ['incoming', 'incoming'],
  ['internal', 'internal'],
  ['outbound', 'outbound'],
] as const;

const d = (id: string, kind: FailureDomain['kind'], site: string | null, path: string, label: string): FailureDomain => ({ id, kind, site, path, label });

function domains(v: Variant): FailureDomain[] {
  const list = [
    d('cooling:ulm/ac-east', 'cooling', 'ulm', 'sites/ulm/cooling/ac-east', 'cooling ac-east (Ulm headquarters)'),
    d('cooling:ulm/ac-west', 'cooling', 'ulm', 'sites/ulm/cooling/ac-west', 'cooling ac-west (Ulm headquarters)'),
    d('device:pbx-east', 'device', 'ulm', 'gateways/pbx-east', 'PBX east (primary)'),
    d('device:pbx-west', 'device', 'ulm', 'gateways/pbx-west', 'PBX west (hot standby)'),
    d('device:ulm/diesel', 'device', 'ulm', 'sites/ulm/power/diesel', 'Diesel generator (Ulm headquarters)'),
    d('fire-zone:ulm/zone-a', 'fire-zone', 'ulm', 'sites/ulm/fire-zones/zone-a', 'fire zone East wing (Main building, Ulm headquarters)'),
    d('fire-zone:ulm/zone-b', 'fire-zone', 'ulm', 'sites/ulm/fire-zones/zone-b', 'fire zone West wing (Main building, Ulm headquarters)'),
    d('mains-feed:ulm/mains-1', 'mains-feed', 'ulm', 'sites/ulm/power/mains-1', 'Mains feed 1 (Ulm headquarters)'),
    d('provider:stadtwerke-net', 'provider', null, 'providers/stadtwerke-net', 'SWU TeleNet'),
    d('provider:telekom', 'provider', null, 'providers/telekom', 'Deutsche Telekom'),
    d('site:ulm', 'site', 'ulm', 'sites/ulm', 'site Ulm headquarters'),
    d('supply-line:ulm/duct-north', 'supply-line', 'ulm', 'sites/ulm/supply-lines/duct-north', 'supply line duct-north (North duct from Karlstrasse)'),
    d('supply-line:ulm/duct-south', 'supply-line', 'ulm', 'sites/ulm/supply-lines/duct-south', 'supply line duct-south (South duct from Neutorstrasse)'),
  ];
  if (v === 'add-branch') {
    list.push(
      d('device:pbx-neu-ulm', 'device', 'neu-ulm', 'gateways/pbx-neu-ulm', 'PBX Neu-Ulm'),
      d('fire-zone:neu-ulm/floor-1', 'fire-zone', 'neu-ulm', 'sites/neu-ulm/fire-zones/floor-1', 'fire zone First floor (Office, Neu-Ulm branch)'),
      d('supply-line:neu-ulm/entry', 'supply-line', 'neu-ulm', 'sites/neu-ulm/supply-lines/entry', 'supply line entry (Street side)'),
    );
  }
  return list.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const CLASS: Record<string, Scenario['class']> = {
  cooling: 'overheating',
  device: 'technical-damage',
  'fire-zone': 'fire-zone',
  'mains-feed': 'power-outage',
  provider: 'provider-outage',
  site: 'site',
  'supply-line': 'supply-line',
};

function scenarios(v: Variant): Scenario[] {
  const out: Scenario[] = domains(v)
    .filter((x) => x.id !== 'device:ulm/diesel')
    .map((x) => {
      const power = x.kind === 'mains-feed';
      return {
        id: power ? `${x.id}@240m` : x.id,
        class: CLASS[x.kind]!,
        label: power ? `power outage of 240 min (${x.label})` : x.label,
        domains: [x.id],
        durationMinutes: power ? 240 : null,
        origin: power ? ('policy' as const) : ('single' as const),
      };
    });
  // The generator fails to start during an hour without mains: the UPS alone must carry it.
  out.push({
    id: 'device:ulm/diesel+mains-feed:ulm/mains-1@60m',
    class: 'power-outage',
    label: 'power outage of 60 min with the generator failing (Mains feed 1, Diesel generator)',
    domains: ['device:ulm/diesel', 'mains-feed:ulm/mains-1'],
    durationMinutes: 60,
    origin: 'double',
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

const HOT = { totalSeconds: 45, automatic: true, activeCallsDropped: true, parts: [{ label: 'detection (5 s x 3)', seconds: 15 }, { label: 're-registration of phones and trunks', seconds: 30 }] };
const NONE = { totalSeconds: 0, automatic: true, activeCallsDropped: false, parts: [] };
const reroute = (minutes: number) => ({
  totalSeconds: minutes * 60,
  automatic: false,
  activeCallsDropped: true,
  parts: [{ label: `number rerouting by Deutsche Telekom (on request, ${minutes} min)`, seconds: minutes * 60 }],
});

function verdict(site: string, service: string, scenario: string, survives: boolean, switchover: Verdict['switchover'], reason: string, cut: string[] | null = null): Verdict {
  return {
    site, service, kind: service as Verdict['kind'], scenario, survives,
    switchover: survives ? switchover : null,
    path: survives ? [{ kind: 'gateway', id: 'pbx-east', path: 'gateways/pbx-east', note: null }] : null,
    cut: survives ? null : cut,
    reason,
  };
}

function ulmVerdicts(v: Variant): Verdict[] {
  const out: Verdict[] = [];
  const sameZone = v === 'standby-into-primary-zone';
  const oneTrunk = v === 'remove-second-trunk';
  const leadMinutes = v === 'rerouting-lead-time' ? 480 : 240;
  for (const [service] of SERVICES) {
    const trunkService = service !== 'internal';
    const add = (scenario: string, survives: boolean, sw: Verdict['switchover'], reason: string, cut: string[] | null = null) =>
      out.push(verdict('ulm', service, scenario, survives, sw, reason, cut));
    // Primary down: the hot standby takes over, unless it burns or overheats with it.
    for (const [scenario, shared] of [['fire-zone:ulm/zone-a', sameZone], ['cooling:ulm/ac-east', sameZone], ['device:pbx-east', false]] as const) {
      if (shared) add(scenario, false, null, 'Both PBXs are in the affected area.', [scenario]);
      else add(scenario, true, HOT, 'pbx-west (hot standby for pbx-east) takes over.');
    }
    add('site:ulm', false, null, 'Every component of the site is down.', ['site:ulm']);
    add('mains-feed:ulm/mains-1@240m', true, NONE, 'The UPS bridges until the generator runs.');
    const upsHolds = v !== 'shorter-ups-autonomy';
    add(
      'device:ulm/diesel+mains-feed:ulm/mains-1@60m',
      upsHolds,
      NONE,
      upsHolds ? 'The UPS (60 min) carries the phones and both PBXs through the outage.' : "The UPS (15 min) runs out; the phones' PoE switches lose power.",
      upsHolds ? null : ['device:ulm/diesel', 'mains-feed:ulm/mains-1'],
    );
    if (!trunkService) continue;
    // North duct or Telekom down: the SIP trunk of SWU TeleNet carries outbound and emergency calls;
    // incoming calls wait for Telekom to move the number block.
    for (const scenario of ['supply-line:ulm/duct-north', 'provider:telekom']) {
      if (oneTrunk) add(scenario, false, null, 'No trunk is left.', [scenario]);
      else if (service === 'incoming') add(scenario, true, reroute(leadMinutes), 'Deutsche Telekom routes the number block to swu-sip on request.');
      else add(scenario, true, NONE, 'swu-sip carries the calls.');
    }
    if (!oneTrunk) {
      for (const scenario of ['supply-line:ulm/duct-south', 'provider:stadtwerke-net']) {
        add(scenario, true, NONE, service === 'incoming' ? 'telekom-pri is untouched.' : 'telekom-pri carries the calls.');
      }
    }
  }
  return out;
}

function branchVerdicts(): Verdict[] {
  const out: Verdict[] = [];
  for (const [service] of SERVICES) {
    for (const scenario of ['device:pbx-neu-ulm', 'fire-zone:neu-ulm/floor-1']) {
      out.push(verdict('neu-ulm', service, scenario, false, null, 'The only PBX of the site is down.', [scenario]));
    }
    if (service !== 'internal') {
      for (const scenario of ['supply-line:neu-ulm/entry', 'provider:telekom']) {
        out.push(verdict('neu-ulm', service, scenario, false, null, 'No trunk is left.', [scenario]));
      }
    }
  }
  return out;
}

function policies(v: Variant): PolicyVerdict[] {
  const emergency: PolicyVerdict['violations'][number][] = [];
  const telephony: PolicyVerdict['violations'][number][] = [];
  if (v === 'remove-second-trunk') {
    for (const s of ['provider:telekom', 'supply-line:ulm/duct-north']) emergency.push({ site: 'ulm', service: 'emergency', scenario: s, reason: 'No trunk is left.' });
  }
  if (v === 'standby-into-primary-zone') {
    for (const s of ['cooling:ulm/ac-east', 'fire-zone:ulm/zone-a']) {
      emergency.push({ site: 'ulm', service: 'emergency', scenario: s, reason: 'Both PBXs are in the affected area.' });
    }
    for (const svc of ['internal', 'outbound']) telephony.push({ site: 'ulm', service: svc, scenario: 'fire-zone:ulm/zone-a', reason: 'Both PBXs are in the affected area.' });
  }
  if (v === 'add-branch') {
    for (const s of ['device:pbx-neu-ulm', 'fire-zone:neu-ulm/floor-1', 'provider:telekom', 'supply-line:neu-ulm/entry']) {
      emergency.push({ site: 'neu-ulm', service: 'emergency', scenario: s, reason: s.startsWith('device') || s.startsWith('fire') ? 'The only PBX of the site is down.' : 'No trunk is left.' });
    }
    for (const svc of ['internal', 'outbound']) {
      for (const s of ['device:pbx-neu-ulm', 'fire-zone:neu-ulm/floor-1']) telephony.push({ site: 'neu-ulm', service: svc, scenario: s, reason: 'The only PBX of the site is down.' });
    }
  }
  return [
    { policy: 'emergency-always', met: emergency.length === 0, violations: emergency },
    { policy: 'telephony-fire', met: telephony.length === 0, violations: telephony },
  ];
}

function cutSets(v: Variant): CutSet[] {
  const all = SERVICES.map(([s]) => ({ site: 'ulm', service: s }));
  const trunked = all.filter((a) => a.service !== 'internal');
  const out: CutSet[] = [{ order: 1, domains: ['site:ulm'], affects: all }];
  if (v === 'remove-second-trunk') {
    out.push({ order: 1, domains: ['provider:telekom'], affects: trunked }, { order: 1, domains: ['supply-line:ulm/duct-north'], affects: trunked });
  } else {
    out.push({ order: 2, domains: ['supply-line:ulm/duct-north', 'supply-line:ulm/duct-south'], affects: trunked });
  }
  if (v === 'standby-into-primary-zone') {
    out.push({ order: 1, domains: ['cooling:ulm/ac-east'], affects: all }, { order: 1, domains: ['fire-zone:ulm/zone-a'], affects: all });
  } else {
    out.push({ order: 2, domains: ['fire-zone:ulm/zone-a', 'fire-zone:ulm/zone-b'], affects: all });
  }
  if (v === 'shorter-ups-autonomy') out.push({ order: 2, domains: ['device:ulm/diesel', 'mains-feed:ulm/mains-1'], affects: all });
  if (v === 'add-branch') {
    const branch = SERVICES.map(([s]) => ({ site: 'neu-ulm', service: s }));
    out.push(
      { order: 1, domains: ['device:pbx-neu-ulm'], affects: branch },
      { order: 1, domains: ['fire-zone:neu-ulm/floor-1'], affects: branch },
      { order: 1, domains: ['supply-line:neu-ulm/entry'], affects: branch.filter((b) => b.service !== 'internal') },
    );
  }
  return out.sort((a, b) => a.order - b.order || (a.domains.join('+') < b.domains.join('+') ? -1 : 1));
}

function findings(v: Variant): Finding[] {
  const out: Finding[] = [
    {
      rule: 'RBC-R010',
      severity: 'warning',
      message: 'Gateway pbx-east keeps its backups on the device itself; a fire in zone-a destroys them with it.',
      path: 'gateways/pbx-east',
      acknowledged: null,
    },
  ];
  if (v === 'remove-second-trunk') {
    out.push({ rule: 'RBC-R004', severity: 'error', message: 'Site ulm has one trunk only: a cut of duct-north or an outage of Deutsche Telekom ends every external call.', path: 'sites/ulm', acknowledged: null });
  }
  if (v === 'standby-into-primary-zone') {
    out.push({ rule: 'RBC-R001', severity: 'error', message: 'Standby pbx-west is in fire zone zone-a, the same as its primary pbx-east.', path: 'gateways/pbx-west', acknowledged: null });
  }
  return out.sort((a, b) => (a.rule + a.path < b.rule + b.path ? -1 : 1));
}

/** analysis.json of the main example, or of the example with one change applied. */
export function fixtureAssessment(v: Variant): Assessment {
  const matrix = [...ulmVerdicts(v), ...(v === 'add-branch' ? branchVerdicts() : [])].sort((a, b) => {
    const ka = `${a.site}\u0000${a.service}\u0000${a.scenario}`;
    const kb = `${b.site}\u0000${b.service}\u0000${b.scenario}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return { version: 1, domains: domains(v), scenarios: scenarios(v), matrix, policies: policies(v), pointsOfFailure: cutSets(v), findings: findings(v) };
}
