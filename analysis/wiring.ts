// What each component of the model needs to be live, as circuit nodes over failure domains.
// Every clause here is a clause of docs/analysis.md ("Liveness of components").
import type { Gateway, Model, Site, Trunk } from '../model/types.js';
import { Circuit, type NodeId } from './circuit.js';
import { domainId, singleParts, type DomainTable } from './domains.js';

/** Where a gateway runs: a site id, or null for the cloud. */
export type Location = string | null;

export const locationOf = (g: Gateway): Location => (g.placement.type === 'site' ? g.placement.site : null);

export class Wiring {
  readonly circuit: Circuit;
  readonly siteById: ReadonlyMap<string, Site>;
  /** Nodes built once per kind and key (a fire zone, a power source, a reach); cleared with the circuit. */
  private readonly memos = new Map<string, Map<string, Map<string, NodeId>>>();
  readonly gatewayById: ReadonlyMap<string, Gateway>;

  constructor(
    readonly model: Model,
    readonly domains: DomainTable,
  ) {
    this.circuit = new Circuit(domains.list.length);
    this.siteById = new Map(model.sites.map((s) => [s.id, s]));
    this.gatewayById = new Map(model.gateways.map((g) => [g.id, g]));
  }

  /** Forgets every node: one site's structure does not outlive its analysis. */
  reset(): void {
    this.circuit.reset();
    this.memos.clear();
  }

  /** Keys are the model's own id strings, so a lookup builds no string. */
  private memo(kind: string, a: string, b: string, build: () => NodeId): NodeId {
    let byKind = this.memos.get(kind);
    if (!byKind) this.memos.set(kind, (byKind = new Map()));
    let byA = byKind.get(a);
    if (!byA) byKind.set(a, (byA = new Map()));
    const known = byA.get(b);
    if (known !== undefined) return known;
    const n = build();
    byA.set(b, n);
    return n;
  }

  /** The circuit leaf of a domain id; an unknown id is a bug in the wiring, not bad input. */
  leaf(id: string): NodeId {
    const i = this.domains.index.get(id);
    if (i === undefined) throw new Error(`unknown failure domain ${id}`);
    return this.circuit.leaf(i);
  }

  site(site: string): NodeId {
    return this.leaf(domainId.site(site));
  }

  building(site: string, building: string): NodeId {
    const c = this.circuit;
    return this.memo('building', site, building, () => c.and([this.leaf(domainId.building(site, building)), this.site(site)]));
  }

  /** A fire zone fails with its building, a building with its site. */
  zone(site: string, zone: string): NodeId {
    const c = this.circuit;
    return this.memo('zone', site, zone, () => {
      const building = this.siteById.get(site)?.fireZones.find((z) => z.id === zone)?.building;
      if (building === undefined) throw new Error(`unknown fire zone ${site}/${zone}`);
      return c.and([this.leaf(domainId.fireZone(site, zone)), this.building(site, building)]);
    });
  }

  /** A room overheats when all its cooling units fail; a room without cooling has no such domain. */
  cooling(site: string, room: string | null): NodeId {
    if (room === null) return this.circuit.TRUE;
    const c = this.circuit;
    return this.memo('cooling', site, room, () => {
      const r = this.siteById.get(site)?.rooms.find((x) => x.id === room);
      if (!r || r.cooling.length === 0) return c.TRUE;
      return c.or(r.cooling.map((u) => this.leaf(domainId.cooling(site, u))));
    });
  }

  /**
   * A power source at a site. A feed is live unless its mains fail. A generator carries a load for
   * its runtime. A UPS is live while any input is live, or while its battery lasts the outage, or
   * while its generator (started before the battery runs out) runs long enough.
   */
  power(site: string, source: string): NodeId {
    const c = this.circuit;
    return this.memo('power', site, source, () => {
      const s = this.siteById.get(site)!;
      if (s.power.feeds.some((f) => f.id === source)) return c.and([this.site(site), this.leaf(domainId.feed(site, source))]);
      const gen = s.power.generators.find((g) => g.id === source);
      if (gen) return c.and([this.site(site), this.leaf(domainId.siteDevice(site, gen.id)), c.within(gen.runtimeHours * 60)]);
      const ups = s.power.ups.find((u) => u.id === source);
      if (!ups) throw new Error(`unknown power source ${site}/${source}`);
      const alternatives = ups.inputs.map((i) => this.power(site, i));
      alternatives.push(c.within(ups.autonomyMinutes));
      const generator = ups.generator ? s.power.generators.find((g) => g.id === ups.generator) : undefined;
      if (generator && ups.autonomyMinutes * 60 >= generator.startSeconds) alternatives.push(this.power(site, generator.id));
      return c.and([
        this.site(site),
        this.leaf(domainId.siteDevice(site, ups.id)),
        ups.fireZone ? this.zone(site, ups.fireZone) : c.TRUE,
        c.or(alternatives),
      ]);
    });
  }

