// The sections of a site's runbook, computed from the model of example a and hand-built
// assessments, so that each rule of the checklist, the procedures, the matrix and the drill plan
// is pinned down independently of the analysis.
import { describe, expect, it } from 'vitest';
import type { Assessment, Finding, Verdict } from '../../analysis/types.js';
import type { Model, ServiceKind } from '../../model/types.js';
import { indexModel } from '../../generators/runbooks/context.js';
import { buildSiteView } from '../../generators/runbooks/site.js';
import { CHECKLIST, RULE_ITEMS } from '../../generators/runbooks/checklist.js';
import { RULES } from '../../analysis/rules/registry.js';
import type { ChecklistItemView, SiteRunbookView } from '../../generators/runbooks/view.js';
import { assessment, domain, exampleObject, HOT, modelFromObject, scenario, stubSvg, verdict } from './support.js';

const SERVICES: ServiceKind[] = ['internal', 'incoming', 'outbound', 'emergency'];

const D = {
  zoneA: domain('fire-zone:ulm/zone-a', 'fire-zone', 'sites/ulm/fire-zones/zone-a', 'fire zone zone-a (building main, Ulm headquarters)'),
  main: domain('building:ulm/main', 'building', 'sites/ulm/buildings/main', 'building main (Ulm headquarters)'),
  north: domain('supply-line:ulm/duct-north', 'supply-line', 'sites/ulm/supply-lines/duct-north', 'supply line duct-north (Ulm headquarters)'),
  east: domain('device:pbx-east', 'device', 'gateways/pbx-east', 'gateway pbx-east at Ulm headquarters'),
  mains: domain('mains-feed:ulm/mains-1', 'mains-feed', 'sites/ulm/power/mains-1', 'mains feed mains-1 (Ulm headquarters)'),
};
const S = {
  zoneA: scenario('fire-zone:ulm/zone-a', 'fire-zone', [D.zoneA.id], 'fire or flood in fire zone zone-a'),
  main: scenario('building:ulm/main', 'building', [D.main.id], 'fire or flood in building main'),
  north: scenario('supply-line:ulm/duct-north', 'supply-line', [D.north.id], 'external damage: cut of supply line duct-north'),
  east: scenario('device:pbx-east', 'technical-damage', [D.east.id], 'technical damage of gateway pbx-east'),
  power: scenario('mains-feed:ulm/mains-1@240m', 'power-outage', [D.mains.id], 'power outage of mains feed mains-1 for 240 min', 'single', 240),
  eastZoneA: scenario('device:pbx-east+fire-zone:ulm/zone-a', 'fire-zone', [D.east.id, D.zoneA.id], 'technical damage of gateway pbx-east and fire or flood in fire zone zone-a', 'double'),
};

const hotVia = (gw: string, trunk?: string): Partial<Verdict> => ({
  switchover: HOT,
  path: [{ kind: 'gateway', id: gw, path: `gateways/${gw}`, note: 'hot standby for pbx-east' }, ...(trunk ? [{ kind: 'trunk' as const, id: trunk, path: `trunks/${trunk}`, note: null }] : [])],
});

/** Every service survives every scenario; `override` replaces single verdicts. */
function verdicts(override: Verdict[] = []): Verdict[] {
  const base: Verdict[] = [];
  for (const s of [S.zoneA, S.east]) for (const k of SERVICES) base.push(verdict(s.id, k, true, hotVia('pbx-west', k === 'internal' ? undefined : 'swu-sip')));
  for (const k of SERVICES) base.push(verdict(S.main.id, k, false));
  for (const k of SERVICES) base.push(verdict(S.power.id, k, true));
  for (const k of SERVICES) base.push(verdict(S.eastZoneA.id, k, false));
  base.push(verdict(S.north.id, 'outbound', true));
  base.push(
    verdict(S.north.id, 'incoming', true, {
      switchover: { totalSeconds: 14400, automatic: false, parts: [{ label: 'number block main-block rerouted by Deutsche Telekom on request (240 min lead time)', seconds: 14400 }], activeCallsDropped: true },
      path: [
        { kind: 'gateway', id: 'pbx-east', path: 'gateways/pbx-east', note: 'normal operation' },
        { kind: 'number-block', id: 'main-block', path: 'sites/ulm/number-blocks/main-block', note: 'rerouted by telekom to trunk swu-sip (on-request)' },
        { kind: 'trunk', id: 'swu-sip', path: 'trunks/swu-sip', note: null },
      ],
    }),
  );
  const key = (v: Verdict) => `${v.scenario}|${v.service}`;
  const over = new Map(override.map((v) => [key(v), v]));
  const known = new Set(base.map(key));
  return [...base.map((v) => over.get(key(v)) ?? v), ...override.filter((v) => !known.has(key(v)))];
}

