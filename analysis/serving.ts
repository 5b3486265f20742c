// Which gateways can serve a site's phones, in the order the phones would use them, and which
// trunks those gateways can place the site's calls on. Computed once per site from the model.
import type { Gateway, Model, OnCall, StandbyOf, Trunk } from '../model/types.js';
import { coldStandbyParts, hotStandbyParts } from './switchover.js';
import type { SwitchoverPart } from './types.js';

export interface Candidate {
  readonly gateway: Gateway;
  /** Switchover from normal operation to this gateway serving the site. */
  readonly parts: readonly SwitchoverPart[];
  readonly totalSeconds: number;
  readonly automatic: boolean;
  /** False for a gateway that serves the site in normal operation. */
  readonly takeover: boolean;
  /** e.g. "normal operation", "hot standby for pbx-east". */
  readonly note: string;
}

/** Indexes over the model that every site's plan reads; built once. */
export class ModelIndex {
  readonly gatewayById: ReadonlyMap<string, Gateway>;
  readonly serversOf = new Map<string, Gateway[]>();
  /** Standbys that take over every site of their primary, by primary. */
  readonly standbysOf = new Map<string, Standby[]>();
  /** Local survivable standbys, by `primary|site`: they take over their own site only. */
  readonly localStandbysOf = new Map<string, Standby[]>();
  readonly trunksBySite = new Map<string, Trunk[]>();
  /** Cloud trunks (no site), by terminating gateway. */
  readonly cloudTrunksByGateway = new Map<string, Trunk[]>();
  readonly gatewaysBySite = new Map<string, Gateway[]>();
  /** Services whose hosts were not given (every gateway that lists their kind), with those hosts. */
  readonly defaultHosts = new Map<string, ReadonlySet<string>>();

  constructor(readonly model: Model) {
    this.gatewayById = new Map(model.gateways.map((g) => [g.id, g]));
    const byKind = new Map<string, string[]>();
    for (const g of model.gateways) {
      for (const s of g.serves) push(this.serversOf, s, g);
      if (g.placement.type === 'site') push(this.gatewaysBySite, g.placement.site, g);
      for (const k of g.services) push(byKind, k, g.id);
    }
    for (const s of model.services) {
      const all = byKind.get(s.kind) ?? [];
      const hosts = new Set(s.hosts);
      if (all.length === hosts.size && all.every((g) => hosts.has(g))) this.defaultHosts.set(s.id, hosts);
    }
    for (const g of model.gateways) {
      for (const r of g.standbyFor) {
        const local = localSite(g, this.gatewayById.get(r.gateway));
        if (local) push(this.localStandbysOf, `${r.gateway}|${local}`, { standby: g, relation: r });
        else push(this.standbysOf, r.gateway, { standby: g, relation: r });
      }
    }
    for (const t of model.trunks) {
      if (t.site) push(this.trunksBySite, t.site, t);
      else for (const g of t.gateways) push(this.cloudTrunksByGateway, g, t);
    }
  }

  /** Standbys that take over `site` when `primary` fails. */
  standbysFor(primary: string, site: string): readonly Standby[] {
    const all = this.standbysOf.get(primary) ?? [];
    const local = this.localStandbysOf.get(`${primary}|${site}`);
    return local ? [...all, ...local] : all;
  }
}

export interface Standby {
  readonly standby: Gateway;
  readonly relation: StandbyOf;
}

/**
 * A standby placed at one of the sites its primary serves while the primary runs elsewhere (in
 * the cloud, at headquarters, in a data centre) is a local survivable gateway: it takes over its
 * own site only. Any other standby takes over every site of its primary.
 */
