// Everything about one site that does not depend on the failure set: the gateways that may serve
// it, the trunks its calls may use, the circuit nodes of each, and each service's dependency
// cone (every domain any of its paths could rely on). Built once per site.
import type { NumberBlock, Provider, Service, ServiceKind, Site, Trunk } from '../model/types.js';
import type { NodeId } from './circuit.js';
import { candidateTrunks, relatedGateways, servingCandidates, type Candidate, type ModelIndex } from './serving.js';
import type { Wiring } from './wiring.js';

/** Kinds that are telephony: they need internal calls to work as well. */
export const TELEPHONY_KINDS: ReadonlySet<ServiceKind> = new Set<ServiceKind>([
  'incoming',
  'outbound',
  'emergency',
  'operator-desk',
  'call-centre-telephony',
  'fax',
]);

export interface CandidatePlan {
  readonly candidate: Candidate;
  readonly serving: NodeId;
  /** The site's phones reach the gateway. */
  readonly reach: NodeId;
  /** Per trunk of SitePlan.trunks: the trunk usable through this gateway. */
  readonly trunkNodes: readonly NodeId[];
  /** Per service of SitePlan.services: null when the gateway hosts its kind, else its hosts with their nodes. */
  readonly hosts: readonly (readonly { readonly host: string; readonly live: NodeId; readonly reach: NodeId }[] | null)[];
  /** For a virtual gateway on an HA/FT cluster: its normal host. */
  readonly normalHost: { readonly node: NodeId; readonly host: string; readonly mode: 'none' | 'ha' | 'ft'; readonly restartSeconds: number } | null;
}

export interface BlockPlan {
  readonly block: NumberBlock;
  readonly provider: Provider | null;
  readonly providerNode: NodeId;
  /** Trunks at the site that carry the block in normal operation. */
  readonly carrying: readonly Trunk[];
  /** Their positions in SitePlan.trunks. */
  readonly carryingIndex: readonly number[];
}

export interface ServicePlan {
  readonly service: Service;
  /** Indices (into SitePlan.services) of the services it requires. */
  readonly requires: readonly number[];
  /** Ids it requires that name no service. */
  readonly missing: readonly string[];
  /** Domain indices any path of it could rely on, ascending. */
  readonly cone: readonly number[];
}

export interface SitePlan {
  readonly site: Site;
  readonly phones: NodeId;
  readonly poe: readonly { readonly id: string; readonly phones: number; readonly node: NodeId }[];
  readonly candidates: readonly CandidatePlan[];
  readonly trunks: readonly Trunk[];
  /** Positions in `trunks` of those valid for the site's emergency calls: capable, from a provider that delivers them, listing the site's area. */
  readonly emergencyIndex: readonly number[];
  readonly blocks: readonly BlockPlan[];
  readonly notification: NodeId;
  readonly services: readonly ServicePlan[];
  /** Union of the services' cones, ascending. */
  readonly cone: readonly number[];
}

