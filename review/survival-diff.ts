// Per site: services that lost or gained survival of a scenario, and switchovers that grew or
// shrank. The matrix holds verdicts only for scenarios that touch what a site depends on; a
// scenario analysed on a side without a verdict for a site and service leaves its normal path
// intact there (it survives, switchover 0 s).
import type { Scenario, Verdict } from '../analysis/types.js';
import { siteServiceKey, verdictKey, type PolicyInfo, type RedundancyInput } from './redundancy-input.js';
import type { ExposureSummary, PolicyLimit, ScenarioRef, SiteRedundancy, SurvivalChange, SwitchoverChange } from './types.js';
import { byKey, compareStrings } from './sort.js';

interface State {
  readonly survives: boolean;
  readonly seconds: number;
  readonly automatic: boolean;
  readonly verdict: Verdict | null;
}

/** A side's view of one site × service × scenario; undefined when the scenario is not analysed there. */
function stateOn(side: RedundancyInput, site: string, service: string, scenario: string): State | undefined {
  const v = side.verdicts.get(verdictKey(site, service, scenario));
  if (v) return { survives: v.survives, seconds: v.switchover?.totalSeconds ?? 0, automatic: v.switchover?.automatic ?? true, verdict: v };
  if (side.scenarios.has(scenario)) return { survives: true, seconds: 0, automatic: true, verdict: null };
  return undefined;
}

export function scenarioRef(id: string, ...sides: RedundancyInput[]): ScenarioRef {
  for (const s of sides) {
    const sc = s.scenarios.get(id);
    if (sc) return { id, label: sc.label, class: sc.class };
  }
  return { id, label: id, class: 'unknown' };
}

const domainLabel = (side: RedundancyInput, id: string) => side.domains.get(id)?.label ?? id;

/** Policies that hold this verdict to a limit (single and policy scenarios; pairs are beyond any single-failure promise). */
export function coveringPolicies(side: RedundancyInput, site: string, kind: string, scenario: Scenario | undefined): PolicyInfo[] {
  if (!scenario || scenario.origin === 'double') return [];
  return [...side.policies.values()]
    .filter((p) => (p.sites.length === 0 || p.sites.includes(site)) && p.services.includes(kind))
    .filter((p) => p.scenarios.some((s) => s.class === scenario.class && (s.class !== 'power-outage' || (s.durationMinutes ?? null) === scenario.durationMinutes)))
    .sort(byKey((p) => p.id));
}

/**
 * A new scenario that takes a service down is a loss only if nothing it is made of took the
 * service down before (a new pair whose single failures were already fatal is no news).
 */
function alreadyFailedOnPart(oldSide: RedundancyInput, site: string, service: string, scenario: Scenario | undefined): boolean {
  if (!scenario) return false;
  const domains = new Set(scenario.domains);
  const candidates = new Set(scenario.domains.flatMap((d) => oldSide.scenariosByDomain.get(d) ?? []));
  for (const old of candidates) {
    if (!old.domains.every((d) => domains.has(d))) continue;
    if ((old.durationMinutes ?? null) !== (scenario.durationMinutes ?? null)) continue;
    const v = oldSide.verdicts.get(verdictKey(site, service, old.id));
    if (v && !v.survives) return true;
  }
  return false;
}

function exposure(side: RedundancyInput, site: string, service: string, kindOf: (svc: string) => string): ExposureSummary {
  const verdicts = side.bySiteService.get(siteServiceKey(site, service)) ?? [];
  return {
    service,
    serviceName: side.services.get(service) ?? kindOf(service),
    analysed: verdicts.length,
    notSurviving: verdicts.filter((v) => !v.survives).map((v) => scenarioRef(v.scenario, side)).sort(byKey((s) => s.id)),
  };
}

const partsOf = (v: Verdict | null): string[] => (v?.switchover?.parts ?? []).map((p) => `${p.label}: ${formatSeconds(p.seconds)}`);

export function formatSeconds(s: number): string {
  if (s < 120) return `${Math.round(s * 10) / 10} s`;
  if (s < 7200) return `${Math.round((s / 60) * 10) / 10} min`;
  return `${Math.round((s / 3600) * 10) / 10} h`;
}