function build(model: Model, parts: { matrix?: Verdict[]; findings?: Finding[]; policies?: Assessment['policies'] } = {}): Promise<SiteRunbookView> {
  const a = assessment({ domains: Object.values(D), scenarios: Object.values(S), matrix: parts.matrix ?? verdicts(), findings: parts.findings, policies: parts.policies });
  return buildSiteView(indexModel(model, a), model.sites[0]!, { renderSvg: stubSvg });
}

const mainModel = () => modelFromObject(exampleObject());
const item = (v: SiteRunbookView, id: string): ChecklistItemView => v.checklist.groups.flatMap((g) => g.items).find((i) => i.id === id)!;
const procedure = (v: SiteRunbookView, title: RegExp) => [...v.procedures, ...v.combined].find((p) => title.test(p.title))!;
const allText = (p: readonly { text: string; details: readonly string[] }[]) => p.map((s) => [s.text, ...s.details].join('\n')).join('\n');

describe('checklist', () => {
  it('knows, for every design rule, which checklist items its findings are about', () => {
    const items = new Set(CHECKLIST.flatMap((g) => g.items.map((i) => i.id)));
    for (const rule of RULES) {
      expect(RULE_ITEMS[rule.meta.id], rule.meta.id).toBeDefined();
      for (const item of RULE_ITEMS[rule.meta.id]!) expect(items.has(item), `${rule.meta.id} -> ${item}`).toBe(true);
    }
  });

  it('covers fire when every service survives every fire-zone failure; a lost building does not count against it', async () => {
    const v = await build(mainModel());
    const fire = item(v, 'fire-flooding');
    expect(fire.state).toBe('covered');
    expect(fire.evidence.join('\n')).toMatch(/Fire or flood in fire zone zone-a: every service survives, the longest switchover is 45 s \(automatic\)/);
    expect(fire.evidence.join('\n')).toMatch(/Fire or flood in building main: the site's phones themselves are lost/);
    const groups = v.checklist.groups.map((g) => g.items.length);
    expect(groups).toEqual([6, 9, 14, 5]);
    const c = v.checklist.counts;
    expect(c.covered + c.notCovered + c.notApplicable + c.acknowledged).toBe(34);
  });

  it('is not covered when a service fails in a fire zone, and names it', async () => {
    const v = await build(mainModel(), { matrix: verdicts([verdict(S.zoneA.id, 'emergency', false)]) });
    const fire = item(v, 'fire-flooding');
    expect(fire.state).toBe('not-covered');
    expect(fire.symbol).toBe('✘');
    expect(fire.evidence).toContain('Fire or flood in fire zone zone-a: Emergency calls fails.');
    expect(item(v, 'emergency').state).toBe('not-covered');
    expect(item(v, 'emergency').evidence[0]).toMatch(/^Emergency calls: fails in 1 of \d+ single failures: Fire or flood in fire zone zone-a/);
  });

  it('turns a not-covered item into an acknowledged risk only when every finding about it is acknowledged', async () => {
    const failing = verdicts([verdict(S.zoneA.id, 'emergency', false)]);
    const finding = (acknowledged: Finding['acknowledged']): Finding => ({
      rule: 'RBC-R001',
      severity: 'error',
      message: "Standby 'pbx-west' stands in the same fire zone as 'pbx-east'.",
      path: 'gateways/pbx-west',
      acknowledged,
    });
    const ack = { reason: 'A second server room is being built; until then the risk is accepted.', owner: 'Head of IT', expires: '2026-12-31' };
    const accepted = item(await build(mainModel(), { matrix: failing, findings: [finding(ack)] }), 'fire-flooding');
    expect(accepted.state).toBe('acknowledged');
    expect(accepted.stateLabel).toBe('acknowledged risk');
    expect(accepted.acknowledgements).toEqual([`RBC-R001 on gateways/pbx-west: "${ack.reason}" (accepted by Head of IT, until 2026-12-31)`]);
    const open = item(await build(mainModel(), { matrix: failing, findings: [finding(null), finding(ack)] }), 'fire-flooding');
    expect(open.state).toBe('not-covered');
    expect(open.evidence.join('\n')).toContain("Finding RBC-R001 (error) on gateways/pbx-west: Standby 'pbx-west' stands in the same fire zone as 'pbx-east'.");
    // A finding of another site does not touch this one.
    const elsewhere = item(await build(mainModel(), { matrix: failing, findings: [{ ...finding(ack), path: 'sites/elsewhere/poe-switches/x' }] }), 'fire-flooding');
    expect(elsewhere.state).toBe('not-covered');
  });

  it('resolves redundancy items from the model', async () => {
    const v = await build(mainModel());
    expect(item(v, 'ups').state).toBe('covered');
    expect(item(v, 'ups').evidence).toContain('PoE switch poe-east (90 phones): on UPS ups-east.');
    expect(item(v, 'second-psu').evidence).toContain('Gateway pbx-east: 2 power supplies on ups-east and mains-1.');
    expect(item(v, 'virtualization').state).toBe('not-applicable');
    expect(item(v, 'standby').state).toBe('covered');
    expect(item(v, 'standby').evidence[0]).toBe(
      'Gateway pbx-west is hot standby for pbx-east (registration); expected switchover 45 s: detection (5 s x 3) 15 s + re-registration of phones and trunks 30 s.',
    );
    expect(item(v, 'takeover').evidence[0]).toMatch(/^Calls in progress are dropped on every switchover/);
    // The SIP trunk rides the only uplink, but the ISDN trunk does not: no single uplink cuts the site off.
    expect(item(v, 'network').state).toBe('covered');
  });

  it('flags a PoE switch on mains, a single uplink carrying every trunk, and missing SNMP', async () => {
    const bp = exampleObject();
    bp.sites[0].poeSwitches[1].power = 'mains-1';
    delete bp.monitoring.snmp;
    bp.trunks = bp.trunks.filter((t: { id: string }) => t.id === 'swu-sip');
    bp.trunks[0].numberBlocks = ['main-block'];
    const v = await build(modelFromObject(bp));
    expect(item(v, 'ups').state).toBe('not-covered');
    expect(item(v, 'ups').evidence).toContain('PoE switch poe-west (90 phones): on mains mains-1; its phones go dark in a power outage.');
    expect(item(v, 'network').state).toBe('not-covered');
    expect(item(v, 'network').evidence.join('\n')).toContain('has a single uplink: fibre-1');
    expect(item(v, 'snmp').state).toBe('not-covered');
    expect(item(v, 'event-mail').state).toBe('covered');
  });

  it('does not excuse phones that go dark in a power outage: that is a gap, not a lost building', async () => {
    const bp = exampleObject();
    for (const p of bp.sites[0].poeSwitches) p.power = 'mains-1';
    const dark = SERVICES.map((k) => verdict(S.power.id, k, false, { reason: 'Fails: no phone at Ulm headquarters has power and network: PoE switches poe-east, poe-west are down.' }));
    const v = await build(modelFromObject(bp), { matrix: verdicts(dark) });
    const power = item(v, 'power-outage');
    expect(power.state).toBe('not-covered');
    expect(power.evidence[0]).toBe('Power outage of mains feed mains-1 for 240 min: Internal calls, Incoming calls, Outbound calls and Emergency calls fail.');
    const p = procedure(v, /^Power outage/);
    expect(p.summary).not.toContain('themselves are lost');
  });

  it('marks services the site does not have as not applicable, and judges emergency calls by location and trunks', async () => {
    const v = await build(mainModel());
    for (const id of ['crm', 'erp', 'call-centre', 'trouble-ticket', 'alerting']) expect(item(v, id).state, id).toBe('not-applicable');
    expect(item(v, 'emergency').evidence).toContain('Emergency-capable trunks valid for DE-0731: swu-sip and telekom-pri.');
    const bp = exampleObject();
    delete bp.sites[0].emergency.location.floor;
    const w = await build(modelFromObject(bp));
    expect(item(w, 'emergency').state).toBe('not-covered');
    expect(item(w, 'emergency').evidence).toContain('Location: NOT dispatchable (street, city and floor or room are needed).');
  });

  it('reports broken promises under the switchover item', async () => {
    const policies = [{ policy: 'emergency-always', met: false, violations: [{ site: 'ulm', service: 'emergency', scenario: S.zoneA.id, reason: 'it does not survive' }] }];
    const v = await build(mainModel(), { matrix: verdicts([verdict(S.zoneA.id, 'emergency', false)]), policies });
    expect(item(v, 'switchover-time').state).toBe('not-covered');
    expect(item(v, 'switchover-time').evidence).toContain('1 policy violation at this site (section 7).');
    expect(v.summary.policies.find((p) => p.id === 'emergency-always')!.status).toBe('VIOLATED (1)');
    expect(v.findings.violations).toEqual([
      { policy: 'emergency-always', service: 'Emergency calls', scenario: 'Fire or flood in fire zone zone-a', reason: 'it does not survive', owner: 'Head of IT, Meyer Logistik' },
    ]);
    const row = v.matrix.rows.find((r) => r.scenario === 'Fire or flood in fire zone zone-a')!;
    const emergency = row.cells[v.matrix.services.findIndex((s) => s.kind === 'emergency')]!;
    expect(emergency).toMatchObject({ state: 'fails', text: '✘ FAILS ⚑ emergency-always' });
  });
});

describe('procedures', () => {
  it('asks the provider to reroute the number block, with contact and lead time, and routes it back in the failback', async () => {
    const p = procedure(await build(mainModel()), /^External damage: cut of supply line duct-north/);
    const steps = allText(p.steps);
    expect(steps).toContain('Ask Deutsche Telekom to route number block +49731400-0 to trunk swu-sip (SWU TeleNet, SIP):');
    expect(steps).toContain('Call Telekom business support, phone +49 800 330 1300.');
    expect(steps).toContain('Lead time: about 4 h from the request; until then incoming calls to +49731400-0 fail (outbound calls are not affected).');
    expect(allText(p.failback)).toContain('Ask Deutsche Telekom to route number block +49731400-0 back to telekom-pri:');
    expect(p.signals).toContain('Alert: trunk telekom-pri down (supply line duct-north is cut); the gateways report the trunk out of service.');
    expect(p.summary).toBe('Back only after manual steps (worst case 4 h): Incoming calls. Everything else is not affected.');
  });

  it('describes a hot standby taking over: the alert, the time, the dropped calls, the failback', async () => {
    const p = procedure(await build(mainModel()), /^Technical damage of gateway pbx-east$/);
    expect(p.signals).toContain('Alert: gateway pbx-east (10.10.1.10) down, mailed to it@meyer-logistik.example and oncall@integrator-nord.example.');
    expect(p.automatic).toContain('PBX west (hot standby) (pbx-west), hot standby, takes over from pbx-east: phones and trunks re-register at the standby.');
    expect(p.automatic).toContain('Back after 45 s, automatically, via pbx-west (hot standby for pbx-east) → swu-sip: Incoming calls, Outbound calls and Emergency calls (detection (5 s x 3): 15 s + re-registration of phones and trunks: 30 s).');
    expect(p.automatic).toContain('Back after 45 s, automatically, via pbx-west (hot standby for pbx-east): Internal calls (detection (5 s x 3): 15 s + re-registration of phones and trunks: 30 s).');
    expect(p.callsDropped).toMatch(/^Calls in progress through pbx-east are dropped/);
    expect(allText(p.failback)).toContain('Fail back from pbx-west to pbx-east: the phones and trunks register at pbx-east again, their first registrar.');
    expect(p.decides).toBe('Head of IT, Meyer Logistik; if they cannot be reached within 30 min, the on-call team Integrator Nord on-call.');
  });

  it('puts people first in a fire and switches emergency calls to mobile phones when they are lost', async () => {
    const v = await build(mainModel(), { matrix: verdicts([verdict(S.zoneA.id, 'emergency', false)]) });
    const p = procedure(v, /^Fire or flood in fire zone zone-a$/);
    expect(p.steps[0]!.text).toMatch(/^People first: follow the building's evacuation and fire plan/);
    expect(p.steps[1]!.text).toBe("Switch emergency calls to mobile phones: the site's phones cannot reach 110 and 112 now.");
    expect(p.steps[1]!.details[0]).toBe('Announce to everyone at the site: "Emergency calls (110 or 112) only from a mobile phone; give the address Karlstrasse 12, 89073 Ulm, Ground floor."');
    expect(allText(p.failback)).toContain('Tell everyone at the site that emergency calls (110 or 112) work from the phones again.');
    expect(v.summary.activation.find((a) => a.number === p.number)!.signal).toBe('Fire alarm, smoke or water reported in fire zone zone-a (building main, Ulm headquarters).');
  });

  it('tells a service lost by the failure from one that does not work even in normal operation', async () => {
    const broken = verdict(S.north.id, 'emergency', false, { cut: [], reason: 'Fails even in normal operation: no trunk is valid for area DE-0731.' });
    const p = procedure(await build(mainModel(), { matrix: verdicts([broken]) }), /^External damage: cut of supply line duct-north/);
    expect(p.summary).toContain('Not working even in normal operation (section 7): Emergency calls.');
    expect(p.summary).not.toContain('Lost until the repair');
    expect(p.automatic, JSON.stringify(p.automatic)).toContain('Not working even in normal operation (section 7): Emergency calls. No trunk is valid for area DE-0731.');
    expect(p.steps.map((x) => x.text)).toContain("Emergency calls do not work from this site's phones even in normal operation (section 7): use mobile phones for 110 or 112.");
    expect(p.steps.map((x) => x.text).some((t) => t.startsWith('Switch emergency calls to mobile phones'))).toBe(false);
  });

  it('activates a cold standby by hand, with where, how and how long', async () => {
    const bp = exampleObject();
    bp.gateways[1].standbyFor[0] = { gateway: 'pbx-east', mode: 'cold', detection: { probeIntervalSeconds: 5, failureThreshold: 3, activationMinutes: 20 } };
    const cold = { totalSeconds: 15 + 1800 + 1200, automatic: false, parts: [{ label: 'detection (5 s x 3)', seconds: 15 }, { label: 'on-call response (30 min)', seconds: 1800 }, { label: 'manual activation (20 min)', seconds: 1200 }], activeCallsDropped: true };
    const v = await build(modelFromObject(bp), { matrix: verdicts(SERVICES.map((k) => verdict(S.east.id, k, true, { ...hotVia('pbx-west'), switchover: cold }))) });
    const p = procedure(v, /^Technical damage of gateway pbx-east$/);
    const step = p.steps.find((s) => s.text.startsWith('Activate the cold standby'))!;
    expect(step.text).toBe('Activate the cold standby PBX west (hot standby) (pbx-west) in place of PBX east (primary) (pbx-east):');
    expect(step.details).toContain('Where: Server room west (room server-west), fire zone West wing (zone-b), Main building (building main), site Ulm headquarters; address 10.10.2.10.');
    expect(step.details).toContain('Expected time for this step: 20 min.');
    expect(p.summary).toMatch(/^Back only after manual steps \(worst case 50 min 15 s\)/);
    expect(allText(p.failback)).toContain('Move back from the cold standby pbx-west to pbx-east:');
    expect(v.drills.rows.find((r) => r.procedure === p.number)!.frequency).toBe('every 6 months');
  });

  it('shows a double failure compactly, referring to the procedures of its single failures', async () => {
    const v = await build(mainModel());
    const p = v.combined[0]!;
    expect(p.title).toBe('Technical damage of gateway pbx-east and fire or flood in fire zone zone-a');
    expect(p.follow.map((f) => f.title)).toEqual(['Technical damage of gateway pbx-east', 'Fire or flood in fire zone zone-a']);
    expect(p.outcomes).toHaveLength(4);
    expect(p.outcomes[0]).toEqual({ service: 'Internal calls', state: 'fails', text: 'LOST: internal is cut.' });
    expect(p.summary).toBe('Lost until the repair: Internal calls, Incoming calls, Outbound calls and Emergency calls. Everything else is not affected.');
    expect(p.steps.map((s) => s.text)).not.toContain('Write down the times (alert, each step, service back) for the event record.');
    expect(v.procedures.every((x) => !x.combined)).toBe(true);
    // Procedures are numbered in order; the double failures come last.
    expect([...v.procedures, ...v.combined].map((x) => x.number)).toEqual(['5.1', '5.2', '5.3', '5.4', '5.5', '5.6']);
  });

  it('describes a power outage bridged by UPS and generator', async () => {
    const p = procedure(await build(mainModel()), /^Power outage/);
    expect(p.automatic).toContain('ups-east runs on battery until generator Diesel generator takes over (within 30 s; fuel for 48 h).');
    expect(p.signals).toContain('Alert: UPS ups-east on battery.');
  });
});

describe('drill plan', () => {
  it('plans the switchovers with their expected times and allows test calls only where permitted', async () => {
    const v = await build(mainModel());
    const row = v.drills.rows.find((r) => r.scenario === 'Technical damage of gateway pbx-east')!;
    expect(row).toMatchObject({ frequency: 'every 3 months', expected: 'Internal calls 45 s; Incoming calls 45 s; Outbound calls 45 s; Emergency calls 45 s' });
    expect(row.pass).toContain('at most 1 min for emergency (policy emergency-always)');
    expect(v.drills.rows.find((r) => r.scenario.startsWith('Number rerouting of +49731400-0'))).toMatchObject({ expected: 'lead time 4 h', frequency: 'once a year' });
    expect(v.drills.emergencyTestPermitted).toBe(false);
    expect(v.drills.emergencyTest).toMatch(/^Test calls to 110 or 112 are not permitted at this site: never dial them to test/);
    const bp = exampleObject();
    bp.sites[0].emergency.testCallsPermitted = true;
    const w = await build(modelFromObject(bp));
    expect(w.drills.emergencyTest).toMatch(/^Announced test call: once a year, and after every change of a trunk, call 110 once through each emergency-capable trunk \(swu-sip and telekom-pri\)/);
  });
});