  /** Any power at the site (feeds first, then UPS): for equipment whose source is not given. */
  anyPower(site: string): NodeId {
    const c = this.circuit;
    return this.memo('any-power', site, '', () => {
      const s = this.siteById.get(site)!;
      return c.or([...s.power.feeds, ...s.power.ups].map((p) => this.power(site, p.id)));
    });
  }

  /** Live while any listed power source is; a single supply is a failure domain of its own. */
  private supplies(sources: readonly string[], site: string, singlePsuDomain: string): NodeId {
    const c = this.circuit;
    const feed = c.or(sources.map((p) => this.power(site, p)));
    return sources.length === 1 ? c.and([feed, this.leaf(singlePsuDomain)]) : feed;
  }

  /** A group of phones: its PoE switch, the switch's fire zone and its power source. */
  poeSwitch(site: string, poe: string): NodeId {
    const c = this.circuit;
    return this.memo('poe', site, poe, () => {
      const p = this.siteById.get(site)!.poeSwitches.find((x) => x.id === poe)!;
      return c.and([this.zone(site, p.fireZone), this.leaf(domainId.siteDevice(site, p.id)), this.power(site, p.power)]);
    });
  }

  /** A site's phones are live while any group is; phones powered locally depend on the site only. */
  phones(site: string): NodeId {
    const c = this.circuit;
    return this.memo('phones', site, '', () => {
      const s = this.siteById.get(site)!;
      if (s.poeSwitches.length === 0) return this.site(site);
      return c.or(s.poeSwitches.map((p) => this.poeSwitch(site, p.id)));
    });
  }

  vmHost(site: string, host: string): NodeId {
    const c = this.circuit;
    return this.memo('host', site, host, () => {
      const h = this.siteById.get(site)!.vmHosts.find((x) => x.id === host)!;
      return c.and([
        this.zone(site, h.fireZone),
        this.cooling(site, h.room),
        this.leaf(domainId.siteDevice(site, h.id)),
        this.supplies(h.psus, site, domainId.hostPsu(site, h.id)),
      ]);
    });
  }

  /**
   * The host a virtual gateway runs on in normal operation: the cluster's host in the room (or
   * fire zone) of its placement, else the cluster's first host.
   */
  normalHost(g: Gateway): { site: string; host: string; mode: 'none' | 'ha' | 'ft'; restartSeconds: number; others: number } | null {
    if (g.form !== 'virtual' || g.placement.type !== 'site' || !g.placement.cluster) return null;
    const p = g.placement;
    const site = this.siteById.get(p.site);
    const cluster = site?.vmClusters.find((c) => c.id === p.cluster);
    if (!site || !cluster || cluster.hosts.length === 0) return null;
    const hosts = cluster.hosts.map((h) => site.vmHosts.find((x) => x.id === h)).filter((h) => h !== undefined);
    const host = (p.room !== null ? hosts.find((h) => h.room === p.room) : undefined) ?? hosts.find((h) => h.fireZone === p.fireZone) ?? hosts[0];
    if (!host) return null;
    return { site: p.site, host: host.id, mode: cluster.mode, restartSeconds: cluster.restartSeconds, others: cluster.hosts.length - 1 };
  }

  /**
   * A gateway as a device. Appliance: its fire zone, its room's cooling, itself, its power
   * supplies, and any single PSU, NIC or disk. Virtual: itself and its cluster (any host with
   * HA/FT, the first host without). Cloud: itself, its AZ, its region and the cloud provider.
   */
  gateway(id: string): NodeId {
    const c = this.circuit;
    return this.memo('gateway', id, '', () => {
      const g = this.gatewayById.get(id);
      if (!g) return c.FALSE;
      const self = this.leaf(domainId.gateway(g.id));
      if (g.placement.type === 'cloud') {
        const provider = this.model.cloud ? this.leaf(domainId.provider(this.model.cloud.provider)) : c.TRUE;
        return c.and([self, this.leaf(domainId.az(g.placement.az)), this.leaf(domainId.region(g.placement.region)), provider]);
      }
      const site = g.placement.site;
      if (g.form === 'virtual') {
        const cluster = this.siteById.get(site)?.vmClusters.find((x) => x.id === (g.placement as { cluster: string | null }).cluster);
        const normal = this.normalHost(g);
        if (!cluster || !normal) return c.FALSE;
        // The normal host first: the others only matter once it is lost.
        const hosts = [normal.host, ...cluster.hosts.filter((h) => h !== normal.host)].map((h) => this.vmHost(site, h));
        return c.and([self, cluster.mode === 'none' ? hosts[0]! : c.or(hosts)]);
      }
      const parts = singleParts(g);
      return c.and([
        this.zone(site, g.placement.fireZone),
        this.cooling(site, g.placement.room),
        self,
        this.supplies(g.psus, site, domainId.gatewayPart(g.id, 'psu')),
        parts.includes('nic') ? this.leaf(domainId.gatewayPart(g.id, 'nic')) : c.TRUE,
        parts.includes('disk') ? this.leaf(domainId.gatewayPart(g.id, 'disk')) : c.TRUE,
      ]);
    });
  }

