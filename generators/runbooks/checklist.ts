// Section 4: the whitepaper's closing checklist ("CHECKLIST for a Stable Communications
// System"), resolved for one site item by item. Every item gets a state and the evidence from
// the model and the analysis that decides it:
//   covered          the design answers the item (and every promise about it is kept);
//   not covered      it does not, or a promise about it is broken;
//   not applicable   the site has nothing the item is about;
//   acknowledged     not covered, but every rule finding behind it is an accepted risk (the
//                    blueprint's acknowledgement, with its reason, owner and expiry).
// Failure scenarios in which the site's own phones are lost (its building burns) cannot be
// survived by any telephony redundancy; they are listed as evidence but do not decide a state.
import type { Finding, Scenario, Verdict } from '../../analysis/types.js';
import { coldStandbyParts, hotStandbyParts } from '../../analysis/switchover.js';
import type { Gateway, ScenarioClass, Service, ServiceKind } from '../../model/types.js';
import type { Affected } from './affected.js';
import type { SiteContext } from './context.js';
import { partsText } from './describe.js';
import { capList, formatDuration, joinWords, reroutingText, sentence, serviceLabel, scenarioTitle } from './format.js';
import type { ChecklistGroupView, ChecklistItemView, ChecklistState, ChecklistView } from './view.js';

export const CHECKLIST_SECTION = 4;

export interface ChecklistInput {
  readonly ctx: SiteContext;
  readonly services: readonly Service[];
  readonly byScenario: ReadonlyMap<string, ReadonlyMap<string, Verdict>>;
  readonly affected: ReadonlyMap<string, Affected>;
}

interface Evaluation {
  readonly state: Exclude<ChecklistState, 'acknowledged'>;
  readonly evidence: readonly string[];
}

interface ItemDef {
  readonly id: string;
  readonly title: string;
  readonly evaluate: (input: ChecklistInput) => Evaluation;
}

interface GroupDef {
  readonly title: string;
  readonly items: readonly ItemDef[];
}

/**
 * Which checklist items a design rule's finding is about, by rule id. A finding of one of these
 * rules on the site makes the item's evidence; when every such finding is acknowledged, a
 * not-covered item becomes an acknowledged risk with the acknowledgement's reason.
 */
export const RULE_ITEMS: Readonly<Record<string, readonly string[]>> = {
  'RBC-R001': ['fire-flooding', 'standby'], // standby in the same fire zone
  'RBC-R002': ['fire-flooding', 'standby'], // standby in the same building
  'RBC-R003': ['external-damage'], // redundant trunks through one supply line
  'RBC-R004': ['third-party-outage'], // redundant trunks from one provider
  'RBC-R005': ['power-outage', 'ups'], // UPS autonomy shorter than the outage
  'RBC-R006': ['power-outage', 'ups'], // PoE switch not on UPS
  'RBC-R007': ['overheating'], // one cooling unit for primary and standby
  'RBC-R008': ['standby'], // standby without standby licences
  'RBC-R009': ['standby'], // mutual standby without the capacity
  'RBC-R010': ['incoming'], // number block with a single route
  'RBC-R011': ['emergency'], // emergency trunk not valid for the location
  'RBC-R012': ['standby', 'switchover-time'], // cold standby too slow for the policy
  'RBC-R013': ['network-monitoring', 'alerts'], // cold standby's primary not monitored
  'RBC-R014': ['network-monitoring'], // gateway not monitored
  'RBC-R015': ['third-party-outage', 'standby'], // cloud PBX without a local survivable gateway
  'RBC-R016': ['second-psu'], // single power supply
  'RBC-R017': ['network'], // single network interface
  'RBC-R018': ['disks-backup'], // single disk
  'RBC-R019': ['switchover-time'], // DNS failover too slow
};

// ---------------------------------------------------------------------------------------------
// Failure scenarios

const isCounted = (input: ChecklistInput, s: Scenario) => s.origin !== 'double' && !(input.affected.get(s.id)?.phonesLost ?? false);

function scenarioLine(input: ChecklistInput, s: Scenario): { line: string; failing: boolean } {
  const verdicts = input.byScenario.get(s.id) ?? new Map<string, Verdict>();
  const lost = input.affected.get(s.id)?.phonesLost ?? false;
  const fails: string[] = [];
  let longest = 0;
  let manual = false;
  for (const svc of input.services) {
    const v = verdicts.get(svc.id);
    if (!v) continue;
    if (!v.survives) fails.push(svc.name);
    else if (v.switchover) {
      longest = Math.max(longest, v.switchover.totalSeconds);
      manual ||= !v.switchover.automatic;
    }
  }
  const prefix = `${scenarioTitle(s)}: `;
  if (lost) return { line: `${prefix}the site's phones themselves are lost${fails.length ? ` (${fails.length} of ${input.services.length} services fail)` : ''}; no telephony redundancy can cover this, only the plan for the people.`, failing: false };
  if (fails.length > 0) return { line: `${prefix}${joinWords(fails)} ${fails.length === 1 ? 'fails' : 'fail'}.`, failing: true };
  if (longest === 0) return { line: `${prefix}no service is affected.`, failing: false };
  return { line: `${prefix}every service survives, the longest switchover is ${formatDuration(longest)} (${manual ? 'with manual steps' : 'automatic'}).`, failing: false };
}

