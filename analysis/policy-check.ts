// Policies: which scenarios a policy names at a site, and whether each named service survives
// them within the allowed switchover, automatically if demanded, with backups within the RPO.
import type { Policy } from '../model/types.js';
import type { Outcome } from './evaluate.js';
import type { SitePlan } from './plan.js';
import { KIND_OF_CLASS, type ScenarioBook } from './scenarios.js';
import type { DomainKind, PolicyViolation } from './types.js';
import { formatSeconds, switchoverOf } from './verdict.js';
import type { Wiring } from './wiring.js';

export interface PolicyScenario {
  readonly id: string;
  /** Domain indices, ascending. */
  readonly domains: readonly number[];
  readonly minutes: number;
}

interface Ctx {
  readonly wiring: Wiring;
  readonly book: ScenarioBook;
}

/** Domain indices of one kind at one site (all its feeds, all its uplinks). */
function siteDomains(w: Wiring, site: string, kind: 'mains-feed' | 'uplink'): number[] {
  const s = w.siteById.get(site);
  if (!s) return [];
  const ids = kind === 'mains-feed' ? s.power.feeds.map((f) => `mains-feed:${site}/${f.id}`) : s.uplinks.map((u) => `uplink:${site}/${u.id}`);
  return ids.map((id) => w.domains.index.get(id)!).sort((a, b) => a - b);
}

/**
 * The scenarios a policy names for each of its services at a site, within the service's cone
 * (a failure outside it leaves the normal path intact). Single-element classes fail each domain
 * of their kind on its own; a power outage fails all mains feeds of a site for the stated
 * duration, a WAN outage all uplinks of a site. The loss of the site itself is left out: nothing
 * at a site survives it.
 */
export function policyScenarios(ctx: Ctx, plan: SitePlan, policy: Policy): Map<number, PolicyScenario[]> {
  const { wiring: w, book } = ctx;
  const out = new Map<number, PolicyScenario[]>();
  const kinds = new Set<string>(policy.services);
  const siteDomain = w.domains.index.get(`site:${plan.site.id}`);
  plan.services.forEach((sp, i) => {
    if (!kinds.has(sp.service.kind)) return;
    const byKind = new Map<DomainKind, number[]>();
    for (const d of sp.cone) {
      const k = w.domains.list[d]!.kind;
      const list = byKind.get(k);
      if (list) list.push(d);
      else byKind.set(k, [d]);
    }
    const seen = new Set<string>();
    const list: PolicyScenario[] = [];
    const add = (s: PolicyScenario) => {
      if (seen.has(s.id)) return;
      seen.add(s.id);
      list.push(s);
    };
    for (const spec of policy.scenarios) {
      const kind: DomainKind = KIND_OF_CLASS[spec.class];
      const inCone = byKind.get(kind) ?? [];
      if (spec.class === 'power-outage' || spec.class === 'wan-outage') {
        const sites = [...new Set(inCone.map((d) => w.domains.list[d]!.site!))].sort();
        for (const site of sites) {
          const domains = siteDomains(w, site, kind as 'mains-feed' | 'uplink');
          const name = w.siteById.get(site)?.name ?? site;
          const ids = domains.map((d) => w.domains.list[d]!.id.split('/').pop()).join(', ');
          if (spec.class === 'power-outage') {
            const minutes = spec.durationMinutes ?? 60;
            const s = book.addPolicy(domains, minutes, 'power-outage', `power outage at ${name} for ${minutes} min (mains feeds ${ids})`);
            add({ id: s.id, domains, minutes });
          } else {
            const s = book.addPolicy(domains, null, 'wan-outage', `WAN outage at ${name} (uplinks ${ids})`);
            add({ id: s.id, domains, minutes: 0 });
          }
        }
        continue;
      }
      for (const d of inCone) {
        if (d === siteDomain) continue;
        add({ id: book.singleId[d]!, domains: [d], minutes: book.singleDuration[d]! });
      }
    }
    out.set(i, list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  });
  return out;
}

/** The policy's violations at one site (RPO violations name the gateway). */
export function checkPolicy(
  plan: SitePlan,
  policy: Policy,
  scenarios: ReadonlyMap<number, readonly PolicyScenario[]>,
  base: readonly Outcome[],
  byScenario: ReadonlyMap<string, readonly Outcome[]>,
): PolicyViolation[] {
  const site = plan.site.id;
  const out: PolicyViolation[] = [];
  const violation = (service: string, scenario: string, reason: string): void => {
    out.push({ site, service, scenario, reason, rpo: null });
  };
  for (const kind of policy.services) {
    const indices = plan.services.flatMap((sp, i) => (sp.service.kind === kind ? [i] : []));
    if (indices.length === 0) violation(kind, 'normal', `no service of kind ${kind} exists in the blueprint`);
    for (const i of indices) {
      const id = plan.services[i]!.service.id;
      if (!base[i]!.survives) {
        violation(id, 'normal', `it fails even in normal operation: ${base[i]!.why}`);
        continue;
      }
      for (const s of scenarios.get(i) ?? []) {
        const o = byScenario.get(s.id)?.[i];
        if (!o) continue;
        if (!o.survives) {
          violation(id, s.id, `it does not survive: ${o.why}`);
          continue;
        }
        if (o.parts.length === 0) continue;
        const sw = switchoverOf(o);
        if (policy.maxSwitchoverSeconds !== null && sw.totalSeconds > policy.maxSwitchoverSeconds) {
          violation(id, s.id, `the switchover takes ${formatSeconds(sw.totalSeconds)}, more than the ${formatSeconds(policy.maxSwitchoverSeconds)} allowed (${sw.parts.map((p) => `${p.label}: ${formatSeconds(p.seconds)}`).join(', ')})`);
        } else if (policy.automatic && !sw.automatic) {
          violation(id, s.id, `the switchover needs manual steps (${sw.parts.map((p) => p.label).join(', ')}), but the policy demands an automatic one`);
        }
      }
    }
  }
  if (policy.backupRpoHours !== null) {
    const rpo = policy.backupRpoHours;
    for (const p of plan.candidates) {
      const g = p.candidate.gateway;
      const interval = g.backup?.intervalHours ?? null;
      if (interval !== null && interval <= rpo) continue;
      out.push({
        site,
        service: '*',
        scenario: 'normal',
        reason: interval === null ? `gateway ${g.id} has no automated backup` : `gateway ${g.id} is backed up every ${interval} h, less often than every ${rpo} h`,
        rpo: { gateway: g.id, intervalHours: interval, rpoHours: rpo },
      });
    }
  }
  return out;
}