  /** A gateway able to serve phones: a slave that is not autonomous also needs its master. */
  serving(id: string): NodeId {
    const c = this.circuit;
    return this.memo('serving', id, '', () => {
      const g = this.gatewayById.get(id);
      if (!g) return c.FALSE;
      if (g.master === null || g.autonomous || !this.gatewayById.has(g.master)) return this.gateway(id);
      return c.and([this.gateway(id), this.serving(g.master), this.reachGateways(id, g.master)]);
    });
  }

  supplyLine(site: string, line: string): NodeId {
    const c = this.circuit;
    return this.memo('line', site, line, () => {
      const l = this.siteById.get(site)!.supplyLines.find((x) => x.id === line)!;
      return c.and([this.leaf(domainId.supplyLine(site, line)), this.building(site, l.building)]);
    });
  }

  /** An uplink: its provider, its supply line, its router's fire zone and power. */
  uplink(site: string, uplink: string): NodeId {
    const c = this.circuit;
    return this.memo('uplink', site, uplink, () => {
      const u = this.siteById.get(site)!.uplinks.find((x) => x.id === uplink)!;
      return c.and([
        this.site(site),
        this.leaf(domainId.uplink(site, u.id)),
        this.leaf(domainId.provider(u.provider)),
        u.supplyLine ? this.supplyLine(site, u.supplyLine) : c.TRUE,
        u.fireZone ? this.zone(site, u.fireZone) : c.TRUE,
        u.power ? this.power(site, u.power) : this.anyPower(site),
      ]);
    });
  }

  anyUplink(site: string): NodeId {
    const c = this.circuit;
    return this.memo('any-uplink', site, '', () => c.or(this.siteById.get(site)!.uplinks.map((u) => this.uplink(site, u.id))));
  }

  /** Uplinks that carry the VPN to the cloud (vpn: true). */
  cloudUplink(site: string): NodeId {
    const c = this.circuit;
    return this.memo('cloud-uplink', site, '', () => c.or(this.siteById.get(site)!.uplinks.filter((u) => u.vpn).map((u) => this.uplink(site, u.id))));
  }

  /**
   * Reachability between two places: the same site over its LAN; two sites need a live uplink
   * at each; a site and the cloud need a live uplink with the cloud VPN at the site.
   */
  reach(a: Location, b: Location): NodeId {
    const c = this.circuit;
    if (a === b) return c.TRUE;
    const [x, y] = a === null ? [b, a] : b === null ? [a, b] : a < b ? [a, b] : [b, a];
    return this.memo('reach', x!, y ?? '', () => (y === null ? this.cloudUplink(x!) : c.and([this.anyUplink(x!), this.anyUplink(y)])));
  }

  reachGateways(a: string, b: string): NodeId {
    if (a === b) return this.circuit.TRUE;
    const ga = this.gatewayById.get(a);
    const gb = this.gatewayById.get(b);
    if (!ga || !gb) return this.circuit.FALSE;
    return this.reach(locationOf(ga), locationOf(gb));
  }

  /** A trunk without its gateways: provider, site, supply line, uplink. */
  trunkLine(t: Trunk): NodeId {
    const c = this.circuit;
    return this.memo('trunk', t.id, '', () => {
      const site = t.site;
      return c.and([
        this.leaf(domainId.provider(t.provider)),
        site ? this.site(site) : c.TRUE,
        site && t.supplyLine ? this.supplyLine(site, t.supplyLine) : c.TRUE,
        site && t.uplink ? this.uplink(site, t.uplink) : c.TRUE,
      ]);
    });
  }

  /** A trunk usable by a serving gateway: the line is live and the gateway reaches a live terminating gateway. */
  trunkVia(t: Trunk, via: string): NodeId {
    const c = this.circuit;
    return this.memo('trunk-via', t.id, via, () => {
      const g = this.gatewayById.get(via);
      const here = g ? locationOf(g) : undefined;
      // Prefer the serving gateway itself, then gateways at its location, then the others.
      const rank = (id: string): number => {
        if (id === via) return 0;
        const x = this.gatewayById.get(id);
        return x && here !== undefined && locationOf(x) === here ? 1 : 2;
      };
      const order = [...t.gateways].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
      return c.and([this.trunkLine(t), c.or(order.map((id) => c.and([this.gateway(id), this.reachGateways(via, id)])))]);
    });
  }

  /** The emergency notification desk: its fire zone and, if given, its PoE switch. */
  notification(site: string): NodeId {
    const c = this.circuit;
    return this.memo('notification', site, '', () => {
      const n = this.siteById.get(site)!.emergency.notification;
      if (!n) return c.TRUE;
      return c.and([this.zone(site, n.fireZone), n.poeSwitch ? this.poeSwitch(site, n.poeSwitch) : c.TRUE]);
    });
  }
}