function scenarioItem(id: string, title: string, classes: readonly ScenarioClass[], extra?: (input: ChecklistInput) => { evidence: string[]; failing: boolean; na?: string }): ItemDef {
  return {
    id,
    title,
    evaluate: (input) => {
      const { ctx } = input;
      const scenarios = ctx.scenarios.filter((s) => classes.includes(s.class) && s.origin !== 'double');
      const more = extra?.(input);
      if (more?.na) return { state: 'not-applicable', evidence: [more.na] };
      const evidence: string[] = [];
      let failing = more?.failing ?? false;
      for (const s of scenarios) {
        const r = scenarioLine(input, s);
        evidence.push(r.line);
        if (r.failing && isCounted(input, s)) failing = true;
      }
      const broken = violationsFor(ctx, (v) => scenarios.some((s) => s.id === v.scenario));
      if (broken.length > 0) {
        failing = true;
        evidence.push(`Broken promises: ${broken.join('; ')}.`);
      }
      evidence.push(...(more?.evidence ?? []));
      if (scenarios.length === 0 && !more?.failing) {
        return { state: 'not-covered', evidence: ['The analysis has no scenario of this kind for this site, so nothing shows that it is covered.', ...(more?.evidence ?? [])] };
      }
      return { state: failing ? 'not-covered' : 'covered', evidence: capList(evidence, 12) };
    },
  };
}

const hostSets = new WeakMap<object, ReadonlySet<string>>();
/** A service's hosts as a set, made once per service and compile. */
function hostsOf(svc: { readonly hosts: readonly string[] }): ReadonlySet<string> {
  let set = hostSets.get(svc);
  if (!set) hostSets.set(svc, (set = new Set(svc.hosts)));
  return set;
}

function violationsFor(ctx: SiteContext, pick: (v: { scenario: string; service: string }) => boolean): string[] {
  const list = ctx.index.violationsBySite.get(ctx.site.id) ?? [];
  return list.filter((x) => pick(x.violation)).map((x) => `policy ${x.policyId}: ${x.violation.reason}`);
}

const localEquipment = (ctx: SiteContext): Gateway[] => ctx.gateways.filter((g) => g.placement.type === 'site' && g.placement.site === ctx.site.id);

const SCENARIO_ITEMS: readonly ItemDef[] = [
  scenarioItem('fire-flooding', 'Fire / flooding', ['fire-zone', 'building', 'site'], ({ ctx }) => {
    const evidence: string[] = [];
    const zones = new Set(localEquipment(ctx).map((g) => (g.placement.type === 'site' ? g.placement.fireZone : '')));
    if (localEquipment(ctx).length > 0) evidence.push(`Gateways at the site stand in ${zones.size} fire zone${zones.size === 1 ? '' : 's'}: ${joinWords([...zones].sort())}.`);
    return { evidence, failing: false };
  }),
  scenarioItem('external-damage', 'External damage (supply to the building)', ['supply-line', 'wan-outage'], ({ ctx }) => {
    const site = ctx.site;
    const siteTrunks = ctx.trunks.filter((t) => t.site === site.id);
    if (siteTrunks.length === 0 && site.uplinks.length === 0) return { evidence: [], failing: false, na: 'No trunk or uplink enters the site.' };
    const evidence = site.supplyLines.map((l) => {
      const inside = [...siteTrunks.filter((t) => t.supplyLine === l.id || (t.uplink && site.uplinks.find((u) => u.id === t.uplink)?.supplyLine === l.id)).map((t) => `trunk ${t.id}`), ...site.uplinks.filter((u) => u.supplyLine === l.id).map((u) => `uplink ${u.id}`)];
      return `Supply line ${l.id}${l.route ? ` (${l.route})` : ''} carries ${inside.length ? joinWords(inside) : 'nothing modelled'}.`;
    });
    if (site.supplyLines.length === 0) evidence.push('The blueprint names no supply line: it does not say through which cable entries the trunks and uplinks reach the building.');
    return { evidence, failing: site.supplyLines.length === 0 };
  }),
  scenarioItem('overheating', 'Overheating', ['overheating'], ({ ctx }) => {
    const local = localEquipment(ctx);
    if (local.length === 0 && ctx.site.vmHosts.length === 0) return { evidence: [], failing: false, na: 'No gateway or host of this site\'s telephony stands at the site.' };
    const rooms = new Set(local.map((g) => (g.placement.type === 'site' ? g.placement.room : null)).filter((r): r is string => Boolean(r)));
    for (const h of ctx.site.vmHosts) if (h.room) rooms.add(h.room);
    const evidence = [...rooms].sort().map((id) => {
      const r = ctx.site.rooms.find((x) => x.id === id);
      return r && r.cooling.length > 0 ? `Room ${id} is cooled by ${joinWords(r.cooling)}.` : `Room ${id} has no cooling in the blueprint: overheating there is not analysed.`;
    });
    const uncooled = [...rooms].some((id) => (ctx.site.rooms.find((x) => x.id === id)?.cooling.length ?? 0) === 0);
    if (rooms.size === 0) evidence.push('The gateways are not placed in rooms with cooling: overheating is not analysed.');
    return { evidence, failing: uncooled || rooms.size === 0 };
  }),
  scenarioItem('power-outage', 'Power outage and its duration', ['power-outage'], ({ ctx }) => {
    const site = ctx.site;
    const evidence = site.power.ups.map((u) => {
      const gen = u.generator ? site.power.generators.find((g) => g.id === u.generator) : null;
      return `UPS ${u.id}: ${u.autonomyMinutes} min on battery${gen ? `, then generator ${gen.id} for ${gen.runtimeHours} h` : ', no generator'}.`;
    });
    if (site.power.ups.length === 0) evidence.push('No UPS: every power outage takes down what is on the mains.');
    const durations = [...new Set(ctx.scenarios.filter((s) => s.class === 'power-outage' && s.durationMinutes !== null).map((s) => s.durationMinutes!))].sort((a, b) => a - b);
    if (durations.length > 0) evidence.push(`Outage durations analysed: ${durations.map((d) => formatDuration(d * 60)).join(', ')}.`);
    return { evidence, failing: false };
  }),
  scenarioItem('technical-damage', 'Technical damage with servers or other components', ['technical-damage'], ({ ctx }) =>
    ctx.gateways.length === 0 ? { evidence: [], failing: false, na: 'No gateway serves this site.' } : { evidence: [], failing: false },
  ),
  scenarioItem('third-party-outage', 'Outage of a provider or the cloud (trunk lines, public networks, cloud services)', ['provider-outage', 'cloud-az', 'cloud-region'], ({ ctx }) =>
    ctx.providers.length === 0 ? { evidence: [], failing: false, na: 'The site uses no provider.' } : { evidence: [], failing: false },
  ),
];

