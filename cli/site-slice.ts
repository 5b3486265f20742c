// What one site's cached files (its runbook) depend on: its part of the model and of the
// assessment, plus the deployment-wide sections. Its hash keys the incremental-compile cache:
// when it is unchanged, the site's files are reused byte for byte. The deployment-wide sections
// are the same for every site, so they are hashed once per compile, not once per site: with
// them in every slice, slicing a 1,000-site fleet serialised 430 MB.
import { createHash } from 'node:crypto';
import type { Assessment } from '../analysis/types.js';
import type { Gateway, Model } from '../model/types.js';

/** Lookups built once per compile, so slicing every site stays linear in the fleet. */
export class SliceIndex {
  private readonly gatewaysBySite = new Map<string, Gateway[]>();
  private readonly gatewayById = new Map<string, Gateway>();
  private readonly standbysOf = new Map<string, string[]>();
  private readonly trunksByGateway = new Map<string, string[]>();
  private readonly trunksBySite = new Map<string, string[]>();
  private readonly matrixBySite = new Map<string, number[]>();
  private readonly siteById = new Map<string, Model['sites'][number]>();
  private readonly trunkById = new Map<string, Model['trunks'][number]>();
  private readonly scenarioById = new Map<string, Assessment['scenarios'][number]>();
  private readonly violationsBySite = new Map<string, { policy: string; violation: Assessment['policies'][number]['violations'][number] }[]>();
  private readonly cutSetsBySite = new Map<string, number[]>();
  /** Findings on a site's own constructs, on one gateway or trunk, or deployment-wide. */
  private readonly findingsBySite = new Map<string, number[]>();
  private readonly findingsByOwner = new Map<string, number[]>();
  private readonly globalFindings: number[] = [];
  /** sha256 of everything every site's files read alike. */
  readonly deploymentHash: string;

  constructor(model: Model, private readonly assessment: Assessment) {
    const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    for (const g of model.gateways) {
      this.gatewayById.set(g.id, g);
      if (g.placement.type === 'site') push(this.gatewaysBySite, g.placement.site, g);
      for (const s of g.serves) push(this.gatewaysBySite, s, g);
      for (const sb of g.standbyFor) push(this.standbysOf, sb.gateway, g.id);
    }
    for (const s of model.sites) this.siteById.set(s.id, s);
    for (const sc of assessment.scenarios) this.scenarioById.set(sc.id, sc);
    for (const p of assessment.policies) for (const v of p.violations) push(this.violationsBySite, v.site, { policy: p.policy, violation: v });
    assessment.pointsOfFailure.forEach((c, i) => {
      for (const site of new Set(c.affects.map((x) => x.site))) push(this.cutSetsBySite, site, i);
    });
    for (const t of model.trunks) {
      this.trunkById.set(t.id, t);
      if (t.site) push(this.trunksBySite, t.site, t.id);
      for (const g of t.gateways) push(this.trunksByGateway, g, t.id);
    }
    assessment.matrix.forEach((v, i) => push(this.matrixBySite, v.site, i));
    assessment.findings.forEach((f, i) => {
      const [kind, id] = f.path.split('/');
      if (kind === 'sites' && id) push(this.findingsBySite, id, i);
      else if ((kind === 'gateways' || kind === 'trunks') && id) push(this.findingsByOwner, `${kind}/${id}`, i);
      else this.globalFindings.push(i);
    });
    this.deploymentHash = hashOf({
      deployment: model.deployment,
      providers: model.providers,
      services: model.services,
      policies: model.policies,
      monitoring: model.monitoring,
      cloud: model.cloud,
      acknowledgements: model.acknowledgements,
      policyVerdicts: assessment.policies.map((p) => ({ policy: p.policy, met: p.met })),
      findings: this.globalFindings.map((i) => assessment.findings[i]),
    });
  }

  /** Gateways a site's artifacts mention: its own, those serving it, their standbys and masters. */
  relatedGateways(site: string): Gateway[] {
    const seen = new Set<string>();
    const work = (this.gatewaysBySite.get(site) ?? []).map((g) => g.id);
    while (work.length) {
      const id = work.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const g = this.gatewayById.get(id);
      if (!g) continue;
      for (const sb of g.standbyFor) work.push(sb.gateway);
      for (const s of this.standbysOf.get(id) ?? []) work.push(s);
      if (g.master) work.push(g.master);
    }
    return [...seen].sort().map((id) => this.gatewayById.get(id)!).filter(Boolean);
  }

  slice(siteId: string): unknown {
    const a = this.assessment;
    const site = this.siteById.get(siteId);
    const gateways = this.relatedGateways(siteId);
    const trunkIds = new Set<string>(this.trunksBySite.get(siteId) ?? []);
    for (const g of gateways) for (const t of this.trunksByGateway.get(g.id) ?? []) trunkIds.add(t);
    const otherSites = new Set<string>();
    for (const g of gateways) {
      if (g.placement.type === 'site') otherSites.add(g.placement.site);
      for (const s of g.serves) otherSites.add(s);
    }
    otherSites.delete(siteId);
    const rows = (this.matrixBySite.get(siteId) ?? []).map((i) => a.matrix[i]!);
    const scenarioIds = new Set(rows.map((r) => r.scenario));
    const owners = [...gateways.map((g) => g.path), ...[...trunkIds].sort().map((t) => `trunks/${t}`)];
    const findingIdx = [...(this.findingsBySite.get(siteId) ?? []), ...owners.flatMap((o) => this.findingsByOwner.get(o) ?? [])];
    const findings = [...new Set(findingIdx)].sort((x, y) => x - y).map((i) => a.findings[i]);
    return {
      deployment: this.deploymentHash,
      site,
      gateways,
      trunks: [...trunkIds].sort().map((t) => this.trunkById.get(t)),
      neighbours: [...otherSites].sort().map((id) => this.siteById.get(id)).filter(Boolean).map((s) => ({ id: s!.id, name: s!.name, role: s!.role, users: s!.users })),
      matrix: rows,
      scenarios: [...scenarioIds].sort().map((id) => this.scenarioById.get(id)),
      violations: this.violationsBySite.get(siteId) ?? [],
      // A cut set with the services it takes down at this site only: a fleet-wide cut set lists
      // every site it affects, and that list in every site's slice made slicing quadratic.
      pointsOfFailure: (this.cutSetsBySite.get(siteId) ?? []).map((i) => {
        const c = a.pointsOfFailure[i]!;
        return { order: c.order, domains: c.domains, affects: c.affects.filter((x) => x.site === siteId) };
      }),
      findings,
    };
  }
}

/**
 * A key needs the same bytes for the same data, not sorted keys: the native JSON.stringify of
 * objects built by the same code is deterministic, and three times faster than the canonical
 * form. Data that differed only in key order would miss the cache, never hit it wrongly.
 */
function hashOf(value: unknown, salt = ''): string {
  return createHash('sha256').update(salt).update('\0').update(JSON.stringify(value)).digest('hex');
}

/** The cache key of a site: everything its artifacts depend on, the rbc version and options. */
export function siteKey(index: SliceIndex, siteId: string, salt: string): string {
  return hashOf(index.slice(siteId), salt);
}