export function diffSites(oldSide: RedundancyInput, newSide: RedundancyInput): SiteRedundancy[] {
  const siteIds = [...new Set([...oldSide.servicesBySite.keys(), ...newSide.servicesBySite.keys()])].sort(compareStrings);
  const kindOf = (svc: string) => newSide.kinds.get(svc) ?? oldSide.kinds.get(svc) ?? svc;
  const nameOfService = (svc: string) => newSide.services.get(svc) ?? oldSide.services.get(svc) ?? svc;
  const servicesAt = (side: RedundancyInput, site: string) => side.servicesBySite.get(site) ?? new Set<string>();
  const out: SiteRedundancy[] = [];

  for (const site of siteIds) {
    const before = servicesAt(oldSide, site);
    const after = servicesAt(newSide, site);
    const name = newSide.sites.get(site) ?? oldSide.sites.get(site) ?? site;
    if (before.size === 0) {
      out.push({ site, name, status: 'added', lost: [], gained: [], switchover: [], addedServices: [...after].sort().map((s) => exposure(newSide, site, s, kindOf)), removedServices: [] });
      continue;
    }
    if (after.size === 0) {
      out.push({ site, name, status: 'removed', lost: [], gained: [], switchover: [], addedServices: [], removedServices: [...before].sort() });
      continue;
    }
    const lost: SurvivalChange[] = [];
    const gained: SurvivalChange[] = [];
    const switchover: SwitchoverChange[] = [];
    for (const service of [...before].filter((s) => after.has(s)).sort()) {
      const scenarioIds = new Set<string>();
      for (const side of [oldSide, newSide]) {
        for (const v of side.bySiteService.get(siteServiceKey(site, service)) ?? []) scenarioIds.add(v.scenario);
      }
      for (const scenario of [...scenarioIds].sort(compareStrings)) {
        const o = stateOn(oldSide, site, service, scenario);
        const n = stateOn(newSide, site, service, scenario);
        if (!n) continue; // no longer analysed: shown in scenariosRemoved, neither a loss nor a gain
        const ref = scenarioRef(scenario, newSide, oldSide);
        const serviceName = nameOfService(service);
        if (!n.survives && (o?.survives ?? true)) {
          const newScenario = o === undefined;
          if (newScenario && alreadyFailedOnPart(oldSide, site, service, newSide.scenarios.get(scenario))) continue;
          lost.push({
            site, service, serviceName, scenario: ref, change: 'lost', newScenario,
            reason: n.verdict?.reason ?? '',
            cut: (n.verdict?.cut ?? []).map((d) => domainLabel(newSide, d)),
          });
        } else if (n.survives && o && !o.survives) {
          gained.push({
            site, service, serviceName, scenario: ref, change: 'gained', newScenario: false,
            reason: n.verdict?.reason ?? 'This failure no longer touches the normal path.',
            cut: [],
          });
        } else if (n.survives && o && o.survives && (o.seconds !== n.seconds || o.automatic !== n.automatic)) {
          const kind = n.verdict?.kind ?? o.verdict?.kind ?? kindOf(service);
          const limits = coveringPolicies(newSide, site, kind, newSide.scenarios.get(scenario));
          const beyond: PolicyLimit[] = limits
            .filter((p) =>
              (p.maxSwitchoverSeconds !== null && n.seconds > p.maxSwitchoverSeconds && !(o.seconds > p.maxSwitchoverSeconds)) ||
              (p.automatic && !n.automatic && o.automatic))
            .map((p) => ({ policy: p.id, maxSwitchoverSeconds: p.maxSwitchoverSeconds, automatic: p.automatic }));
          switchover.push({
            site, service, serviceName, scenario: ref,
            beforeSeconds: o.seconds, afterSeconds: n.seconds, beforeAutomatic: o.automatic, afterAutomatic: n.automatic,
            afterParts: partsOf(n.verdict),
            beyondPolicies: beyond,
          });
        }
      }
    }
    const addedServices = [...after].filter((s) => !before.has(s)).sort().map((s) => exposure(newSide, site, s, kindOf));
    const removedServices = [...before].filter((s) => !after.has(s)).sort();
    if (lost.length || gained.length || switchover.length || addedServices.length || removedServices.length) {
      out.push({ site, name, status: 'changed', lost, gained, switchover, addedServices, removedServices });
    }
  }
  return out.sort((a, b) => compareStrings(a.site, b.site));
}