// ---------------------------------------------------------------------------------------------
// Redundancies

/** Gateways with a live way out: a standby relation to another gateway. */
const hasStandby = (ctx: SiteContext, g: Gateway) => ctx.standbysOf(g.id).length > 0;

function sourceKind(ctx: SiteContext, id: string): 'ups' | 'feed' | 'unknown' {
  if (ctx.site.power.ups.some((u) => u.id === id)) return 'ups';
  if (ctx.site.power.feeds.some((f) => f.id === id)) return 'feed';
  return 'unknown';
}

const REDUNDANCY_ITEMS: readonly ItemDef[] = [
  {
    id: 'ups',
    title: 'Power supply: UPS (uninterruptible power supply)',
    evaluate: ({ ctx }) => {
      const site = ctx.site;
      const local = localEquipment(ctx).filter((g) => g.psus.length > 0);
      if (local.length === 0 && site.poeSwitches.length === 0 && site.vmHosts.length === 0) return { state: 'not-applicable', evidence: ['No powered equipment of this site is modelled (no local gateway, host or PoE switch).'] };
      const evidence: string[] = [];
      let bad = site.power.ups.length === 0;
      if (bad) evidence.push('The site has no UPS.');
      for (const g of local) {
        const onUps = g.psus.filter((p) => sourceKind(ctx, p) === 'ups');
        evidence.push(onUps.length > 0 ? `Gateway ${g.id}: on UPS ${joinWords(onUps)}.` : `Gateway ${g.id}: on mains only (${joinWords(g.psus)}).`);
        if (onUps.length === 0) bad = true;
      }
      for (const h of site.vmHosts) {
        const onUps = h.psus.filter((p) => sourceKind(ctx, p) === 'ups');
        evidence.push(onUps.length > 0 ? `Host ${h.id}: on UPS ${joinWords(onUps)}.` : `Host ${h.id}: on mains only.`);
        if (onUps.length === 0) bad = true;
      }
      for (const p of site.poeSwitches) {
        const ups = sourceKind(ctx, p.power) === 'ups';
        evidence.push(ups ? `PoE switch ${p.id} (${p.phones} phones): on UPS ${p.power}.` : `PoE switch ${p.id} (${p.phones} phones): on mains ${p.power}; its phones go dark in a power outage.`);
        if (!ups) bad = true;
      }
      if (site.poeSwitches.length === 0) evidence.push('No PoE switches are modelled: the phones\' power is not known.');
      for (const u of site.power.ups) {
        const gen = u.generator ? site.power.generators.find((g) => g.id === u.generator) : null;
        evidence.push(`UPS ${u.id}: ${u.autonomyMinutes} min autonomy${gen ? `, generator ${gen.id} (${gen.runtimeHours} h, starts in ${gen.startSeconds} s)` : ', no generator'}.`);
      }
      for (const p of ctx.policies) {
        for (const sc of p.scenarios) {
          if (sc.class !== 'power-outage' || sc.durationMinutes === null) continue;
          for (const u of site.power.ups) {
            const gen = u.generator ? site.power.generators.find((g) => g.id === u.generator) : null;
            const bridge = u.autonomyMinutes + (gen ? gen.runtimeHours * 60 : 0);
            if (bridge < sc.durationMinutes) {
              bad = true;
              evidence.push(`UPS ${u.id} bridges ${formatDuration(bridge * 60)}, less than the ${formatDuration(sc.durationMinutes * 60)} outage policy ${p.id} names.`);
            }
          }
        }
      }
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'second-psu',
    title: 'Power supply: second power supply',
    evaluate: ({ ctx }) => {
      const appliances = ctx.gateways.filter((g) => g.form === 'appliance');
      if (appliances.length === 0 && ctx.site.vmHosts.length === 0) return { state: 'not-applicable', evidence: ['No appliance or virtualization host: the platform provides the power.'] };
      const evidence: string[] = [];
      let bad = false;
      for (const g of appliances) {
        const distinct = new Set(g.psus);
        if (distinct.size >= 2) evidence.push(`Gateway ${g.id}: ${g.psus.length} power supplies on ${joinWords([...distinct])}.`);
        else if (g.psus.length >= 2) {
          evidence.push(`Gateway ${g.id}: ${g.psus.length} power supplies, but all on ${g.psus[0]}: that source takes both down.`);
          if (!hasStandby(ctx, g)) bad = true;
        } else if (hasStandby(ctx, g)) evidence.push(`Gateway ${g.id}: one power supply; its standby takes over when it fails (the whitepaper's "doubling the entire system").`);
        else {
          evidence.push(`Gateway ${g.id}: one power supply and no standby.`);
          bad = true;
        }
      }
      for (const h of ctx.site.vmHosts) evidence.push(`Host ${h.id}: ${h.psus.length} power supply${h.psus.length === 1 ? '' : 'ies'} (${joinWords(h.psus)}).`);
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'cpu',
    title: 'CPU',
    evaluate: ({ ctx }) => {
      const devices = ctx.gateways.filter((g) => g.form !== 'cloud');
      if (devices.length === 0) return { state: 'not-applicable', evidence: ['Only cloud instances: the platform replaces failed hardware.'] };
      let bad = false;
      const evidence = devices.map((g) => {
        if (g.cpus >= 2) return `Gateway ${g.id}: ${g.cpus} CPUs.`;
        if (hasStandby(ctx, g)) return `Gateway ${g.id}: one CPU; its standby takes over when it fails.`;
        if (g.standbyFor.length > 0 && g.serves.length === 0) return `Gateway ${g.id}: one CPU; it is itself the standby of ${joinWords(g.standbyFor.map((x) => x.gateway))}.`;
        if (g.form === 'virtual') return `Gateway ${g.id}: virtual; the cluster restarts it on another host when a host fails.`;
        if (g.serves.length > 0) bad = true;
        return `Gateway ${g.id}: one CPU${g.serves.length > 0 ? ' and no standby' : ''}.`;
      });
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'disks-backup',
    title: 'Hard drives / duplication / automated backup',
    evaluate: ({ ctx }) => {
      if (ctx.gateways.length === 0) return { state: 'not-applicable', evidence: ['No gateway serves this site.'] };
      let bad = false;
      const evidence: string[] = [];
      const rpo = Math.min(...ctx.policies.map((p) => p.backupRpoHours ?? Infinity));
      for (const g of ctx.gateways) {
        const disk =
          g.storage === 'none' ? 'no disk (flash, no loose parts)' : g.storage === 'mirrored' ? 'mirrored disks' : hasStandby(ctx, g) ? 'a single disk, covered by its standby' : 'a single disk and no standby';
        if (g.storage === 'single-disk' && !hasStandby(ctx, g)) bad = true;
        let backup: string;
        if (!g.backup) {
          backup = 'no automated configuration backup';
          if (g.serves.length > 0) bad = true;
        } else {
          backup = `configuration backup every ${g.backup.intervalHours} h (${g.backup.target === 'cloud-bucket' ? 'cloud bucket' : 'local'})`;
          if (Number.isFinite(rpo) && g.backup.intervalHours > rpo) {
            bad = true;
            backup += `, longer than the ${rpo} h a policy allows`;
          }
        }
        evidence.push(`Gateway ${g.id}: ${disk}; ${backup}.`);
      }
      evidence.push(sentence(`Responsibility: ${ctx.index.model.deployment.sla.backupResponsibility ?? 'not written down in the blueprint'}`));
      if (!ctx.index.model.deployment.sla.backupResponsibility) bad = true;
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'network',
    title: 'Network cards / switches / router',
    evaluate: ({ ctx }) => {
      const site = ctx.site;
      if (ctx.gateways.length === 0 && site.uplinks.length === 0) return { state: 'not-applicable', evidence: ['No gateway or uplink.'] };
      let bad = false;
      const evidence: string[] = [];
      for (const g of ctx.gateways.filter((x) => x.form === 'appliance')) {
        if (g.nics >= 2) evidence.push(`Gateway ${g.id}: ${g.nics} network interfaces on separate switches.`);
        else if (hasStandby(ctx, g)) evidence.push(`Gateway ${g.id}: one network interface; its standby takes over when the link fails.`);
        else {
          evidence.push(`Gateway ${g.id}: one network interface and no standby.`);
          if (g.serves.length > 0) bad = true;
        }
      }
      if (site.poeSwitches.length > 0) {
        evidence.push(`${site.poeSwitches.length} PoE switch${site.poeSwitches.length === 1 ? '' : 'es'} for the phones: a failed switch silences only its own phones (${site.poeSwitches.map((p) => `${p.id}: ${p.phones}`).join(', ')}).`);
      }
      // The WAN is vital when a gateway elsewhere serves the site or every trunk of the site runs over it.
      const siteTrunks = ctx.trunks.filter((t) => t.site === site.id);
      const remote = ctx.primaries.some((g) => g.placement.type === 'cloud' || g.placement.site !== site.id) || (siteTrunks.length > 0 && siteTrunks.every((t) => t.uplink));
      const sip = siteTrunks.filter((t) => t.uplink);
      if (!remote && sip.length > 0) evidence.push(`SIP trunk${sip.length === 1 ? '' : 's'} ${joinWords(sip.map((t) => `${t.id} over uplink ${t.uplink}`))}; ${joinWords(siteTrunks.filter((t) => !t.uplink).map((t) => t.id))} ${siteTrunks.length - sip.length === 1 ? 'does' : 'do'} not depend on the WAN.`);
      if (remote) {
        const lines = new Set(site.uplinks.map((u) => u.supplyLine ?? `radio:${u.id}`));
        const providers = new Set(site.uplinks.map((u) => u.provider));
        if (site.uplinks.length >= 2 && lines.size >= 2) evidence.push(`Uplinks/routers: ${site.uplinks.length} (${site.uplinks.map((u) => `${u.id} via ${u.supplyLine ?? 'radio'}, ${u.provider}`).join('; ')}), ${providers.size} provider${providers.size === 1 ? '' : 's'}.`);
        else {
          bad = true;
          evidence.push(
            site.uplinks.length === 0
              ? 'The site depends on its WAN (SIP trunk or a remote gateway) but has no uplink in the blueprint.'
              : `The site depends on its WAN (SIP trunk or a remote gateway) but has ${site.uplinks.length === 1 ? 'a single uplink' : 'its uplinks in one supply line'}: ${site.uplinks.map((u) => u.id).join(', ')}.`,
          );
        }
      } else if (site.uplinks.length > 0) evidence.push(`Uplinks: ${site.uplinks.map((u) => u.id).join(', ')} (the telephony of the site does not depend on them).`);
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'virtualization',
    title: 'Redundancy via virtualization (HA / FT)',
    evaluate: ({ ctx }) => {
      const virtual = ctx.gateways.filter((g) => g.form === 'virtual' && g.placement.type === 'site' && g.placement.cluster);
      if (virtual.length === 0) return { state: 'not-applicable', evidence: ['No gateway of this site runs as a virtual machine.'] };
      let bad = false;
      const evidence: string[] = [];
      for (const g of virtual) {
        const p = g.placement.type === 'site' ? g.placement : null;
        const site = ctx.index.sites.get(p!.site);
        const cluster = site?.vmClusters.find((c) => c.id === p!.cluster);
        if (!cluster) continue;
        const hosts = cluster.hosts.map((h) => site!.vmHosts.find((x) => x.id === h)).filter((h): h is NonNullable<typeof h> => Boolean(h));
        const zones = new Set(hosts.map((h) => h.fireZone));
        const mode = cluster.mode === 'ft' ? 'fault tolerance (a shadow VM takes over at once)' : cluster.mode === 'ha' ? `high availability (restart on another host in ${formatDuration(cluster.restartSeconds)})` : 'no failover';
        evidence.push(`Gateway ${g.id} on cluster ${cluster.id}: ${mode}; hosts ${hosts.map((h) => `${h.id} in ${h.fireZone}`).join(', ')}.`);
        if (cluster.mode === 'none' || hosts.length < 2) {
          bad = true;
          evidence.push(`Cluster ${cluster.id} cannot move the VM: ${cluster.mode === 'none' ? 'failover is off' : 'it has one host'}.`);
        } else if (zones.size < 2) evidence.push(`All hosts of ${cluster.id} stand in one fire zone: HA helps against a failed host, not against fire there.`);
      }
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'standby',
    title: 'Duplication of the system: hot / cold standby',
    evaluate: ({ ctx }) => {
      if (ctx.primaries.length === 0) return { state: 'not-applicable', evidence: ['No gateway serves this site.'] };
      let bad = false;
      const evidence: string[] = [];
      for (const g of ctx.primaries) {
        const links = ctx.standbysOf(g.id);
        if (links.length === 0) {
          const others = ctx.primaries.filter((x) => x.id !== g.id && x.services.some((s) => g.services.includes(s)));
          if (others.length > 0) evidence.push(`Gateway ${g.id}: no standby of its own; ${joinWords(others.map((o) => o.id))} also ${others.length === 1 ? 'serves' : 'serve'} the site.`);
          else {
            bad = true;
            evidence.push(`Gateway ${g.id}: no standby.`);
          }
        }
        for (const l of links) {
          const parts = l.relation.mode === 'hot' ? hotStandbyParts(l.relation.detection) : coldStandbyParts(l.relation.detection, ctx.site.onCall);
          const total = parts.reduce((n, p) => n + p.seconds, 0);
          const same = samePlace(g, l.standby);
          evidence.push(
            `Gateway ${l.standby.id} is ${l.relation.mode} standby for ${g.id} (${l.relation.detection.mechanism}); expected switchover ${formatDuration(total)}: ${parts.map((p) => `${p.label} ${formatDuration(p.seconds)}`).join(' + ')}${same ? `; both stand in the same ${same}, so it does not help against fire there` : ''}.`,
          );
        }
        if (g.master) evidence.push(`Gateway ${g.id} is a slave of ${g.master}${g.autonomous ? ' and keeps working on its own when the master is unreachable' : ' and does NOT work on its own when the master is unreachable'}.`);
      }
      return { state: bad ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'switchover-time',
    title: 'What downtime / switchover time must be expected',
    evaluate: (input) => {
      const { ctx } = input;
      const evidence: string[] = [];
      const groups = new Map<string, { names: string[]; text: string }>();
      const none: string[] = [];
      for (const svc of input.services) {
        let worst: Verdict | null = null;
        for (const s of ctx.scenarios) {
          if (s.origin === 'double') continue;
          const v = input.byScenario.get(s.id)?.get(svc.id);
          if (v?.survives && v.switchover && (!worst || v.switchover.totalSeconds > worst.switchover!.totalSeconds)) worst = v;
        }
        if (worst && worst.switchover!.totalSeconds > 0) {
          const sw = worst.switchover!;
          const sc = ctx.index.scenarios.get(worst.scenario);
          const text = `up to ${formatDuration(sw.totalSeconds)}, ${sw.automatic ? 'automatic' : 'with manual steps'} (e.g. ${sc ? scenarioTitle(sc) : worst.scenario}: ${partsText(sw)})`;
          const key = `${sw.totalSeconds}|${sw.automatic}|${partsText(sw)}`;
          const g = groups.get(key) ?? { names: [], text };
          g.names.push(svc.name);
          groups.set(key, g);
        } else none.push(svc.name);
      }
      for (const g of groups.values()) evidence.push(`${joinWords(g.names)}: ${g.text}.`);
      if (none.length) evidence.push(`${joinWords(none)}: no switchover in any single failure survived.`);
      const limits = ctx.policies.filter((p) => p.maxSwitchoverSeconds !== null).map((p) => `policy ${p.id} allows ${formatDuration(p.maxSwitchoverSeconds!)}${p.automatic ? ', automatic' : ''}`);
      if (limits.length) evidence.push(`Promised: ${limits.join('; ')}.`);
      const broken = violationsFor(ctx, () => true);
      if (broken.length > 0) evidence.push(`${broken.length} policy violation${broken.length === 1 ? '' : 's'} at this site (section 7).`);
      if (input.services.length === 0) return { state: 'not-applicable', evidence: ['No service is provided at this site.'] };
      return { state: broken.length > 0 ? 'not-covered' : 'covered', evidence: capList(evidence, 14) };
    },
  },
  {
    id: 'takeover',
    title: 'What exactly happens once redundancy takes over',
    evaluate: ({ ctx }) => {
      const links = ctx.primaries.flatMap((g) => ctx.standbysOf(g.id));
      if (links.length === 0) return { state: 'not-applicable', evidence: ['Nothing takes over: no standby serves this site.'] };
      return {
        state: 'covered',
        evidence: [
          'Calls in progress are dropped on every switchover (the whitepaper: existing connections are disconnected to keep the databases consistent); callers dial again.',
          ...links.map((l) => `${l.standby.id} takes over from ${l.relation.gateway}: ${l.relation.mode === 'hot' ? 'automatically' : 'after the on-call activates it'} (${l.relation.detection.mechanism}).`),
          'Section 5 says for every scenario what happens by itself, what to do, and how to fail back.',
        ],
      };
    },
  },
];

function samePlace(a: Gateway, b: Gateway): string | null {
  if (a.placement.type !== 'site' || b.placement.type !== 'site' || a.placement.site !== b.placement.site) return null;
  if (a.placement.fireZone && a.placement.fireZone === b.placement.fireZone) return `fire zone (${a.placement.fireZone})`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Services

function serviceItem(id: string, title: string, kinds: readonly ServiceKind[], extra?: (input: ChecklistInput) => { evidence: string[]; failing: boolean }): ItemDef {
  return {
    id,
    title,
    evaluate: (input) => {
      const { ctx } = input;
      const services = input.services.filter((s) => kinds.includes(s.kind));
      if (services.length === 0) return { state: 'not-applicable', evidence: [`Not provided at this site: no gateway serving it hosts ${kinds.length === 1 ? serviceLabel(kinds[0]!).toLowerCase() : 'any of them'}.`] };
      const evidence: string[] = [];
      let failing = false;
      for (const svc of services) {
        const fails: string[] = [];
        let analysed = 0;
        let longest = 0;
        let manual = false;
        for (const s of ctx.scenarios) {
          if (!isCounted(input, s)) continue;
          const v = input.byScenario.get(s.id)?.get(svc.id);
          analysed++;
          if (v && !v.survives) fails.push(scenarioTitle(s));
          else if (v?.switchover) {
            longest = Math.max(longest, v.switchover.totalSeconds);
            manual ||= !v.switchover.automatic;
          }
        }
        const policies = ctx.policies.filter((p) => p.services.includes(svc.kind));
        const broken = violationsFor(ctx, (v) => v.service === svc.id || v.service === svc.kind);
        const promise = policies.length ? ` Promised by ${joinWords(policies.map((p) => p.id))}${broken.length ? `: ${broken.length} violation${broken.length === 1 ? '' : 's'}` : ', kept'}.` : ' No policy promises it.';
        // Only the hosts that matter to this site: a fleet's service runs on thousands of gateways.
        const hostSet = hostsOf(svc);
        const siteHosts = ctx.gateways.filter((g) => hostSet.has(g.id)).map((g) => g.id);
        const hosts = siteHosts.length ? ` Runs on ${joinWords(siteHosts)}.` : '';
        if (analysed === 0) evidence.push(`${svc.name}: no failure scenario analysed.${hosts}${promise}`);
        else if (fails.length > 0) {
          failing = true;
          evidence.push(`${svc.name}: fails in ${fails.length} of ${analysed} single failures: ${capList(fails, 6).join('; ')}.${hosts}${promise}`);
        } else evidence.push(`${svc.name}: survives all ${analysed} single failures${longest > 0 ? `, switchover up to ${formatDuration(longest)} (${manual ? 'manual steps' : 'automatic'})` : ''}.${hosts}${promise}`);
        if (broken.length) failing = true;
        if (analysed === 0) failing = true;
      }
      const more = extra?.(input);
      if (more) {
        evidence.push(...more.evidence);
        failing ||= more.failing;
      }
      return { state: failing ? 'not-covered' : 'covered', evidence };
    },
  };
}

const SERVICE_ITEMS: readonly ItemDef[] = [
  serviceItem('internal', 'Basic telephony: internal calls', ['internal']),
  serviceItem('incoming', 'Basic telephony: incoming calls', ['incoming'], ({ ctx }) => {
    const evidence = ctx.site.numberBlocks.map((n) => {
      const p = ctx.index.providers.get(n.provider);
      const trunks = ctx.trunks.filter((t) => t.numberBlocks.includes(n.id)).map((t) => t.id);
      return `Number block ${n.range} on ${trunks.length ? joinWords(trunks) : 'no trunk'}; rerouting by ${p?.name ?? n.provider}: ${p ? reroutingText(p) : 'unknown'}.`;
    });
    if (ctx.site.numberBlocks.length === 0) evidence.push('The site has no number block of its own in the blueprint.');
    return { evidence, failing: false };
  }),
  serviceItem('outbound', 'Basic telephony: outbound calls', ['outbound']),
  serviceItem('emergency', 'Emergency calls', ['emergency'], ({ ctx }) => {
    const site = ctx.site;
    const area = site.emergency.location?.area ?? null;
    const valid = ctx.trunks.filter((t) => t.emergency.capable && area !== null && t.emergency.areas.includes(area));
    const evidence = [
      `Location: ${site.emergency.dispatchable ? 'dispatchable' : 'NOT dispatchable (street, city and floor or room are needed)'}.`,
      valid.length ? `Emergency-capable trunks valid for ${area}: ${joinWords(valid.map((t) => t.id))}.` : `No emergency-capable trunk is valid for ${area ?? 'the site (no location)'}.`,
      site.emergency.notification ? `Every emergency call is notified to the ${site.emergency.notification.desk}.` : 'No notification of emergency calls to a central place is configured.',
    ];
    return { evidence, failing: !site.emergency.dispatchable || valid.length === 0 };
  }),
  serviceItem('operator-desk', 'Operator desk', ['operator-desk']),
  serviceItem('call-centre', 'Call centre / contact centre / hotline (telephony, chat, e-mail)', ['call-centre-telephony', 'call-centre-chat', 'call-centre-email']),
  serviceItem('cti', 'CTI / dialling help', ['cti']),
  serviceItem('video', 'Video communication', ['video']),
  serviceItem('application-sharing', 'Application sharing', ['application-sharing']),
  serviceItem('crm', 'CRM', ['crm']),
  serviceItem('erp', 'ERP', ['erp']),
  serviceItem('trouble-ticket', 'Trouble ticket system', ['trouble-ticket']),
  serviceItem('alerting', 'Alerting systems', ['alerting']),
  serviceItem('other', 'Other (fax, presence, further services)', ['fax', 'presence', 'other']),
];

// ---------------------------------------------------------------------------------------------
// Monitoring

const MONITORING_ITEMS: readonly ItemDef[] = [
  {
    id: 'network-monitoring',
    title: 'Network monitoring',
    evaluate: ({ ctx }) => {
      if (ctx.gateways.length === 0) return { state: 'not-applicable', evidence: ['No gateway serves this site.'] };
      const un = ctx.gateways.filter((g) => !g.monitored);
      const evidence = ctx.gateways.map((g) =>
        g.monitored ? `Gateway ${g.id}: monitored.` : `Gateway ${g.id}: NOT monitored${g.standbyFor.some((s) => s.mode === 'cold') ? ': nobody notices when this cold standby itself is broken' : ''}.`,
      );
      return { state: un.length > 0 ? 'not-covered' : 'covered', evidence };
    },
  },
  {
    id: 'alerts',
    title: 'Alerts',
    evaluate: ({ ctx }) => {
      const mon = ctx.index.model.monitoring;
      const evidence: string[] = [];
      evidence.push(mon.prometheus ? 'Alert rules are generated for gateway down, standby lost, trunk lost, UPS on battery and configuration changes (devices output, prometheus).' : 'No alert rules are generated (monitoring.prometheus is off).');
      evidence.push(mon.alertEmails.length ? `Alerts reach ${joinWords(mon.alertEmails)}.` : 'Alerts reach nobody: no alert e-mail.');
      const ok = mon.prometheus && mon.alertEmails.length > 0 && ctx.gateways.some((g) => g.monitored);
      return { state: ok ? 'covered' : 'not-covered', evidence };
    },
  },
  {
    id: 'snmp',
    title: 'SNMP',
    evaluate: ({ ctx }) => {
      const s = ctx.index.model.monitoring.snmp;
      return s
        ? { state: 'covered', evidence: [`SNMPv3 to manager ${s.manager}; the credentials are a reference (${s.credentials.split(':')[0]}), never in the outputs.`] }
        : { state: 'not-covered', evidence: ['No SNMP manager in the blueprint.'] };
    },
  },
  {
    id: 'event-mail',
    title: 'Alarm / event mail notification',
    evaluate: ({ ctx }) => {
      const e = ctx.index.model.monitoring.alertEmails;
      return e.length ? { state: 'covered', evidence: [`Alarm e-mails to ${joinWords(e)}.`] } : { state: 'not-covered', evidence: ['No alarm e-mail address.'] };
    },
  },
  {
    id: 'config-logging',
    title: 'Logging of configuration changes',
    evaluate: ({ ctx }) => {
      const m = ctx.index.model.monitoring;
      if (m.configChangeLogging && m.syslog) return { state: 'covered', evidence: [`Configuration changes are logged to syslog ${m.syslog.host}:${m.syslog.port} and alerted.`] };
      if (m.configChangeLogging) return { state: 'not-covered', evidence: ['Configuration changes are logged, but no syslog server keeps the log off the device.'] };
      return { state: 'not-covered', evidence: ['Configuration changes are not logged (monitoring.configChangeLogging is off).'] };
    },
  },
];

export const CHECKLIST: readonly GroupDef[] = [
  { title: 'Failure scenarios to consider', items: SCENARIO_ITEMS },
  { title: 'Technical systems and redundancies', items: REDUNDANCY_ITEMS },
  { title: 'Communication services that must work at all times', items: SERVICE_ITEMS },
  { title: 'Monitoring and alerting', items: MONITORING_ITEMS },
];

const STATE_LABEL: Record<ChecklistState, { label: string; symbol: string }> = {
  covered: { label: 'covered', symbol: '✔' },
  'not-covered': { label: 'NOT COVERED', symbol: '✘' },
  'not-applicable': { label: 'not applicable', symbol: '–' },
  acknowledged: { label: 'acknowledged risk', symbol: '⚑' },
};

export function buildChecklist(input: ChecklistInput, ruleItems: Readonly<Record<string, readonly string[]>> = RULE_ITEMS): ChecklistView {
  const byItem = new Map<string, Finding[]>();
  for (const f of input.ctx.findings) {
    for (const item of ruleItems[f.rule] ?? []) {
      const list = byItem.get(item) ?? [];
      list.push(f);
      byItem.set(item, list);
    }
  }
  const counts = { covered: 0, notCovered: 0, notApplicable: 0, acknowledged: 0 };
  const groups: ChecklistGroupView[] = CHECKLIST.map((g, gi) => ({
    number: `${CHECKLIST_SECTION}.${gi + 1}`,
    title: g.title,
    items: g.items.map((def, ii): ChecklistItemView => {
      let ev: Evaluation;
      try {
        ev = def.evaluate(input);
      } catch (e) {
        ev = { state: 'not-covered', evidence: [`rbc could not evaluate this item: ${(e as Error).message}`] };
      }
      const findings = byItem.get(def.id) ?? [];
      const open = findings.filter((f) => !f.acknowledged);
      const acked = findings.filter((f) => f.acknowledged);
      let state: ChecklistState = ev.state;
      const evidence = [...ev.evidence];
      for (const f of open) evidence.push(`Finding ${f.rule} (${f.severity}) on ${f.path}: ${f.message}`);
      if (acked.length > 0 && open.length === 0 && state === 'not-covered') state = 'acknowledged';
      if (open.length > 0 && state === 'covered') state = 'not-covered';
      const acknowledgements = acked.map((f) => `${f.rule} on ${f.path}: "${f.acknowledged!.reason}" (accepted by ${f.acknowledged!.owner}, until ${f.acknowledged!.expires})`);
      counts[state === 'covered' ? 'covered' : state === 'not-covered' ? 'notCovered' : state === 'not-applicable' ? 'notApplicable' : 'acknowledged']++;
      return {
        number: `${CHECKLIST_SECTION}.${gi + 1}.${ii + 1}`,
        id: def.id,
        title: def.title,
        state,
        stateLabel: STATE_LABEL[state].label,
        symbol: STATE_LABEL[state].symbol,
        evidence,
        acknowledgements,
      };
    }),
  }));
  return { groups, counts };
}
