// Section 5: one procedure per scenario the site can face, in the phases of a contingency plan
// (NIST SP 800-34): activation (how the failure shows itself), notification, recovery (what
// happens automatically, then the manual steps in order), and reconstitution (verification and
// failback). Service outcomes come from the analysis' verdicts; the components named in the
// steps come from the model (affected.ts).
import type { Scenario, Verdict } from '../../analysis/types.js';
import type { Gateway, NumberBlock, Provider, ServiceKind, Service, Trunk } from '../../model/types.js';
import { affectedBy, type Affected } from './affected.js';
import type { SiteContext, StandbyLink } from './context.js';
import { MECHANISM_LABELS, partsText, pathText, placeText, trunkKind, verdictOutcome } from './describe.js';
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

export function buildProcedure(input: ProcedureInput): { readonly view: ProcedureView; readonly affected: Affected } {
  const { ctx, scenario, verdicts, services, lines } = input;
  const { site, index } = ctx;
  const model = index.model;
  const number = numbered(PROCEDURE_SECTION, input.index);
  const affected = affectedBy(ctx, scenario);
  const downGateways = new Set(affected.gateways.map((d) => d.item.id));
  const downTrunks = new Set(affected.trunks.map((d) => d.item.id));

  // Outcomes per service. A service that fails even in normal operation is not lost by this
  // scenario: it is named apart (and is a finding in section 7).
  const outcomes: OutcomeView[] = [];
  const unaffected: string[] = [];
  const failing: { label: string; v: Verdict }[] = [];
  const broken: { label: string; v: Verdict }[] = [];
  const switching: { label: string; v: Verdict }[] = [];
  for (let k = 0; k < services.length; k++) {
    const svc = services[k]!;
    const label = lines.labels[k]!;
    const v = verdicts.get(svc.id);
    if (!v || (v.survives && (v.switchover?.totalSeconds ?? 0) === 0)) {
      unaffected.push(label);
    } else if (v.survives) {
      switching.push({ label, v });
      outcomes.push({ service: label, state: 'survives', text: verdictOutcome(v) });
    } else {
      (failsInNormalOperation(v) ? broken : failing).push({ label, v });
      outcomes.push({ service: label, state: 'fails', text: verdictOutcome(v) });
    }
  }
  const manual = switching.filter((x) => !x.v.switchover!.automatic);
  const automaticOnes = switching.filter((x) => x.v.switchover!.automatic);

  // Standby relations at work: the primary is down, the standby is not.
  const relations: StandbyLink[] = [];
  const unprotected: Gateway[] = [];
  for (const d of affected.gateways) {
    const links = ctx.standbysOf(d.item.id).filter((l) => !downGateways.has(l.standby.id));
    relations.push(...links);
    if (links.length === 0 && d.item.serves.length > 0) unprotected.push(d.item);
  }
  const hot = relations.filter((r) => r.relation.mode === 'hot');
  const cold = relations.filter((r) => r.relation.mode === 'cold');

  // --- Activation: how it shows itself.
  const compact = input.compact === true;
  const signals = compact ? [] : signalsOf(ctx, scenario, affected, lines);

  // --- What happens automatically (one line per group of services with the same outcome).
  const automatic: string[] = [];
  if (!compact) {
    for (const u of affected.ups) automatic.push(u.note + '.');
    for (const r of hot) {
      automatic.push(`${gatewayLabel(r.standby)}, hot standby, takes over from ${r.relation.gateway}: ${MECHANISM_LABELS[r.relation.detection.mechanism] ?? r.relation.detection.mechanism}.`);
    }
    for (const g of groupByOutcome(automaticOnes)) {
      const sw = g.v.switchover!;
      automatic.push(`Back after ${formatDuration(sw.totalSeconds)}, automatically${g.via ? `, via ${g.via}` : ''}: ${joinWords(g.labels)} (${partsText(sw)}).`);
    }
    if (unaffected.length > 0) automatic.push(`Not affected: ${joinWords(unaffected)}.`);
    for (const g of groupByOutcome(manual)) {
      const sw = g.v.switchover!;
      automatic.push(`Only after the manual steps below, ${formatDuration(sw.totalSeconds)} in the worst case${g.via ? `, via ${g.via}` : ''}: ${joinWords(g.labels)} (${partsText(sw)}).`);
    }
    for (const g of groupByOutcome(failing)) automatic.push(`LOST until the repair: ${joinWords(g.labels)}. ${sentence(stripFails(g.v.reason))}`);
    for (const g of groupByOutcome(broken)) automatic.push(`Not working even in normal operation (section 7): ${joinWords(g.labels)}. ${sentence(stripFails(g.v.reason))}`);
    if (hot.length === 0 && automaticOnes.length === 0 && affected.ups.length === 0) automatic.unshift('Nothing switches over by itself.');
  }

  const dropped = switching.some((x) => x.v.switchover!.activeCallsDropped) || failing.length > 0 || affected.gateways.length > 0 || affected.trunks.length > 0;
  const cutThrough = [...affected.gateways.map((d) => d.item.id), ...affected.trunks.map((d) => d.item.id)];
  const callsDropped = dropped
    ? `Calls in progress${cutThrough.length ? ` through ${joinWords(cutThrough)}` : ''} are dropped: the switchover disconnects existing connections, callers must dial again. Tell the users so.`
    : 'Calls in progress are not affected.';

  // --- Notification.
  const emergencyVerdict = emergencyOf(verdicts);
  const emergencyProvided = lines.emergencyProvided;
  const emergencyBroken = emergencyProvided && emergencyVerdict !== null && failsInNormalOperation(emergencyVerdict);
  const emergencyLost = emergencyProvided && emergencyVerdict !== null && !emergencyVerdict.survives && !emergencyBroken;
  const emergencyManual = emergencyProvided && emergencyVerdict?.survives === true && emergencyVerdict.switchover?.automatic === false;
  const notify: StepView[] = compact ? [] : [...lines.notify];
  if (!compact) {
    const userNotice: string[] = [];
    if (failing.length + broken.length > 0) userNotice.push(`not working: ${joinWords([...failing, ...broken].map((f) => f.label))}`);
    if (manual.length > 0) userNotice.push(`back only after manual steps: ${joinWords(manual.map((f) => f.label))}`);
    const working = [...unaffected, ...automaticOnes.map((x) => x.label)];
    if (working.length > 0) userNotice.push(`working${automaticOnes.length ? ' (after the automatic switchover)' : ''}: ${joinWords(working)}`);
    if (userNotice.length > 0 && !affected.phonesLost && failing.length + switching.length > 0) {
      notify.push({ text: `Tell the ${site.users} users of ${site.name}${site.emergency.notification ? ` and the ${site.emergency.notification.desk}` : ''} what works:`, details: userNotice });
    }
  }

  // --- Recovery: manual steps in order.
  const steps: StepView[] = [];
  if (scenario.class === 'fire-zone' || scenario.class === 'building' || scenario.class === 'site') steps.push(PEOPLE_FIRST);
  if (emergencyBroken) {
    steps.push({ text: `Emergency calls do not work from this site's phones even in normal operation (section 7): use mobile phones for ${joinWords(site.emergency.numbers, 'or')}.`, details: [] });
  }
  if (emergencyLost || emergencyManual) {
    steps.push({
      text: `Switch emergency calls to mobile phones${emergencyManual ? ' until the steps below are done' : ''}: the site's phones cannot reach ${joinWords(site.emergency.numbers)} now.`,
      details: lines.emergencyDetails,
    });
  }
  steps.push({ text: 'Confirm what is down (monitoring, or ping the addresses below):', details: confirmDetails(ctx, affected, relations) });

  for (const r of cold) steps.push(coldStandbyStep(ctx, r));
  for (const g of unprotected) {
    steps.push({
      text: `${gatewayLabel(g)} has no live standby: have it repaired or replaced.`,
      details: [
        `Agreed recovery time without redundancy (SLA): ${formatMinutes(model.deployment.sla.recoveryMinutes)}; in charge: ${model.deployment.owner}.`,
        g.backup ? `Restore its configuration from the latest backup (every ${g.backup.intervalHours} h, ${g.backup.target === 'cloud-bucket' ? 'in the cloud backup bucket' : 'stored locally'}).` : 'It has no automated configuration backup: the configuration must be rebuilt by hand.',
      ],
    });
  }
  const reroutes = reroutesOf(ctx, verdicts, downTrunks);
  steps.push(...reroutingSteps(ctx, reroutes));
  if (emergencyProvided && emergencyVerdict && emergencyVerdict.survives && (emergencyVerdict.switchover?.totalSeconds ?? 0) > 0) {
    const via = pathText(emergencyVerdict.path);
    steps.push({
      text: `Check that emergency calls leave through the surviving route${via ? `: ${via}` : ''}.`,
      details: [
        site.emergency.testCallsPermitted
          ? `Announce a test call to the local emergency service first, then call ${site.emergency.numbers[0]} once and state that it is a test.`
          : `Do not dial ${joinWords(site.emergency.numbers, 'or')} to test (not permitted at this site): check on the gateway that the emergency route uses an emergency-capable trunk that is up.`,
      ],
    });
  }
  if (affected.ups.length > 0) {
    steps.push({
      text: 'Watch the power:',
      details: [
        ...affected.ups.map((u) => u.note + '.'),
        ...affected.generators.map((g) => `Check that generator ${g} is running; arrange fuel if the outage may last longer than its runtime.`),
      ],
    });
  }
  if (scenario.class === 'overheating') {
    steps.push({
      text: 'Cool the room: have facility management repair the cooling unit; meanwhile provide temporary cooling (mobile air conditioner, open doors if the fire plan allows it).',
      details: ['Devices that shut down because of heat restart only once the room is cool: start them by hand if they do not.'],
    });
  }
  const reportTo = reportContacts(ctx, scenario, affected, lines);
  if (reportTo.length > 0) steps.push({ text: 'Report the fault to whoever repairs it, and ask for the expected repair time:', details: reportTo });
  if (failing.length > 0) {
    steps.push({
      text: `Until the repair, these stay down: ${joinWords(failing.map((f) => f.label))}. Escalate to ${input.deciders.names} if that is not acceptable.`,
      details: [],
    });
  }
  if (cold.length === 0 && manual.length === 0 && failing.length === 0) {
    const longest = Math.max(0, ...automaticOnes.map((x) => x.v.switchover!.totalSeconds));
    steps.push({ text: longest > 0 ? `No manual switchover is needed: check after ${formatDuration(longest)} that the services are back (see "Verify").` : 'No manual switchover is needed.', details: [] });
  }
  steps.push(WRITE_DOWN_TIMES);

  // --- Verification.
  const verify = compact ? [] : verifyLines(services, verdicts, affected, lines);

  // --- Reconstitution and failback.
  const failback = compact ? [] : failbackSteps(ctx, scenario, affected, hot, cold, verdicts, reroutes, lines);

  const summary = summaryText(site.name, unaffected, automaticOnes, manual, failing, broken, affected);
  const view: ProcedureView = {
    number,
    anchor: anchorOf(number),
    scenarioId: scenario.id,
    title: scenarioTitle(scenario),
    scenarioClass: classLabel(scenario.class),
    origin: scenario.origin === 'double' ? 'double failure' : scenario.origin === 'policy' ? 'named by a policy' : 'single failure',
    summary,
    signals,
    automatic,
    outcomes: groupOutcomes(outcomes),
    callsDropped,
    notify,
    steps,
    decides: input.deciders.short,
    combined: false,
    follow: [],
    verify,
    failback,
  };
  return { view, affected };
}

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

function reroutingSteps(ctx: SiteContext, reroutes: readonly Reroute[]): StepView[] {
  const steps: StepView[] = [];
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
  return steps;
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
