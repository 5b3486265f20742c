// Indexes over the model and the assessment, built once per compile in one pass over each list,
// so that the work per site stays proportional to the site (10,000 sites: nothing quadratic).
import type { Gateway, Model, Provider, Service, Site, Trunk, Policy, StandbyOf } from '../../model/types.js';
import type { Assessment, FailureDomain, Finding, PolicyViolation, Scenario, Verdict } from '../../analysis/types.js';

export interface StandbyLink {
  /** The standby gateway. */
  readonly standby: Gateway;
  readonly relation: StandbyOf;
}

export interface ModelIndex {
  readonly model: Model;
  readonly assessment: Assessment;
  readonly gateways: ReadonlyMap<string, Gateway>;
  readonly providers: ReadonlyMap<string, Provider>;
  readonly trunks: ReadonlyMap<string, Trunk>;
  readonly services: ReadonlyMap<string, Service>;
  readonly sites: ReadonlyMap<string, Site>;
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly domains: ReadonlyMap<string, FailureDomain>;
  /** Gateways whose `serves` lists the site. */
  readonly servingBySite: ReadonlyMap<string, readonly Gateway[]>;
  /** Gateways placed at the site. */
  readonly placedBySite: ReadonlyMap<string, readonly Gateway[]>;
  /** Standby relations by the primary's id. */
  readonly standbysOf: ReadonlyMap<string, readonly StandbyLink[]>;
  /** Trunks by terminating gateway. */
  readonly trunksByGateway: ReadonlyMap<string, readonly Trunk[]>;
  /** Trunks entering at the site. */
  readonly trunksBySite: ReadonlyMap<string, readonly Trunk[]>;
  /** Verdicts by site, in the assessment's order. */
  readonly verdictsBySite: ReadonlyMap<string, readonly Verdict[]>;
  /** Policy violations by site, with their policy. */
  readonly violationsBySite: ReadonlyMap<string, readonly { readonly policy: Policy | null; readonly policyId: string; readonly violation: PolicyViolation }[]>;
  /** Policies that name the site. */
  readonly policiesBySite: ReadonlyMap<string, readonly Policy[]>;
  /** Findings by the site they concern; findings of no site are under the empty string. */
  readonly findingsBySite: ReadonlyMap<string, readonly Finding[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function indexModel(model: Model, assessment: Assessment): ModelIndex {
  const gateways = new Map(model.gateways.map((g) => [g.id, g]));
  const servingBySite = new Map<string, Gateway[]>();
  const placedBySite = new Map<string, Gateway[]>();
  const standbysOf = new Map<string, StandbyLink[]>();
  for (const g of model.gateways) {
    for (const s of g.serves) push(servingBySite, s, g);
    if (g.placement.type === 'site') push(placedBySite, g.placement.site, g);
    for (const rel of g.standbyFor) push(standbysOf, rel.gateway, { standby: g, relation: rel });
  }
  const trunksByGateway = new Map<string, Trunk[]>();
  const trunksBySite = new Map<string, Trunk[]>();
  for (const t of model.trunks) {
    for (const g of t.gateways) push(trunksByGateway, g, t);
    if (t.site) push(trunksBySite, t.site, t);
  }
  const verdictsBySite = new Map<string, Verdict[]>();
  for (const v of assessment.matrix) push(verdictsBySite, v.site, v);

  const policies = new Map(model.policies.map((p) => [p.id, p]));
  const violationsBySite = new Map<string, { policy: Policy | null; policyId: string; violation: PolicyViolation }[]>();
  for (const pv of assessment.policies) {
    for (const v of pv.violations) push(violationsBySite, v.site, { policy: policies.get(pv.policy) ?? null, policyId: pv.policy, violation: v });
  }
  const policiesBySite = new Map<string, Policy[]>();
  for (const p of model.policies) for (const s of p.sites) push(policiesBySite, s, p);

  // Which sites a construct path concerns: the site itself and everything under it, the
  // gateways serving or placed at it, its trunks, the providers it uses, the policies naming it.
  const sitesOfPath = new Map<string, Set<string>>();
  const addPath = (path: string, site: string) => {
    let set = sitesOfPath.get(path);
    if (!set) sitesOfPath.set(path, (set = new Set()));
    set.add(site);
  };
  for (const g of model.gateways) {
    for (const s of g.serves) addPath(g.path, s);
    if (g.placement.type === 'site') addPath(g.path, g.placement.site);
  }
  for (const g of model.gateways) {
    // A standby concerns the sites its primaries serve.
    for (const rel of g.standbyFor) for (const s of gateways.get(rel.gateway)?.serves ?? []) addPath(g.path, s);
  }
  for (const t of model.trunks) {
    if (t.site) addPath(t.path, t.site);
    for (const gid of t.gateways) for (const s of gateways.get(gid)?.serves ?? []) addPath(t.path, s);
  }
  for (const s of model.sites) {
    for (const u of s.uplinks) addPath(`providers/${u.provider}`, s.id);
    for (const n of s.numberBlocks) addPath(`providers/${n.provider}`, s.id);
  }
  for (const t of model.trunks) for (const s of sitesOfPath.get(t.path) ?? []) addPath(`providers/${t.provider}`, s);
  for (const p of model.policies) for (const s of p.sites) addPath(p.path, s);
  for (const svc of model.services) {
    for (const h of svc.hosts) for (const s of gateways.get(h)?.serves ?? []) addPath(svc.path, s);
  }
  const findingsBySite = new Map<string, Finding[]>();
  for (const f of assessment.findings) {
    const sites = sitesOfFinding(f.path, sitesOfPath);
    if (sites.length === 0) push(findingsBySite, '', f);
    for (const s of sites) push(findingsBySite, s, f);
  }

  return {
    model,
    assessment,
    gateways,
    providers: new Map(model.providers.map((p) => [p.id, p])),
    trunks: new Map(model.trunks.map((t) => [t.id, t])),
    services: new Map(model.services.map((s) => [s.id, s])),
    sites: new Map(model.sites.map((s) => [s.id, s])),
    scenarios: new Map(assessment.scenarios.map((s) => [s.id, s])),
    domains: new Map(assessment.domains.map((d) => [d.id, d])),
    servingBySite,
    placedBySite,
    standbysOf,
    trunksByGateway,
    trunksBySite,
    verdictsBySite,
    violationsBySite,
    policiesBySite,
    findingsBySite,
  };
}

/** sites/<id>/... concerns that site; otherwise the longest known prefix of the path decides. */
function sitesOfFinding(path: string, sitesOfPath: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const m = /^sites\/([^/]+)/.exec(path);
  if (m) return [m[1]!];
  const parts = path.split('/');
  for (let n = parts.length; n > 0; n--) {
    const hit = sitesOfPath.get(parts.slice(0, n).join('/'));
    if (hit) return [...hit].sort();
  }
  return [];
}

/** Everything a site's runbook is about, resolved once. */
export interface SiteContext {
  readonly index: ModelIndex;
  readonly site: Site;
  /** Gateways that serve the site, their standbys (transitively) and those placed at it, by id. */
  readonly gateways: readonly Gateway[];
  /** Gateways that serve the site in normal operation. */
  readonly primaries: readonly Gateway[];
  /** Trunks entering at the site or terminating on its gateways, by id. */
  readonly trunks: readonly Trunk[];
  /** Providers of the site's trunks, uplinks and number blocks, by id. */
  readonly providers: readonly Provider[];
  readonly verdicts: readonly Verdict[];
  /** The site's scenarios (those of its verdicts), in runbook order. */
  readonly scenarios: readonly Scenario[];
  readonly policies: readonly Policy[];
  readonly findings: readonly Finding[];
  /** The standby relations of a gateway that matter to this site (see siteContext). */
  readonly standbysOf: (gateway: string) => readonly StandbyLink[];
}

export function siteContext(index: ModelIndex, site: Site, order: (a: Scenario, b: Scenario) => number): SiteContext {
  // A standby matters to the site when it is placed there or in the cloud, when the analysis
  // routes the site through it, or when it stands in for a primary of the site from elsewhere
  // (options 2 and 3). A survivable gateway of another site that stands in for a primary both
  // sites share (a cloud PBX) is that other site's, not this one's.
  const verdicts = index.verdictsBySite.get(site.id) ?? [];
  const onPath = new Set<string>();
  for (const v of verdicts) for (const step of v.path ?? []) if (step.kind === 'gateway') onPath.add(step.id);
  const relevant = (link: StandbyLink, primary: Gateway): boolean => {
    const p = link.standby.placement;
    if (p.type === 'cloud' || p.site === site.id || onPath.has(link.standby.id)) return true;
    return !primary.serves.includes(p.site);
  };
  const linksOf = new Map<string, StandbyLink[]>();
  const standbysOf = (id: string): readonly StandbyLink[] => {
    let hit = linksOf.get(id);
    if (!hit) {
      const primary = index.gateways.get(id);
      hit = primary ? (index.standbysOf.get(id) ?? []).filter((l) => relevant(l, primary)) : [];
      linksOf.set(id, hit);
    }
    return hit;
  };
  const ids = new Set<string>();
  const primaries = index.servingBySite.get(site.id) ?? [];
  const queue: Gateway[] = [...primaries, ...(index.placedBySite.get(site.id) ?? [])];
  while (queue.length > 0) {
    const g = queue.pop()!;
    if (ids.has(g.id)) continue;
    ids.add(g.id);
    for (const link of standbysOf(g.id)) queue.push(link.standby);
  }
  for (const id of onPath) if (index.gateways.has(id)) ids.add(id);
  const gateways = [...ids].sort().map((id) => index.gateways.get(id)!);
  const trunkIds = new Set<string>((index.trunksBySite.get(site.id) ?? []).map((t) => t.id));
  for (const g of gateways) for (const t of index.trunksByGateway.get(g.id) ?? []) if (t.site === null || t.site === site.id) trunkIds.add(t.id);
  const trunks = [...trunkIds].sort().map((id) => index.trunks.get(id)!);
  const providerIds = new Set<string>();
  for (const t of trunks) providerIds.add(t.provider);
  for (const u of site.uplinks) providerIds.add(u.provider);
  for (const n of site.numberBlocks) providerIds.add(n.provider);
  if (index.model.cloud && gateways.some((g) => g.placement.type === 'cloud')) providerIds.add(index.model.cloud.provider);
  const providers = [...providerIds].sort().flatMap((id) => (index.providers.has(id) ? [index.providers.get(id)!] : []));
  const seen = new Set<string>();
  const scenarios: Scenario[] = [];
  for (const v of verdicts) {
    if (seen.has(v.scenario)) continue;
    seen.add(v.scenario);
    const s = index.scenarios.get(v.scenario);
    if (s) scenarios.push(s);
  }
  scenarios.sort(order);
  return {
    index,
    site,
    gateways,
    primaries,
    trunks,
    providers,
    verdicts,
    scenarios,
    policies: index.policiesBySite.get(site.id) ?? [],
    findings: index.findingsBySite.get(site.id) ?? [],
    standbysOf,
  };
}
