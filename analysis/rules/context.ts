// Lookups the rules share, built once per model so that every rule stays linear in the fleet.
import type { Gateway, Model, Policy, Provider, ScenarioClass, Site, StandbyOf, Trunk } from '../../model/types.js';
import { candidateTrunks, localSite, ModelIndex, servingCandidates } from '../serving.js';

/** A standby relation with the sites the standby takes over through it. */
export interface StandbyPair {
  readonly standby: Gateway;
  readonly primary: Gateway;
  readonly relation: StandbyOf;
  /** Sites the standby takes over when the primary fails, sorted. */
  readonly sites: readonly string[];
}

export class RuleContext {
  readonly index: ModelIndex;
  readonly siteById: ReadonlyMap<string, Site>;
  readonly gatewayById: ReadonlyMap<string, Gateway>;
  readonly providerById: ReadonlyMap<string, Provider>;
  readonly pairs: readonly StandbyPair[];
  private readonly policiesBySite = new Map<string, Policy[]>();
  private readonly effective = new Map<string, string[]>();

  constructor(readonly model: Model) {
    this.index = new ModelIndex(model);
    this.siteById = new Map(model.sites.map((s) => [s.id, s]));
    this.gatewayById = this.index.gatewayById;
    this.providerById = new Map(model.providers.map((p) => [p.id, p]));
    for (const p of model.policies) {
      for (const s of p.sites) {
        const list = this.policiesBySite.get(s);
        if (list) list.push(p);
        else this.policiesBySite.set(s, [p]);
      }
    }
    const pairs: StandbyPair[] = [];
    for (const standby of model.gateways) {
      for (const relation of standby.standbyFor) {
        const primary = this.gatewayById.get(relation.gateway);
        if (primary) pairs.push({ standby, primary, relation, sites: this.takeover(standby, primary) });
      }
    }
    this.pairs = pairs;
  }

  policiesFor(site: string): readonly Policy[] {
    return this.policiesBySite.get(site) ?? [];
  }

  /** Policies covering any of the sites that name a scenario class. */
  demanding(sites: readonly string[], cls: ScenarioClass): Policy[] {
    const out = new Set<Policy>();
    for (const s of sites) for (const p of this.policiesFor(s)) if (p.scenarios.some((x) => x.class === cls)) out.add(p);
    return [...out].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Sites a gateway serves, or would serve by taking over (recursively along standby chains). */
  sitesOf(g: Gateway): readonly string[] {
    const known = this.effective.get(g.id);
    if (known) return known;
    this.effective.set(g.id, [...g.serves]);
    const all = new Set<string>(g.serves);
    for (const r of g.standbyFor) {
      const p = this.gatewayById.get(r.gateway);
      if (p) for (const s of this.takeover(g, p)) all.add(s);
    }
    const list = [...all].sort();
    this.effective.set(g.id, list);
    return list;
  }

  /** Sites a standby takes over from its primary (a local survivable gateway: its own site). */
  takeover(standby: Gateway, primary: Gateway): string[] {
    const local = localSite(standby, primary);
    if (local) return [local];
    return [...this.sitesOf(primary)].sort();
  }

  /** Users of a set of sites. */
  users(sites: readonly string[]): number {
    return sites.reduce((n, s) => n + (this.siteById.get(s)?.users ?? 0), 0);
  }

  /** Trunks a site's calls can use (as the analysis sees them). */
  trunksFor(site: Site): Trunk[] {
    return candidateTrunks(this.index, site.id, servingCandidates(this.index, site.id, site.onCall));
  }
}