export function localSite(standby: Gateway, primary: Gateway | undefined): string | null {
  if (!primary || standby.placement.type !== 'site') return null;
  const site = standby.placement.site;
  const primarySite = primary.placement.type === 'site' ? primary.placement.site : null;
  return primarySite !== site && primary.serves.includes(site) ? site : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The switchover one standby relation takes, with the on-call of the site being served. */
export function relationParts(relation: StandbyOf, onCall: OnCall): { parts: SwitchoverPart[]; automatic: boolean } {
  return relation.mode === 'hot'
    ? { parts: hotStandbyParts(relation.detection), automatic: true }
    : { parts: coldStandbyParts(relation.detection, onCall), automatic: false };
}

const sum = (parts: readonly SwitchoverPart[]) => Math.round(parts.reduce((n, p) => n + p.seconds, 0) * 1000) / 1000;

/**
 * The gateways that serve a site in normal operation, then every standby that takes over their
 * sites, along chains: a standby of a standby takes over when both are gone, and along a chain
 * the switchovers add up (each hop detects the failure of the one before). Sorted: normal
 * servers first, then by switchover time, then by id.
 */
export function servingCandidates(index: ModelIndex, siteId: string, onCall: OnCall): Candidate[] {
  const best = new Map<string, Candidate>();
  let frontier: Candidate[] = [];
  for (const g of index.serversOf.get(siteId) ?? []) {
    const c: Candidate = { gateway: g, parts: [], totalSeconds: 0, automatic: true, takeover: false, note: 'normal operation' };
    best.set(g.id, c);
    frontier.push(c);
  }
  for (let round = 0; frontier.length > 0 && round <= index.model.gateways.length; round++) {
    const next: Candidate[] = [];
    for (const from of frontier) {
      for (const { standby, relation } of index.standbysFor(from.gateway.id, siteId)) {
        const step = relationParts(relation, onCall);
        const parts = [...from.parts, ...step.parts];
        const totalSeconds = sum(parts);
        const known = best.get(standby.id);
        if (known && (known.totalSeconds <= totalSeconds || !known.takeover)) continue;
        const via = from.takeover ? `, after ${from.gateway.id} (${from.note})` : '';
        const c: Candidate = {
          gateway: standby,
          parts,
          totalSeconds,
          automatic: from.automatic && step.automatic,
          takeover: true,
          note: `${relation.mode} standby for ${from.gateway.id}${via}`,
        };
        best.set(standby.id, c);
        next.push(c);
      }
    }
    frontier = next;
  }
  return [...best.values()].sort(
    (a, b) =>
      Number(a.takeover) - Number(b.takeover) ||
      a.totalSeconds - b.totalSeconds ||
      (a.gateway.id < b.gateway.id ? -1 : a.gateway.id > b.gateway.id ? 1 : 0),
  );
}

/**
 * The gateways related to a site: those that may serve it, their masters, and every gateway at
 * the site or at the site of one of those. A service whose hosts were not given (every gateway
 * listing its kind) runs for the site only on these: a fleet's unrelated customers never stand in
 * for each other.
 */
export function relatedGateways(index: ModelIndex, siteId: string, candidates: readonly Candidate[]): Set<string> {
  const out = new Set<string>();
  const sites = new Set<string>([siteId]);
  const visit = (g: Gateway | undefined) => {
    if (!g || out.has(g.id)) return;
    out.add(g.id);
    if (g.placement.type === 'site') sites.add(g.placement.site);
    if (g.master) visit(index.gatewayById.get(g.master));
  };
  for (const c of candidates) visit(c.gateway);
  for (const s of sites) for (const g of index.gatewaysBySite.get(s) ?? []) out.add(g.id);
  return out;
}

/**
 * Trunks a site's calls can use: the site's own trunks first, then the trunks at the site of
 * every gateway that may serve it or of their masters (a branch breaks out at its headquarters),
 * and the cloud trunks those gateways terminate. Never the trunks of unrelated sites, so the work
 * per site stays bounded in a fleet.
 */
export function candidateTrunks(index: ModelIndex, siteId: string, candidates: readonly Candidate[]): Trunk[] {
  const own = [...(index.trunksBySite.get(siteId) ?? [])];
  const seen = new Set<string>(own.map((t) => t.id));
  const others: Trunk[] = [];
  const add = (list: readonly Trunk[] | undefined) => {
    for (const t of list ?? []) {
      if (!seen.has(t.id)) {
        seen.add(t.id);
        others.push(t);
      }
    }
  };
  const visited = new Set<string>();
  const visit = (g: Gateway | undefined) => {
    if (!g || visited.has(g.id)) return;
    visited.add(g.id);
    if (g.placement.type === 'site') add(index.trunksBySite.get(g.placement.site));
    add(index.cloudTrunksByGateway.get(g.id));
    if (g.master) visit(index.gatewayById.get(g.master));
  };
  for (const c of candidates) visit(c.gateway);
  const byId = (a: Trunk, b: Trunk) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...own.sort(byId), ...others.sort(byId)];
}
