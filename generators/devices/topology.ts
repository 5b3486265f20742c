// Who routes to whom: the indexes every device reads, built once per compile (never per device),
// and the routing chain of a SIP edge: the gateways serving its sites, then their standbys, in
// the order the analysis assumes they take over.
import type { Gateway, Model, Provider, Site, StandbyOf, Trunk } from '../../model/types.js';
import { DETECTION_DEFAULTS } from '../../model/defaults.js';

export type ChainRole = 'primary' | 'hot-standby' | 'cold-standby';

export interface ChainMember {
  readonly gateway: Gateway;
  readonly role: ChainRole;
  /** Steps from a primary (0 for a primary). */
  readonly level: number;
  /** The standby relation that put it in the chain (null for a primary). */
  readonly relation: StandbyOf | null;
  /** The gateway it stands in for (null for a primary). */
  readonly standsInFor: string | null;
}

export class Topology {
  readonly gatewayById: ReadonlyMap<string, Gateway>;
  /** Gateways whose phones-of-site list includes a site, by site. */
  readonly serversOf = new Map<string, Gateway[]>();
  readonly siteById: ReadonlyMap<string, Site>;
  readonly providerById: ReadonlyMap<string, Provider>;
  /** Standby relations pointing at a gateway, by the primary's id, sorted by standby id. */
  readonly standbysOf = new Map<string, { standby: Gateway; relation: StandbyOf }[]>();
  readonly slavesOf = new Map<string, string[]>();
  readonly trunksOf = new Map<string, Trunk[]>();

  constructor(readonly model: Model) {
    this.gatewayById = new Map(model.gateways.map((g) => [g.id, g]));
    this.siteById = new Map(model.sites.map((s) => [s.id, s]));
    this.providerById = new Map(model.providers.map((p) => [p.id, p]));
    for (const g of model.gateways) {
      for (const s of g.serves) push(this.serversOf, s, g);
      for (const r of g.standbyFor) push(this.standbysOf, r.gateway, { standby: g, relation: r });
      if (g.master) push(this.slavesOf, g.master, g.id);
    }
    for (const t of model.trunks) for (const g of t.gateways) push(this.trunksOf, g, t);
  }

  /** The hot-standby pairs with mechanism vrrp a gateway is a member of (as primary or standby). */
  vrrpPairs(g: Gateway): { primary: string; standby: string; relation: StandbyOf; standbyPath: string }[] {
    const isVrrp = (r: StandbyOf) => r.mode === 'hot' && r.detection.mechanism === 'vrrp';
    const own = g.standbyFor.filter(isVrrp).map((r) => ({ primary: r.gateway, standby: g.id, relation: r, standbyPath: g.path }));
    const theirs = (this.standbysOf.get(g.id) ?? [])
      .filter(({ relation }) => isVrrp(relation))
      .map(({ standby, relation }) => ({ primary: g.id, standby: standby.id, relation, standbyPath: standby.path }));
    const key = (p: { primary: string; standby: string }) => `${p.primary}/${p.standby}`;
    return [...theirs, ...own].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  /**
   * Standbys that take over `site` when `primary` fails. A standby placed at one of the sites its
   * primary serves while the primary runs elsewhere is a local survivable gateway: it takes over
   * its own site only. Any other standby takes over every site of its primary.
   */
  standbysFor(primary: Gateway, site: string): { standby: Gateway; relation: StandbyOf }[] {
    return (this.standbysOf.get(primary.id) ?? []).filter(({ standby }) => {
      if (standby.placement.type !== 'site') return true;
      const own = standby.placement.site;
      const primarySite = primary.placement.type === 'site' ? primary.placement.site : null;
      const local = primarySite !== own && primary.serves.includes(own);
      return !local || own === site;
    });
  }

  /** The site folder of a device: its site, or `cloud-<region>` for a cloud instance. */
  folderOf(g: Gateway): string {
    return g.placement.type === 'site' ? g.placement.site : `cloud-${g.placement.region}`;
  }

  /** Whether a trunk may carry emergency calls from a location in `area`. */
  emergencyValid(t: Trunk, area: string | null): boolean {
    if (!t.emergency.capable || area === null) return false;
    if (this.providerById.get(t.provider)?.emergencyCalls === false) return false;
    return t.emergency.areas.includes(area);
  }

  /** The sites a SIP edge fronts: those it serves, plus its own site. */
  edgeSites(edge: Gateway): string[] {
    const set = new Set(edge.serves);
    if (edge.placement.type === 'site' && edge.placement.site) set.add(edge.placement.site);
    return [...set].sort();
  }

  /**
   * The gateways a SIP edge routes to: every gateway serving one of its sites (primaries), then
   * the standbys that take those sites over (as the analysis orders them), level by level.
   * Order: primaries, hot standbys, cold standbys; then by level and id.
   */
  edgeChain(edge: Gateway): ChainMember[] {
    const sites = this.edgeSites(edge);
    const members = new Map<string, ChainMember>();
    let frontier: ChainMember[] = [];
    for (const site of sites) {
      for (const g of this.serversOf.get(site) ?? []) {
        if (g.id === edge.id || members.has(g.id)) continue;
        const m: ChainMember = { gateway: g, role: 'primary', level: 0, relation: null, standsInFor: null };
        members.set(g.id, m);
        frontier.push(m);
      }
    }
    while (frontier.length > 0) {
      const next: ChainMember[] = [];
      for (const m of frontier) {
        const standbys = sites.flatMap((site) => this.standbysFor(m.gateway, site));
        for (const { standby, relation } of standbys) {
          if (standby.id === edge.id || members.has(standby.id)) continue;
          const s: ChainMember = {
            gateway: standby,
            role: relation.mode === 'hot' ? 'hot-standby' : 'cold-standby',
            level: m.level + 1,
            relation,
            standsInFor: m.gateway.id,
          };
          members.set(standby.id, s);
          next.push(s);
        }
      }
      frontier = next;
    }
    const rank: Record<ChainRole, number> = { primary: 0, 'hot-standby': 1, 'cold-standby': 2 };
    return [...members.values()].sort(
      (a, b) => rank[a.role] - rank[b.role] || a.level - b.level || (a.gateway.id < b.gateway.id ? -1 : a.gateway.id > b.gateway.id ? 1 : 0),
    );
  }

  /**
   * Probe settings for an edge: the fastest of the chain's dispatcher relations, else of its hot
   * relations, else the dispatcher defaults. The fastest keeps every pair's prediction an upper bound.
   */
  edgeProbe(chain: readonly ChainMember[]): { probeIntervalSeconds: number; failureThreshold: number; source: { member: ChainMember; relation: StandbyOf } | null } {
    const relations = chain.flatMap((m) => (m.relation ? [{ member: m, relation: m.relation }] : []));
    const dispatcher = relations.filter((r) => r.relation.detection.mechanism === 'dispatcher');
    const hot = relations.filter((r) => r.relation.mode === 'hot');
    const pool = dispatcher.length > 0 ? dispatcher : hot;
    if (pool.length === 0) {
      const d = DETECTION_DEFAULTS.dispatcher;
      return { probeIntervalSeconds: d.probeIntervalSeconds, failureThreshold: d.failureThreshold, source: null };
    }
    const window = (r: StandbyOf) => r.detection.probeIntervalSeconds * r.detection.failureThreshold;
    const best = [...pool].sort((a, b) => window(a.relation) - window(b.relation) || a.member.level - b.member.level)[0]!;
    return { probeIntervalSeconds: best.relation.detection.probeIntervalSeconds, failureThreshold: best.relation.detection.failureThreshold, source: best };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
