// Section 6: the drill plan (NIST SP 800-34's test, training and exercise schedule). A scenario
// is drilled when something in it switches over, so there is a time to measure against the
// analysis' expectation; whole-building and whole-site losses are walked through as tabletop
// exercises. Frequency follows the effort and the risk of the drill:
//   automatic switchovers only             quarterly
//   manual steps (cold standby, rerouting) every 6 months
//   fire zone, power, cooling              once a year (disruptive, needs facility management)
//   building, site                         once a year as a tabletop exercise
import type { Scenario, Verdict } from '../../analysis/types.js';
import type { Service } from '../../model/types.js';
import type { Affected } from './affected.js';
import type { SiteContext } from './context.js';
import { anchorOf, formatDuration, formatMinutes, joinWords, numbered, scenarioTitle } from './format.js';
import { PROCEDURE_SECTION } from './procedures.js';
import type { DrillView } from './view.js';

export interface DrillInput {
  readonly ctx: SiteContext;
  readonly services: readonly Service[];
  readonly scenarios: readonly Scenario[];
  readonly byScenario: ReadonlyMap<string, ReadonlyMap<string, Verdict>>;
  readonly affected: ReadonlyMap<string, Affected>;
}

function simulate(s: Scenario, a: Affected | undefined): string {
  const names = (list: readonly { item: { id: string } }[] | undefined) => joinWords((list ?? []).map((x) => x.item.id));
  switch (s.class) {
    case 'fire-zone':
      return `In a maintenance window, switch off everything the scenario takes down (${names(a?.gateways) || 'the devices in the zone'}${a?.poeSwitches.length ? `, PoE switches ${names(a.poeSwitches)}` : ''}); do not touch anything else.`;
    case 'building':
    case 'site':
      return 'Tabletop exercise: walk through the procedure with the on-call team and the decision makers; check every contact number.';
    case 'power-outage':
      return `With facility management, open the mains breaker for 15 minutes (not ${s.durationMinutes ? formatMinutes(s.durationMinutes) : 'the full outage'}); check that the UPS carries the load and the generator starts.`;
    case 'overheating':
      return `Tabletop exercise, plus shutting down ${names(a?.gateways) || 'the devices in the room'} as if they had overheated.`;
    case 'supply-line':
      return `Unplug at the patch panel what enters through the supply line (${joinWords([...(a?.trunks ?? []).map((t) => `trunk ${t.item.id}`), ...(a?.uplinks ?? []).map((u) => `uplink ${u.item.id}`)]) || 'its cables'}).`;
    case 'provider-outage':
      return `Take the trunks and uplinks of the provider out of service on the gateways (${joinWords([...(a?.trunks ?? []).map((t) => t.item.id), ...(a?.uplinks ?? []).map((u) => u.item.id)]) || 'all of them'}).`;
    case 'wan-outage':
      return `Unplug the uplink${(a?.uplinks.length ?? 0) > 1 ? 's' : ''} ${names(a?.uplinks)}.`;
    case 'technical-damage':
      return a && a.gateways.length > 0 ? `Power off ${names(a.gateways)} (or unplug its network) in a maintenance window.` : `Unplug the failed component (${s.label}).`;
    case 'cloud-az':
    case 'cloud-region':
      return `Stop the cloud gateways in ${s.label.replace(/^.*?(?:of|in) /, '')} (or make their health checks fail).`;
  }
  return `Simulate: ${s.label}.`;
}

function frequency(s: Scenario, manual: boolean): string {
  if (s.class === 'building' || s.class === 'site') return 'once a year';
  if (s.class === 'fire-zone' || s.class === 'power-outage' || s.class === 'overheating') return 'once a year';
  return manual ? 'every 6 months' : 'every 3 months';
}

export function buildDrills(input: DrillInput): DrillView {
  const { ctx } = input;
  const rows: DrillView['rows'][number][] = [];
  input.scenarios.forEach((s, i) => {
    if (s.origin === 'double') return;
    const verdicts = input.byScenario.get(s.id);
    const switching = input.services.flatMap((svc) => {
      const v = verdicts?.get(svc.id);
      return v?.survives && v.switchover && v.switchover.totalSeconds > 0 ? [{ svc, v }] : [];
    });
    const tabletop = s.class === 'building' || s.class === 'site';
    if (switching.length === 0 && !tabletop) return;
    const manual = switching.some((x) => !x.v.switchover!.automatic);
    const expected = switching.length
      ? switching.map((x) => `${x.svc.name} ${formatDuration(x.v.switchover!.totalSeconds)}${x.v.switchover!.automatic ? '' : ' (manual)'}`).join('; ')
      : 'no switchover: check that every step can be carried out and every contact answers';
    const limits = ctx.policies
      .filter((p) => p.maxSwitchoverSeconds !== null && p.scenarios.some((sc) => sc.class === s.class) && switching.some((x) => p.services.includes(x.svc.kind)))
      .map((p) => `at most ${formatDuration(p.maxSwitchoverSeconds!)} for ${joinWords(p.services)} (policy ${p.id})`);
    const number = numbered(PROCEDURE_SECTION, i);
    rows.push({
      scenario: scenarioTitle(s),
      procedure: number,
      anchor: anchorOf(number),
      simulate: simulate(s, input.affected.get(s.id)),
      frequency: frequency(s, manual),
      expected,
      pass: tabletop
        ? 'Every participant knows their step; every number in appendix A answers.'
        : `Each service back within its expected time${limits.length ? `, and ${limits.join('; ')}` : ''}; the alert arrived; failback worked.`,
    });
  });
  for (const n of ctx.site.numberBlocks) {
    const p = ctx.index.providers.get(n.provider);
    if (p?.rerouting.mode !== 'on-request') continue;
    rows.push({
      scenario: `Number rerouting of ${n.range} by ${p.name}`,
      procedure: '–',
      anchor: '',
      simulate: `Agree a test window with ${p.name}${p.support?.phone ? ` (${p.support.phone})` : ''}; have the block routed to the other trunk and back.`,
      frequency: 'once a year',
      expected: `lead time ${formatMinutes(p.rerouting.leadTimeMinutes)}`,
      pass: 'The provider routes within the lead time, both ways; the request procedure and ticket reference work.',
    });
  }
  const e = ctx.site.emergency;
  const emergencyTrunks = ctx.trunks.filter((t) => t.emergency.capable).map((t) => t.id);
  const emergencyTest = e.testCallsPermitted
    ? `Announced test call: once a year, and after every change of a trunk, call ${e.numbers[0]} once through each emergency-capable trunk (${joinWords(emergencyTrunks) || 'none'}). Announce it to the local emergency service beforehand, say at once that it is a test, and check that the location shown to the operator is the site's.`
    : `Test calls to ${joinWords(e.numbers, 'or')} are not permitted at this site: never dial them to test. Check instead, once a year and after every change, that the emergency route of each gateway points to an emergency-capable trunk (${joinWords(emergencyTrunks) || 'none is declared'}) and that the location sent is correct.`;
  return {
    rows,
    emergencyTest,
    emergencyTestPermitted: e.testCallsPermitted,
    notes: [
      'Announce every drill to the users, since calls in progress drop on each switchover; run them outside peak hours.',
      'Measure from the moment of the simulated failure until each service works again, and write the result beside the expected time. A drill fails when a service takes longer than expected or a step of the procedure does not work; then correct the design or this plan.',
      'Double failures are not drilled one by one; walk through them in the tabletop exercise.',
    ],
  };
}