export function planSite(w: Wiring, index: ModelIndex, site: Site): SitePlan {
  const c = w.circuit;
  const providers = new Map(w.model.providers.map((p) => [p.id, p]));
  const served = servingCandidates(index, site.id, site.onCall);
  const trunks = candidateTrunks(index, site.id, served);
  const related = relatedGateways(index, site.id, served);
  const hostsFor = w.model.services.map((s) => {
    const all = index.defaultHosts.get(s.id);
    return all ? [...related].filter((h) => all.has(h)).sort() : s.hosts;
  });
  const candidates = served.map((candidate): CandidatePlan => {
    const g = candidate.gateway;
    const host = w.normalHost(g);
    return {
      candidate,
      serving: w.serving(g.id),
      reach: w.reach(site.id, g.placement.type === 'site' ? g.placement.site : null),
      trunkNodes: trunks.map((t) => w.trunkVia(t, g.id)),
      hosts: w.model.services.map((s, i) => (g.services.includes(s.kind) ? null : hostsFor[i]!.map((h) => ({ host: h, live: w.gateway(h), reach: w.reachGateways(g.id, h) })))),
      normalHost:
        host && host.mode !== 'none' && host.others > 0
          ? { node: w.vmHost(host.site, host.host), host: host.host, mode: host.mode, restartSeconds: host.restartSeconds }
          : null,
    };
  });
  const area = site.emergency.location?.area ?? null;
  const emergencyIndex = trunks.flatMap((t, j) =>
    t.emergency.capable && (providers.get(t.provider)?.emergencyCalls ?? false) && area !== null && t.emergency.areas.includes(area) ? [j] : [],
  );
  const blocks = site.numberBlocks.map((block): BlockPlan => {
    const carryingIndex = trunks.flatMap((t, j) => (t.site === site.id && t.numberBlocks.includes(block.id) ? [j] : []));
    return {
      block,
      provider: providers.get(block.provider) ?? null,
      providerNode: w.leaf(`provider:${block.provider}`),
      carrying: carryingIndex.map((j) => trunks[j]!),
      carryingIndex,
    };
  });
  const poe = site.poeSwitches.map((p) => ({ id: p.id, phones: p.phones, node: w.poeSwitch(site.id, p.id) }));
  const phones = w.phones(site.id);
  const notification = w.notification(site.id);

  const services = w.model.services;
  const position = new Map(services.map((s, i) => [s.id, i]));
  const requiresOf = services.map((s) => {
    const wanted = new Set<string>(s.requires);
    if (TELEPHONY_KINDS.has(s.kind)) wanted.add('internal');
    const requires: number[] = [];
    const missing: string[] = [];
    for (const r of [...wanted].sort()) {
      const byId = position.get(r);
      const byKind = services.flatMap((x, i) => (x.kind === r && x.id !== s.id ? [i] : []));
      const found = byId !== undefined ? [byId] : byKind;
      if (found.length === 0) {
        if (r !== 'internal' || s.requires.includes('internal')) missing.push(r);
      } else for (const i of found) if (services[i] !== s) requires.push(i);
    }
    return { requires, missing };
  });

  // Static cones: what each service's evaluation can ever look at.
  const ownNodes = services.map((s, i) => serviceNodes(s, i, candidates, emergencyIndex, blocks, phones, notification));
  const cones: number[][] = services.map((_, i) => {
    const nodes: NodeId[] = [];
    const seen = new Set<number>();
    const visit = (j: number) => {
      if (seen.has(j)) return;
      seen.add(j);
      nodes.push(...ownNodes[j]!);
      for (const r of requiresOf[j]!.requires) visit(r);
    };
    visit(i);
    return c.leaves(nodes).sort((a, b) => a - b);
  });
  const all = new Set<number>();
  for (const cone of cones) for (const d of cone) all.add(d);
  return {
    site,
    phones,
    poe,
    candidates,
    trunks,
    emergencyIndex,
    blocks,
    notification,
    services: services.map((service, i) => ({ service, requires: requiresOf[i]!.requires, missing: requiresOf[i]!.missing, cone: cones[i]! })),
    cone: [...all].sort((a, b) => a - b),
  };
}

/** The circuit nodes a service's paths can use at a site. */
function serviceNodes(
  s: Service,
  index: number,
  candidates: readonly CandidatePlan[],
  emergencyIndex: readonly number[],
  blocks: readonly BlockPlan[],
  phones: NodeId,
  notification: NodeId,
): NodeId[] {
  const nodes: NodeId[] = [phones];
  for (const p of candidates) {
    nodes.push(p.serving, p.reach);
    for (const h of p.hosts[index] ?? []) nodes.push(h.live, h.reach);
    if (s.kind === 'outbound' || s.kind === 'incoming') nodes.push(...p.trunkNodes);
    if (s.kind === 'emergency') for (const j of emergencyIndex) nodes.push(p.trunkNodes[j]!);
  }
  if (s.kind === 'emergency') nodes.push(notification);
  if (s.kind === 'incoming') for (const b of blocks) nodes.push(b.providerNode);
  return nodes;
}
