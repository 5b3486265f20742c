// Section 5: one procedure per scenario the site can face, in the phases of a contingency plan
// (NIST SP 800-34): activation (how the failure shows itself), notification, recovery (what
// happens automatically, then the manual steps in order), and reconstitution (verification and
// failback). Service outcomes come from the analysis' verdicts; the components named in the
// steps come from the model (affected.ts).
import type { Scenario, Verdict } from '../../analysis/types.js';
import type { Gateway, NumberBlock, Provider, ServiceKind, Service, Trunk } from '../../model/types.js';
import { affectedBy, type Affected } from './affected.js';
import type { SiteContext, StandbyLink } from './context.js';
import { mechanismLabel, partsText, pathText, placeText, trunkKind, verdictOutcome } from './describe.js';
import { anchorOf, classLabel, scenarioTitle, sentence, contactLine, formatDuration, formatMinutes, joinWords, numbered, serviceRank } from './format.js';
import type { SiteLines } from './site-lines.js';
import type { OutcomeView, ProcedureView, StepView } from './view.js';

export const PROCEDURE_SECTION = 5;

/** Services of a site: those its gateways host and those the analysis judged, in checklist order. */
export function siteServices(ctx: SiteContext): Service[] {
  const gw = new Set(ctx.gateways.map((g) => g.id));
  const ids = new Set<string>();
  for (const s of ctx.index.model.services) if (s.hosts.some((h) => gw.has(h))) ids.add(s.id);
  for (const v of ctx.verdicts) ids.add(v.service);
  return [...ids]
    .map((id) => ctx.index.services.get(id) ?? { id, path: `services/${id}`, kind: (ctx.verdicts.find((v) => v.service === id)?.kind ?? 'other') as ServiceKind, name: id, hosts: [], requires: [] })
    .sort((a, b) => serviceRank(a.kind) - serviceRank(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ProcedureInput {
  readonly ctx: SiteContext;
  readonly scenario: Scenario;
  readonly index: number;
  /** The site's verdicts for this scenario, by service id. */
  readonly verdicts: ReadonlyMap<string, Verdict>;
  readonly services: readonly Service[];
  /** Who decides: their names, and the sentence the runbook prints. */
  readonly deciders: { readonly names: string; readonly sentence: string; readonly short: string };
  /** What every procedure of the site says alike (siteLines). */
  readonly lines: SiteLines;
  /**
   * A double failure, to be shown through combineProcedure: that keeps the outcome, the summary
   * and the steps, so its signals, automatic behaviour, notification, verification and failback
   * are left empty rather than written and thrown away.
   */
  readonly compact?: boolean;
}

// buildProcedure runs tens of times per site; its phases are functions of their own so that
// each is optimised (and, when a new shape of the model turns up, re-optimised) on its own
// rather than as one very large function.
export function buildProcedure(input: ProcedureInput): { readonly view: ProcedureView; readonly affected: Affected } {
  const { ctx, scenario, verdicts, services, lines } = input;
  const number = numbered(PROCEDURE_SECTION, input.index);
  const affected = affectedBy(ctx, scenario);
  const o = sortServices(services, verdicts, lines);
  const standbys = standbysAtWork(ctx, affected);
  const downTrunks = new Set<string>();
  for (const d of affected.trunks) downTrunks.add(d.item.id);
  const compact = input.compact === true;
  const reroutes = reroutesOf(ctx, verdicts, downTrunks);
  const view: ProcedureView = {
    number,
    anchor: anchorOf(number),
    scenarioId: scenario.id,
    title: scenarioTitle(scenario),
    scenarioClass: classLabel(scenario.class),
    origin: scenario.origin === 'double' ? 'double failure' : scenario.origin === 'policy' ? 'named by a policy' : 'single failure',
    summary: summaryText(ctx.site.name, o.unaffected, o.automaticOnes, o.manual, o.failing, o.broken, affected),
    // --- Activation: how it shows itself.
    signals: compact ? [] : signalsOf(ctx, scenario, affected, lines),
    automatic: compact ? [] : automaticLines(affected, standbys, o),
    outcomes: groupOutcomes(o.outcomes),
    callsDropped: callsDroppedText(affected, o),
    notify: compact ? [] : notification(ctx, lines, affected, o),
    steps: recoverySteps(input, affected, o, standbys, reroutes),
    decides: input.deciders.short,
    combined: false,
    follow: [],
    verify: compact ? [] : verifyLines(services, verdicts, affected, lines),
    failback: compact ? [] : failbackSteps(ctx, scenario, affected, standbys.hot, standbys.cold, verdicts, reroutes, lines),
  };
  return { view, affected };
}

type Judged = { readonly label: string; readonly v: Verdict };

/** The services of a scenario by what happens to them. */
interface ServiceOutcomes {
  readonly outcomes: readonly OutcomeView[];
  readonly unaffected: readonly string[];
  /** Lost until the repair. */
  readonly failing: readonly Judged[];
  /** Not working even in normal operation (a finding in section 7, not lost by this scenario). */
  readonly broken: readonly Judged[];
  readonly switching: readonly Judged[];
  readonly manual: readonly Judged[];
  readonly automaticOnes: readonly Judged[];
}

function sortServices(services: readonly Service[], verdicts: ReadonlyMap<string, Verdict>, lines: SiteLines): ServiceOutcomes {
  const outcomes: OutcomeView[] = [];
  const unaffected: string[] = [];
  const failing: Judged[] = [];
  const broken: Judged[] = [];
  const switching: Judged[] = [];
  const manual: Judged[] = [];
  const automaticOnes: Judged[] = [];
  for (let k = 0; k < services.length; k++) {
    const label = lines.labels[k]!;
    const v = verdicts.get(services[k]!.id);
    if (!v || (v.survives && (v.switchover?.totalSeconds ?? 0) === 0)) {
      unaffected.push(label);
    } else if (v.survives) {
      switching.push({ label, v });
      (v.switchover!.automatic ? automaticOnes : manual).push({ label, v });
      outcomes.push({ service: label, state: 'survives', text: verdictOutcome(v) });
    } else {
      (failsInNormalOperation(v) ? broken : failing).push({ label, v });
      outcomes.push({ service: label, state: 'fails', text: verdictOutcome(v) });
    }
  }
  return { outcomes, unaffected, failing, broken, switching, manual, automaticOnes };
}

/** Standby relations at work (the primary is down, the standby is not), and primaries without one. */
interface Standbys {
  readonly relations: readonly StandbyLink[];
  readonly hot: readonly StandbyLink[];
  readonly cold: readonly StandbyLink[];
  readonly unprotected: readonly Gateway[];
}

function standbysAtWork(ctx: SiteContext, affected: Affected): Standbys {
  const down = new Set<string>();
  for (const d of affected.gateways) down.add(d.item.id);
  const relations: StandbyLink[] = [];
  const unprotected: Gateway[] = [];
  for (const d of affected.gateways) {
    let live = 0;
    for (const l of ctx.standbysOf(d.item.id)) {
      if (down.has(l.standby.id)) continue;
      relations.push(l);
      live++;
    }
    if (live === 0 && d.item.serves.length > 0) unprotected.push(d.item);
  }
  return { relations, hot: relations.filter((r) => r.relation.mode === 'hot'), cold: relations.filter((r) => r.relation.mode === 'cold'), unprotected };
}

/** What happens automatically: one line per group of services with the same outcome. */
function automaticLines(affected: Affected, standbys: Standbys, o: ServiceOutcomes): string[] {
  const automatic: string[] = [];
  for (const u of affected.ups) automatic.push(u.note + '.');
  for (const r of standbys.hot) {
    automatic.push(`${gatewayLabel(r.standby)}, hot standby, takes over from ${r.relation.gateway}: ${mechanismLabel(r.relation.detection.mechanism)}.`);
  }
  for (const g of groupByOutcome(o.automaticOnes)) {
    const sw = g.v.switchover!;
    automatic.push(`Back after ${formatDuration(sw.totalSeconds)}, automatically${g.via ? `, via ${g.via}` : ''}: ${joinWords(g.labels)} (${partsText(sw)}).`);
  }
  if (o.unaffected.length > 0) automatic.push(`Not affected: ${joinWords(o.unaffected)}.`);
  for (const g of groupByOutcome(o.manual)) {
    const sw = g.v.switchover!;
    automatic.push(`Only after the manual steps below, ${formatDuration(sw.totalSeconds)} in the worst case${g.via ? `, via ${g.via}` : ''}: ${joinWords(g.labels)} (${partsText(sw)}).`);
  }
  for (const g of groupByOutcome(o.failing)) automatic.push(`LOST until the repair: ${joinWords(g.labels)}. ${sentence(stripFails(g.v.reason))}`);
  for (const g of groupByOutcome(o.broken)) automatic.push(`Not working even in normal operation (section 7): ${joinWords(g.labels)}. ${sentence(stripFails(g.v.reason))}`);
  if (standbys.hot.length === 0 && o.automaticOnes.length === 0 && affected.ups.length === 0) automatic.unshift('Nothing switches over by itself.');
  return automatic;
}

function callsDroppedText(affected: Affected, o: ServiceOutcomes): string {
  const dropped = o.switching.some((x) => x.v.switchover!.activeCallsDropped) || o.failing.length > 0 || affected.gateways.length > 0 || affected.trunks.length > 0;
  if (!dropped) return 'Calls in progress are not affected.';
  // Pushed rather than spread: spreading arrays of different element kinds here sent V8 into a
  // loop of deoptimising and recompiling.
  const cutThrough: string[] = [];
  for (const d of affected.gateways) cutThrough.push(d.item.id);
  for (const d of affected.trunks) cutThrough.push(d.item.id);
  return `Calls in progress${cutThrough.length ? ` through ${joinWords(cutThrough)}` : ''} are dropped: the switchover disconnects existing connections, callers must dial again. Tell the users so.`;
}

function notification(ctx: SiteContext, lines: SiteLines, affected: Affected, o: ServiceOutcomes): StepView[] {
  const { site } = ctx;
  const notify = lines.notify.slice();
  const userNotice: string[] = [];
  if (o.failing.length + o.broken.length > 0) userNotice.push(`not working: ${joinWords(o.failing.concat(o.broken).map((f) => f.label))}`);
  if (o.manual.length > 0) userNotice.push(`back only after manual steps: ${joinWords(o.manual.map((f) => f.label))}`);
  const working = o.unaffected.concat(o.automaticOnes.map((x) => x.label));
  if (working.length > 0) userNotice.push(`working${o.automaticOnes.length ? ' (after the automatic switchover)' : ''}: ${joinWords(working)}`);
  if (userNotice.length > 0 && !affected.phonesLost && o.failing.length + o.switching.length > 0) {
    notify.push({ text: `Tell the ${site.users} users of ${site.name}${site.emergency.notification ? ` and the ${site.emergency.notification.desk}` : ''} what works:`, details: userNotice });
  }
  return notify;
}

/** Recovery: the manual steps, in order. */
function recoverySteps(input: ProcedureInput, affected: Affected, o: ServiceOutcomes, standbys: Standbys, reroutes: readonly Reroute[]): StepView[] {
  const { ctx, scenario, verdicts, lines } = input;
  const { site } = ctx;
  const steps: StepView[] = [];
  if (scenario.class === 'fire-zone' || scenario.class === 'building' || scenario.class === 'site') steps.push(PEOPLE_FIRST);
  const emergency = lines.emergencyProvided ? emergencyOf(verdicts) : null;
  const emergencyBroken = emergency !== null && failsInNormalOperation(emergency);
  const emergencyLost = emergency !== null && !emergency.survives && !emergencyBroken;
  const emergencyManual = emergency?.survives === true && emergency.switchover?.automatic === false;
  if (emergencyBroken) {
    steps.push({ text: `Emergency calls do not work from this site's phones even in normal operation (section 7): use mobile phones for ${joinWords(site.emergency.numbers, 'or')}.`, details: [] });
  }
  if (emergencyLost || emergencyManual) {
    steps.push({
      text: `Switch emergency calls to mobile phones${emergencyManual ? ' until the steps below are done' : ''}: the site's phones cannot reach ${joinWords(site.emergency.numbers)} now.`,
      details: lines.emergencyDetails,
    });
  }
  steps.push({ text: 'Confirm what is down (monitoring, or ping the addresses below):', details: confirmDetails(ctx, affected, standbys.relations) });
  for (const r of standbys.cold) steps.push(coldStandbyStep(ctx, r));
  for (const g of standbys.unprotected) steps.push(repairStep(ctx, g));
  reroutingSteps(ctx, reroutes, steps);
  if (emergency !== null && emergency.survives && (emergency.switchover?.totalSeconds ?? 0) > 0) steps.push(emergencyRouteStep(ctx, emergency));
  if (affected.ups.length > 0) {
    steps.push({
      text: 'Watch the power:',
      details: affected.ups
        .map((u) => u.note + '.')
        .concat(affected.generators.map((g) => `Check that generator ${g} is running; arrange fuel if the outage may last longer than its runtime.`)),
    });
  }
  if (scenario.class === 'overheating') steps.push(COOL_THE_ROOM);
  const reportTo = reportContacts(ctx, scenario, affected, lines);
  if (reportTo.length > 0) steps.push({ text: 'Report the fault to whoever repairs it, and ask for the expected repair time:', details: reportTo });
  if (o.failing.length > 0) {
    steps.push({
      text: `Until the repair, these stay down: ${joinWords(o.failing.map((f) => f.label))}. Escalate to ${input.deciders.names} if that is not acceptable.`,
      details: [],
    });
  }
  if (standbys.cold.length === 0 && o.manual.length === 0 && o.failing.length === 0) {
    let longest = 0;
    for (const x of o.automaticOnes) longest = Math.max(longest, x.v.switchover!.totalSeconds);
    steps.push({ text: longest > 0 ? `No manual switchover is needed: check after ${formatDuration(longest)} that the services are back (see "Verify").` : 'No manual switchover is needed.', details: [] });
  }
  steps.push(WRITE_DOWN_TIMES);
  return steps;
}

function repairStep(ctx: SiteContext, g: Gateway): StepView {
  const model = ctx.index.model;
  return {
    text: `${gatewayLabel(g)} has no live standby: have it repaired or replaced.`,
    details: [
      `Agreed recovery time without redundancy (SLA): ${formatMinutes(model.deployment.sla.recoveryMinutes)}; in charge: ${model.deployment.owner}.`,
      g.backup ? `Restore its configuration from the latest backup (every ${g.backup.intervalHours} h, ${g.backup.target === 'cloud-bucket' ? 'in the cloud backup bucket' : 'stored locally'}).` : 'It has no automated configuration backup: the configuration must be rebuilt by hand.',
    ],
  };
}

function emergencyRouteStep(ctx: SiteContext, emergency: Verdict): StepView {
  const { site } = ctx;
  const via = pathText(emergency.path);
  return {
    text: `Check that emergency calls leave through the surviving route${via ? `: ${via}` : ''}.`,
    details: [
      site.emergency.testCallsPermitted
        ? `Announce a test call to the local emergency service first, then call ${site.emergency.numbers[0]} once and state that it is a test.`
        : `Do not dial ${joinWords(site.emergency.numbers, 'or')} to test (not permitted at this site): check on the gateway that the emergency route uses an emergency-capable trunk that is up.`,
    ],
  };
}

const COOL_THE_ROOM: StepView = {
  text: 'Cool the room: have facility management repair the cooling unit; meanwhile provide temporary cooling (mobile air conditioner, open doors if the fire plan allows it).',
  details: ['Devices that shut down because of heat restart only once the room is cool: start them by hand if they do not.'],
};

const PEOPLE_FIRST: StepView = {
  text: "People first: follow the building's evacuation and fire plan. Do not enter the affected area; every step below can be done remotely or from outside it.",
  details: [],
};
const WRITE_DOWN_TIMES: StepView = { text: 'Write down the times (alert, each step, service back) for the event record.', details: [] };
const VERIFY_ALL: StepView = { text: 'Verify every service on the normal path with the checks in appendix C.', details: [] };

/** The site's verdict on emergency calls in a scenario, if it has one. */
function emergencyOf(verdicts: ReadonlyMap<string, Verdict>): Verdict | null {
  for (const v of verdicts.values()) if (v.kind === 'emergency') return v;
  return null;
}

/** Services with the same switchover, path and reason, grouped in order of first appearance. */
function groupByOutcome(list: readonly { label: string; v: Verdict }[]): { labels: string[]; v: Verdict; via: string }[] {
  const groups = new Map<string, { labels: string[]; v: Verdict; via: string }>();
  for (const x of list) {
    const s = x.v.switchover;
    const via = pathText(x.v.path);
    const key = s ? `${s.totalSeconds}|${s.automatic}|${partsText(s)}|${via}` : `lost|${stripFails(x.v.reason)}`;
    const g = groups.get(key);
    if (g) g.labels.push(x.label);
    else groups.set(key, { labels: [x.label], v: x.v, via });
  }
  return [...groups.values()];
}

const stripFails = (reason: string): string => {
  const r = reason.replace(/^Fails( even in normal operation)?:\s*/i, '');
  return r.charAt(0).toUpperCase() + r.slice(1);
};

/** A verdict that fails with no failed domain to blame: the service does not work at all. */
export function failsInNormalOperation(v: Verdict): boolean {
  return !v.survives && ((v.cut !== null && v.cut.length === 0) || /^Fails even in normal operation/i.test(v.reason));
}

/** "PBX west (pbx-west)", or just the id when the name is the id. */
export const gatewayLabel = (g: Gateway): string => (g.name === g.id ? g.id : `${g.name} (${g.id})`);

function summaryText(
  siteName: string,
  unaffected: readonly string[],
  automatic: readonly { label: string; v: Verdict }[],
  manual: readonly { label: string; v: Verdict }[],
  failing: readonly { label: string; v: Verdict }[],
  broken: readonly { label: string; v: Verdict }[],
  affected: Affected,
): string {
  const parts: string[] = [];
  if (affected.phonesLost) parts.push(`The phones of ${siteName} themselves are lost.`);
  if (failing.length > 0) parts.push(`Lost until the repair: ${joinWords(failing.map((f) => f.label))}.`);
  if (manual.length > 0) {
    const longest = Math.max(...manual.map((m) => m.v.switchover!.totalSeconds));
    parts.push(`Back only after manual steps (worst case ${formatDuration(longest)}): ${joinWords(manual.map((m) => m.label))}.`);
  }
  if (automatic.length > 0) {
    const longest = Math.max(...automatic.map((m) => m.v.switchover!.totalSeconds));
    parts.push(`Back automatically within ${formatDuration(longest)}: ${joinWords(automatic.map((m) => m.label))}.`);
  }
  if (unaffected.length > 0 && failing.length + manual.length + automatic.length > 0) parts.push('Everything else is not affected.');
  if (broken.length > 0) parts.push(`Not working even in normal operation (section 7): ${joinWords(broken.map((f) => f.label))}.`);
  if (parts.length === 0) parts.push('No service of the site is affected; repair the failed component within the agreed time.');
  return parts.join(' ');
}

function signalsOf(ctx: SiteContext, scenario: Scenario, a: Affected, lines: SiteLines): string[] {
  const { site, index } = ctx;
  const out: string[] = [];
  for (const [i, ref] of a.refs.entries()) {
    const domain = index.domains.get(scenario.domains[i]!);
    const label = domain?.label ?? scenario.domains[i]!;
    switch (ref.kind) {
      case 'site':
      case 'building':
      case 'fire-zone':
      case 'room':
        out.push(`Fire alarm, smoke or water reported in ${label}.`);
        break;
      case 'mains-feed': {
        const feed = site.power.feeds.find((f) => f.id === ref.id);
        out.push(`Mains power ${feed?.name ?? ref.id} fails${scenario.durationMinutes ? ` (this procedure assumes ${formatMinutes(scenario.durationMinutes)})` : ''}: lights and building systems on it go out.`);
        break;
      }
      case 'cooling': {
        const rooms = site.rooms.filter((r) => r.cooling.includes(ref.id)).map((r) => r.name);
        out.push(`Cooling unit ${site.cooling.find((c) => c.id === ref.id)?.name ?? ref.id} fails${rooms.length ? `: the temperature in ${joinWords(rooms)} rises` : ''}; devices shut down when they overheat.`);
        break;
      }
      case 'supply-line': {
        const line = site.supplyLines.find((l) => l.id === ref.id);
        out.push(`Supply line ${line?.name ?? ref.id}${line?.route ? ` (${line.route})` : ''} is cut, e.g. by construction work: every cable in it fails at the same moment.`);
        break;
      }
      case 'provider': {
        const p = index.providers.get(ref.id);
        out.push(`${p?.name ?? ref.id} has an outage: calls through it fail with network errors; their support or status page confirms it.`);
        break;
      }
      case 'gateway': {
        const g = index.gateways.get(ref.id);
        out.push(`${g ? `${gatewayLabel(g)}${g.address ? ` at ${g.address}` : ''}` : ref.id} fails (technical damage${ref.part ? `: ${ref.part}` : ''}).`);
        break;
      }
      case 'uplink':
        out.push(`Uplink ${ref.id} goes down: SIP trunks and VPN over it stop.`);
        break;
      case 'cloud-az':
      case 'cloud-region':
        out.push(`The cloud platform reports an outage of ${ref.id}: health checks of the cloud gateways there fail.`);
        break;
      default:
        out.push(`${label} fails.`);
    }
  }
  const mailText = lines.alertTarget;
  for (const d of a.gateways) {
    out.push(
      d.item.monitored
        ? `Alert: gateway ${d.item.id}${d.item.address ? ` (${d.item.address})` : ''} down, ${mailText}.`
        : `No alert for gateway ${d.item.id}: it is not monitored. Users notice first (phones show no registration, calls fail).`,
    );
  }
  const downIds = new Set(a.gateways.map((d) => d.item.id));
  for (const d of a.gateways) {
    // A standby that fails while its primary runs leaves the site without redundancy.
    for (const rel of d.item.standbyFor) {
      if (!downIds.has(rel.gateway)) out.push(`Alert: standby ${d.item.id} lost; ${rel.gateway} keeps running but without its ${rel.mode} standby.`);
    }
  }
  for (const d of a.trunks) out.push(`Alert: trunk ${d.item.id} down (${d.why}); the gateways report the trunk out of service.`);
  for (const d of a.uplinks) out.push(`Alert: uplink ${d.item.id} unreachable (${d.why}).`);
  for (const u of a.ups) out.push(`Alert: UPS ${u.ups.id} on battery.`);
  for (const d of a.poeSwitches) out.push(`Phones on PoE switch ${d.item.id} (${d.item.phones} phones, fire zone ${d.item.fireZone}) go dark (${d.why}).`);
  return out;
}

function confirmDetails(ctx: SiteContext, a: Affected, relations: readonly StandbyLink[]): string[] {
  const sites = ctx.index.sites;
  const out: string[] = [];
  for (const d of a.gateways) out.push(`down: ${gatewayLabel(d.item)}${d.item.address ? ` at ${d.item.address}` : ''} in ${placeText(d.item, sites)}: ${d.why}`);
  for (const d of a.trunks) out.push(`down: trunk ${d.item.id} (${trunkKind(d.item)}, ${ctx.index.providers.get(d.item.provider)?.name ?? d.item.provider}): ${d.why}`);
  for (const d of a.uplinks) out.push(`down: uplink ${d.item.id} (${ctx.index.providers.get(d.item.provider)?.name ?? d.item.provider}): ${d.why}`);
  for (const d of a.poeSwitches) out.push(`down: PoE switch ${d.item.id}: ${d.why}`);
  for (const r of relations) out.push(`up: ${gatewayLabel(r.standby)}${r.standby.address ? ` at ${r.standby.address}` : ''}, ${r.relation.mode} standby for ${r.relation.gateway}`);
  if (out.length === 0) out.push('the failed component itself; no gateway, trunk, uplink or PoE switch of the site should be down.');
  return out;
}

function coldStandbyStep(ctx: SiteContext, r: StandbyLink): StepView {
  const g = r.standby;
  const primary = ctx.index.gateways.get(r.relation.gateway);
  const d = r.relation.detection;
  const start =
    g.placement.type === 'cloud'
      ? `Start the instance ${g.id} in ${g.placement.az} (cloud console or the Terraform stack of the site).`
      : g.placement.cluster
        ? `Start the virtual machine ${g.id} on cluster ${g.placement.cluster}.`
        : `Power on ${g.id} and check its network links.`;
  const details = [
    `Where: ${placeText(g, ctx.index.sites)}${g.address ? `; address ${g.address}` : ''}.`,
    start,
    primary?.backup
      ? `Load the latest configuration backup of ${primary.id} (made every ${primary.backup.intervalHours} h, ${primary.backup.target === 'cloud-bucket' ? 'in the cloud backup bucket' : 'stored locally'}), unless ${g.id} already holds a current copy.`
      : `${primary?.id ?? r.relation.gateway} has no automated backup: check that ${g.id} holds its current configuration.`,
    g.licences.standby !== null ? `Check the licences: ${g.licences.standby} standby licences for the ${primary?.serves.length ? primary.serves.join(', ') : 'served'} users.` : 'Check the licences: no standby licences are declared for it.',
    d.mechanism === 'dns'
      ? `Point the DNS records of ${primary?.id ?? r.relation.gateway} to ${g.id} (or let the failover record do it).`
      : d.mechanism === 'vrrp'
        ? `Enable VRRP on ${g.id} so it takes the virtual address.`
        : d.mechanism === 'dispatcher'
          ? `Enable ${g.id} in the SIP edge's dispatcher list.`
          : `The phones and trunks register at ${g.id} as their alternative registrar; re-boot phones that do not within ${formatDuration(d.reRegistrationSeconds || 30)}.`,
    `Expected time for this step: ${formatMinutes(d.activationMinutes)}.`,
  ];
  return { text: `Activate the cold standby ${gatewayLabel(g)} in place of ${primary ? gatewayLabel(primary) : r.relation.gateway}:`, details };
}

interface Reroute {
  readonly block: NumberBlock;
  readonly owner: Provider | null;
  readonly normal: readonly Trunk[];
  readonly target: Trunk | null;
}

function reroutesOf(ctx: SiteContext, verdicts: ReadonlyMap<string, Verdict>, downTrunks: ReadonlySet<string>): Reroute[] {
  const out: Reroute[] = [];
  const incoming = [...verdicts.values()].find((v) => v.kind === 'incoming') ?? null;
  const pathTrunk = incoming?.survives ? incoming.path?.find((s) => s.kind === 'trunk')?.id ?? null : null;
  for (const block of ctx.site.numberBlocks) {
    const normal = ctx.trunks.filter((t) => t.numberBlocks.includes(block.id));
    if (normal.length === 0 || !normal.every((t) => downTrunks.has(t.id))) continue;
    const candidates = ctx.trunks.filter((t) => !downTrunks.has(t.id) && !t.numberBlocks.includes(block.id));
    const target = (pathTrunk ? candidates.find((t) => t.id === pathTrunk) : undefined) ?? candidates.find((t) => t.provider === block.provider) ?? candidates[0] ?? null;
    out.push({ block, owner: ctx.index.providers.get(block.provider) ?? null, normal, target });
  }
  return out;
}

function reroutingSteps(ctx: SiteContext, reroutes: readonly Reroute[], steps: StepView[]): void {
  for (const r of reroutes) {
    const ownerName = r.owner?.name ?? r.block.provider;
    const support = r.owner?.support ? contactLine(r.owner.support) : `${ownerName} (no support contact in the blueprint: use the contract's hotline)`;
    const normal = joinWords(r.normal.map((t) => t.id));
    if (!r.target) {
      steps.push({
        text: `Incoming calls to ${r.block.range} are lost: no other trunk is up to take them.`,
        details: ['Publish an alternative number (e.g. a mobile phone) on the website and in the e-mail signature until the trunk is back.'],
      });
      continue;
    }
    const target = `trunk ${r.target.id} (${ctx.index.providers.get(r.target.provider)?.name ?? r.target.provider}, ${trunkKind(r.target)})`;
    const mode = r.owner?.rerouting.mode ?? 'none';
    const lead = r.owner?.rerouting.leadTimeMinutes ?? 0;
    if (mode === 'on-request') {
      steps.push({
        text: `Ask ${ownerName} to route number block ${r.block.range} to ${target}:`,
        details: [
          `Call ${support}.`,
          `Quote: customer ${ctx.index.model.deployment.name}, site ${ctx.site.name}, number block ${r.block.range} (normally on ${normal}), target ${target}${r.target.registrar ? `, registrar ${r.target.registrar}` : ''}.`,
          `Lead time: about ${formatMinutes(lead)} from the request; until then incoming calls to ${r.block.range} fail (outbound calls are not affected).`,
          'Note the time of the request and the ticket number: the failback needs them.',
        ],
      });
    } else if (mode === 'automatic') {
      steps.push({
        text: `No call needed: ${ownerName} routes number block ${r.block.range} to ${target} automatically (pre-arranged)${lead > 0 ? ` within ${formatMinutes(lead)}` : ''}.`,
        details: [`If incoming calls do not arrive, call ${support}.`],
      });
    } else {
      steps.push({
        text: `${ownerName} does not reroute number blocks: incoming calls to ${r.block.range} fail until ${normal} ${r.normal.length === 1 ? 'is' : 'are'} back.`,
        details: [`Ask ${support} for the repair time.`, 'Publish an alternative number (e.g. a mobile phone) on the website and in the e-mail signature until then.'],
      });
    }
  }
}

function reportContacts(ctx: SiteContext, scenario: Scenario, a: Affected, lines: SiteLines): string[] {
  const { index } = ctx;
  const providers = new Set<string>();
  for (const r of a.refs) if (r.kind === 'provider') providers.add(r.id);
  if (scenario.class === 'supply-line' || scenario.class === 'wan-outage') {
    for (const d of a.trunks) providers.add(d.item.provider);
    for (const d of a.uplinks) providers.add(d.item.provider);
  }
  const out = [...providers].sort().map(lines.reportTo);
  if (scenario.class === 'technical-damage' && a.gateways.length > 0) {
    out.push(`Hardware: ${index.model.deployment.owner} (agreed recovery time ${formatMinutes(index.model.deployment.sla.recoveryMinutes)}).`);
  }
  if (FACILITY_CLASSES.has(scenario.class)) out.push('Facility management of the building (power, cooling, fire damage).');
  return out;
}

const VERIFY: Partial<Record<ServiceKind, (ctx: SiteContext) => string>> = {
  internal: (ctx) =>
    ctx.site.poeSwitches.length > 1
      ? `Internal calls: call from a phone on each PoE switch (${ctx.site.poeSwitches.map((p) => `${p.id} in ${p.fireZone}`).join(', ')}) to one on another.`
      : 'Internal calls: call from one phone of the site to another.',
  incoming: (ctx) =>
    ctx.site.numberBlocks.length > 0
      ? `Incoming calls: from a mobile phone, call a number of ${joinWords(ctx.site.numberBlocks.map((n) => n.range))}; it must ring at the site.`
      : 'Incoming calls: from a mobile phone, call the site\'s public number; it must ring at the site.',
  outbound: (ctx) => `Outbound calls: from a site phone, call an external number (e.g. the on-call's mobile${ctx.site.onCall.contacts[0]?.phone ? ` ${ctx.site.onCall.contacts[0].phone}` : ''}); check the caller's number shown.`,
  emergency: (ctx) =>
    ctx.site.emergency.testCallsPermitted
      ? `Emergency calls: announce a test call to the local emergency service, call ${ctx.site.emergency.numbers[0]} once, state that it is a test and the location.`
      : `Emergency calls: do NOT dial ${joinWords(ctx.site.emergency.numbers, 'or')}; check on the gateway that the emergency route points to an emergency-capable trunk that is up (${joinWords(ctx.trunks.filter((t) => t.emergency.capable).map((t) => t.id)) || 'none is declared'}).`,
  'operator-desk': () => 'Operator desk: call the operator number from outside; the desk answers and transfers the call.',
  'call-centre-telephony': () => 'Call centre: an agent logs in and takes a call from the queue.',
  'call-centre-chat': () => 'Call centre chat: an agent receives a test chat.',
  'call-centre-email': () => 'Call centre e-mail: an agent receives a test e-mail in the queue.',
  cti: () => 'CTI / dialling help: dial a number from the CTI client; the phone places the call.',
  video: () => 'Video: place a video call between two users.',
  'application-sharing': () => 'Application sharing: share a screen in a conference call.',
  presence: () => 'Presence: the presence status of a colleague changes when they are on a call.',
  crm: () => 'CRM: an incoming call from a known customer shows the CRM record.',
  erp: () => 'ERP: the ERP integration shows the caller\'s record or places a call.',
  'trouble-ticket': () => 'Trouble tickets: open a test ticket and check that it is received.',
  alerting: () => 'Alerting: trigger a test alarm and check that it is delivered by phone.',
  fax: () => 'Fax: send a test fax to and from the site.',
};

const FACILITY_CLASSES = new Set<Scenario['class']>(['fire-zone', 'building', 'site', 'overheating', 'power-outage']);

function verifyLines(services: readonly Service[], verdicts: ReadonlyMap<string, Verdict>, a: Affected, lines: SiteLines): string[] {
  const out: string[] = [];
  const down: string[] = [];
  // Only what was interrupted needs checking; the failback verifies everything on the normal path.
  for (const svc of services) {
    const v = verdicts.get(svc.id);
    if (!v || (v.survives && (v.switchover?.totalSeconds ?? 0) === 0)) continue;
    if (!v.survives) {
      down.push(svc.name);
      continue;
    }
    out.push(lines.check(svc));
  }
  const mon = a.gateways.length + a.trunks.length + a.uplinks.length > 0;
  if (mon) out.push('Monitoring: the standby and the surviving trunks show no alert; the alerts of the failed components stay until they are repaired.');
  if (down.length > 0) out.push(`Not expected to work until the repair: ${joinWords(down)}.`);
  if (out.length === 0) out.push('No service was interrupted: check in monitoring that the failed component is back once it is repaired.');
  return out;
}

/** How to check that a service works on the normal path (appendix C, verification, failback). */
export function serviceCheck(ctx: SiteContext, svc: Service): string {
  return VERIFY[svc.kind]?.(ctx) ?? `${svc.name}: check that it works for a user of the site.`;
}

function failbackSteps(
  ctx: SiteContext,
  scenario: Scenario,
  a: Affected,
  hot: readonly StandbyLink[],
  cold: readonly StandbyLink[],
  verdicts: ReadonlyMap<string, Verdict>,
  reroutes: readonly Reroute[],
  lines: SiteLines,
): StepView[] {
  const { index } = ctx;
  const steps: StepView[] = [];
  const what = scenario.domains.map((id) => index.domains.get(id)?.label ?? id);
  steps.push({ text: `Wait until ${joinWords(what)} ${what.length === 1 ? 'is' : 'are'} repaired and released for use.`, details: [] });
  if (a.gateways.length > 0) {
    steps.push({
      text: 'Bring the failed gateways back and check them before any traffic returns:',
      details: a.gateways.map((d) => `${gatewayLabel(d.item)}: power and network up, configuration current${d.item.backup ? ' (restore the latest backup if the device was replaced)' : ''}, no alert in monitoring.`),
    });
  }
  for (const r of hot) {
    const d = r.relation.detection;
    const how =
      d.mechanism === 'vrrp'
        ? `${r.relation.gateway} takes the virtual address back (it has the higher VRRP priority)`
        : d.mechanism === 'dns'
          ? `the DNS failover record points to ${r.relation.gateway} again once its health check passes (TTL ${d.dnsTtlSeconds} s)`
          : d.mechanism === 'dispatcher'
            ? `the SIP edge routes to ${r.relation.gateway} again once it answers its probes`
            : `the phones and trunks register at ${r.relation.gateway} again, their first registrar`;
    steps.push({
      text: `Fail back from ${r.standby.id} to ${r.relation.gateway}: ${how}. This drops the calls in progress on ${r.standby.id} once more, so bring ${r.relation.gateway} back at a quiet time and tell the users beforehand.`,
      details: [],
    });
  }
  for (const r of cold) {
    steps.push({
      text: `Move back from the cold standby ${r.standby.id} to ${r.relation.gateway}:`,
      details: [
        `Copy configuration changes made on ${r.standby.id} since its activation to ${r.relation.gateway} (export a backup from ${r.standby.id}, import it on ${r.relation.gateway}).`,
        `Switch the phones and trunks back to ${r.relation.gateway} at a quiet time; calls in progress drop.`,
        `Shut ${r.standby.id} down again so that it stays a cold standby, and check its standby licences are free.`,
      ],
    });
  }
  for (const r of reroutes) {
    if (!r.target || r.owner?.rerouting.mode === 'none') continue;
    const support = r.owner?.support ? contactLine(r.owner.support) : r.owner?.name ?? r.block.provider;
    const onRequest = r.owner?.rerouting.mode === 'on-request';
    const normal = joinWords(r.normal.map((t) => t.id));
    steps.push({
      text: onRequest
        ? `Ask ${r.owner?.name ?? r.block.provider} to route number block ${r.block.range} back to ${normal}:`
        : `Check that ${r.owner?.name ?? r.block.provider} routes number block ${r.block.range} back to ${normal} (automatic):`,
      details: [
        onRequest ? `Call ${support}; quote the ticket of the original request.` : `If incoming calls do not arrive on ${normal}, call ${support}.`,
        r.owner && r.owner.rerouting.leadTimeMinutes > 0 ? `Lead time about ${formatMinutes(r.owner.rerouting.leadTimeMinutes)}: keep trunk ${r.target.id} connected until incoming calls arrive on the normal trunk again.` : `Keep trunk ${r.target.id} connected until incoming calls arrive on the normal trunk again.`,
      ],
    });
  }
  steps.push(VERIFY_ALL);
  const emergencyVerdict = emergencyOf(verdicts);
  if (emergencyVerdict && !failsInNormalOperation(emergencyVerdict) && (!emergencyVerdict.survives || emergencyVerdict.switchover?.automatic === false)) steps.push(lines.emergencyBack);
  steps.push(lines.declareRecovery);
  return steps;
}

/**
 * A double failure, compactly: its outcome, the two single-failure procedures to follow, and only
 * the steps that those do not already contain (e.g. a rerouting that only a double failure needs).
 */
export function combineProcedure(full: ProcedureView, singles: readonly ProcedureView[]): ProcedureView {
  const extra = full.steps.filter((s) => !s.text.startsWith('Write down the times') && !s.text.startsWith('Confirm what is down') && !singles.some((p) => stepTexts(p).has(s.text)));
  return {
    ...full,
    combined: true,
    follow: singles.map((p) => ({ number: p.number, anchor: p.anchor, title: p.title })),
    signals: [],
    automatic: [],
    notify: [],
    steps: extra,
    verify: [],
    failback: [],
  };
}

// A single failure's procedure is referred to by every double failure it is part of.
const texts = new WeakMap<ProcedureView, ReadonlySet<string>>();
function stepTexts(p: ProcedureView): ReadonlySet<string> {
  let set = texts.get(p);
  if (!set) texts.set(p, (set = new Set(p.steps.map((s) => s.text))));
  return set;
}

/** Services with the same outcome share one row ("Internal calls, Outbound calls: LOST: ..."). */
function groupOutcomes(list: readonly OutcomeView[]): OutcomeView[] {
  const rows = new Map<string, { services: string[]; state: OutcomeView['state']; text: string }>();
  for (const o of list) {
    const key = `${o.state}|${o.text}`;
    const row = rows.get(key);
    if (row) row.services.push(o.service);
    else rows.set(key, { services: [o.service], state: o.state, text: o.text });
  }
  return [...rows.values()].map((r) => ({ service: joinWords(r.services), state: r.state, text: r.text }));
}
