// What a reader sees go down in a scenario: which gateways, trunks, uplinks, PoE switches and
// UPS units at the site are hit, so that a procedure can say which alert shows the failure and
// what to check. It follows the failure semantics of DESIGN.md ("a component fails when any
// domain it depends on fails") for the components a person can look at; whether a *service*
// survives is never decided here but always taken from the analysis' verdicts.
import type { FailureDomain, Scenario } from '../../analysis/types.js';
import type { Gateway, PoeSwitch, Trunk, Uplink, Ups } from '../../model/types.js';
import type { SiteContext } from './context.js';

/** A failure domain resolved to the model element it names. */
export type DomainRef =
  | { readonly kind: 'site'; readonly site: string }
  | { readonly kind: 'building'; readonly site: string; readonly id: string }
  | { readonly kind: 'fire-zone'; readonly site: string; readonly id: string }
  | { readonly kind: 'room'; readonly site: string; readonly id: string }
  | { readonly kind: 'mains-feed'; readonly site: string; readonly id: string }
  | { readonly kind: 'cooling'; readonly site: string; readonly id: string }
  | { readonly kind: 'supply-line'; readonly site: string; readonly id: string }
  | { readonly kind: 'uplink'; readonly site: string; readonly id: string }
  | { readonly kind: 'provider'; readonly id: string }
  | { readonly kind: 'gateway'; readonly id: string; readonly part: string | null }
  | { readonly kind: 'trunk'; readonly id: string }
  | { readonly kind: 'site-device'; readonly site: string; readonly id: string }
  | { readonly kind: 'cloud-az'; readonly id: string }
  | { readonly kind: 'cloud-region'; readonly id: string }
  | { readonly kind: 'unknown' };

const AZ = /^[a-z]{2}(?:-[a-z]+)+-[0-9][a-z]$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-[0-9]$/;

const SITE_PARTS: Record<string, DomainRef['kind']> = {
  buildings: 'building',
  'fire-zones': 'fire-zone',
  rooms: 'room',
  power: 'mains-feed',
  cooling: 'cooling',
  'supply-lines': 'supply-line',
  uplinks: 'uplink',
  'poe-switches': 'site-device',
  'vm-hosts': 'site-device',
  'vm-clusters': 'site-device',
};

/**
 * Resolves a domain by its construct path (sites/ulm/fire-zones/zone-a, gateways/gw-a,
 * providers/telekom, ...), falling back to its id (`fire-zone:ulm/zone-a`) for cloud domains.
 */
export function resolveDomain(d: FailureDomain): DomainRef {
  const parts = d.path.split('/').filter(Boolean);
  if (d.kind === 'cloud-az' || d.kind === 'cloud-region') {
    const tokens = [...parts, ...d.id.split(/[:/]/)].reverse();
    const want = d.kind === 'cloud-az' ? AZ : REGION;
    const hit = tokens.find((t) => want.test(t));
    return hit ? { kind: d.kind, id: hit } : { kind: 'unknown' };
  }
  if (parts[0] === 'providers' && parts[1]) return { kind: 'provider', id: parts[1] };
  if (parts[0] === 'gateways' && parts[1]) return { kind: 'gateway', id: parts[1], part: parts.length > 2 ? parts.slice(2).join('/') : null };
  if (parts[0] === 'trunks' && parts[1]) return { kind: 'trunk', id: parts[1] };
  if (parts[0] === 'sites' && parts[1]) {
    const site = parts[1];
    if (parts.length === 2) return d.kind === 'site' ? { kind: 'site', site } : { kind: 'unknown' };
    // sites/<s>/gateways/<g> (a construct-style path) names a gateway.
    if (parts[2] === 'gateways' && parts[3]) return { kind: 'gateway', id: parts[3], part: parts.length > 4 ? parts.slice(4).join('/') : null };
    const kind = SITE_PARTS[parts[2] ?? ''];
    const id = parts[3];
    if (!kind || !id) return { kind: 'unknown' };
    if (kind === 'mains-feed' && d.kind !== 'mains-feed') return { kind: 'site-device', site, id };
    if (d.kind === 'device') return { kind: 'site-device', site, id };
    return { kind, site, id } as DomainRef;
  }
  return { kind: 'unknown' };
}

export interface Down<T> {
  readonly item: T;
  /** Why it is down, e.g. "in fire zone zone-a". */
  readonly why: string;
}

export interface UpsState {
  readonly ups: Ups;
  /** Whether it still carries its load at the end of the outage. */
  readonly holds: boolean;
  readonly note: string;
}

export interface Affected {
  readonly refs: readonly DomainRef[];
  readonly gateways: readonly Down<Gateway>[];
  readonly trunks: readonly Down<Trunk>[];
  readonly uplinks: readonly Down<Uplink>[];
  readonly poeSwitches: readonly Down<PoeSwitch>[];
  /** UPS units whose inputs are out: on battery, and whether they hold. */
  readonly ups: readonly UpsState[];
  /** Generators that start. */
  readonly generators: readonly string[];
  /** Every phone of the site burns or floods with its building or fire zone: no telephony redundancy can help. */
  readonly phonesLost: boolean;
}

// A domain is hit by many scenarios of its site (alone, and with each other domain): resolved
// once per site, and forgotten with the site.
const resolvedBySite = new WeakMap<SiteContext, Map<string, DomainRef>>();
const UNKNOWN: DomainRef = { kind: 'unknown' };

function refOf(ctx: SiteContext, id: string): DomainRef {
  let resolved = resolvedBySite.get(ctx);
  if (!resolved) resolvedBySite.set(ctx, (resolved = new Map()));
  let ref = resolved.get(id);
  if (!ref) {
    const d = ctx.index.domains.get(id);
    resolved.set(id, (ref = d ? resolveDomain(d) : UNKNOWN));
  }
  return ref;
}

/** The components of the site hit by a scenario. Linear in the size of the site. */
export function affectedBy(ctx: SiteContext, scenario: Scenario): Affected {
  const { site } = ctx;
  const refs = scenario.domains.map((id) => refOf(ctx, id));
  const has = (kind: DomainRef['kind'], id: string, siteId = site.id) =>
    refs.some((r) => r.kind === kind && 'id' in r && r.id === id && (!('site' in r) || r.site === siteId));
  const siteDown = (siteId: string) => refs.some((r) => r.kind === 'site' && r.site === siteId);
  const zoneOf = new Map(site.fireZones.map((z) => [z.id, z.building]));
  const placeDown = (siteId: string, building: string, zone: string): string | null => {
    if (siteDown(siteId)) return `the whole site is lost`;
    if (building && has('building', building, siteId)) return `in building ${building}`;
    if (zone && has('fire-zone', zone, siteId)) return `in fire zone ${zone}`;
    return null;
  };
  const duration = scenario.durationMinutes ?? 60;

  // Power: feeds out, UPS on battery (holding or not), generators.
  const feedOut = (id: string) => has('mains-feed', id);
  const generatorUp = (id: string) => !has('site-device', id);
  const upsStates: UpsState[] = [];
  const upsDown = new Map<string, string>();
  const generators = new Set<string>();
  for (const u of site.power.ups) {
    const zoneDown = u.fireZone ? placeDown(site.id, zoneOf.get(u.fireZone) ?? '', u.fireZone) : siteDown(site.id) ? 'the whole site is lost' : null;
    if (zoneDown || has('site-device', u.id)) {
      upsDown.set(u.id, zoneDown ?? 'device failure');
      continue;
    }
    const liveInputs = u.inputs.filter((i) => (site.power.generators.some((g) => g.id === i) ? generatorUp(i) : !feedOut(i)));
    if (liveInputs.length > 0) continue;
    const gen = u.generator ? site.power.generators.find((g) => g.id === u.generator) ?? null : null;
    const genHolds = gen !== null && generatorUp(gen.id) && gen.startSeconds <= u.autonomyMinutes * 60 && u.autonomyMinutes + gen.runtimeHours * 60 >= duration;
    if (gen && generatorUp(gen.id)) generators.add(gen.name);
    const holds = u.autonomyMinutes >= duration || genHolds;
    const note = holds
      ? genHolds
        ? `${u.name} runs on battery until generator ${gen!.name} takes over (within ${gen!.startSeconds} s; fuel for ${gen!.runtimeHours} h)`
        : `${u.name} runs on battery (${u.autonomyMinutes} min autonomy, enough for ${duration} min)`
      : `${u.name} runs on battery and is empty after ${u.autonomyMinutes} min, before the ${duration}-minute outage ends`;
    upsStates.push({ ups: u, holds, note });
    if (!holds) upsDown.set(u.id, `UPS ${u.id} runs empty after ${u.autonomyMinutes} min`);
  }
  const sourceDown = (id: string): string | null => {
    if (upsDown.has(id)) return upsDown.get(id)!;
    if (feedOut(id)) return `mains feed ${id} is out`;
    return null;
  };

  const coolingDown = (roomId: string | null): string | null => {
    if (!roomId) return null;
    const room = site.rooms.find((r) => r.id === roomId);
    if (!room || room.cooling.length === 0) return null;
    return room.cooling.every((c) => has('cooling', c)) ? `room ${room.id} overheats` : null;
  };

  const hostDown = (hostId: string): string | null => {
    const h = site.vmHosts.find((x) => x.id === hostId);
    if (!h) return null;
    if (has('site-device', h.id)) return `host ${h.id} fails`;
    const p = placeDown(site.id, h.building, h.fireZone) ?? coolingDown(h.room);
    if (p) return p;
    if (h.psus.length > 0 && h.psus.every((s) => sourceDown(s))) return `host ${h.id} loses power`;
    return null;
  };

  const gateways: Down<Gateway>[] = [];
  for (const g of ctx.gateways) {
    const why = gatewayDown(g);
    if (why) gateways.push({ item: g, why });
  }
  function gatewayDown(g: Gateway): string | null {
    if (refs.some((r) => r.kind === 'gateway' && r.id === g.id)) return 'device failure';
    const p = g.placement;
    if (p.type === 'cloud') {
      if (refs.some((r) => r.kind === 'cloud-region' && r.id === p.region)) return `cloud region ${p.region} is out`;
      if (refs.some((r) => r.kind === 'cloud-az' && r.id === p.az)) return `cloud zone ${p.az} is out`;
      return null;
    }
    if (p.site !== site.id) {
      // Another site's gateway: only a loss of that site or building is visible from here.
      return siteDown(p.site) ? `site ${p.site} is lost` : null;
    }
    const place = placeDown(p.site, p.building, p.fireZone) ?? coolingDown(p.room);
    if (place) return place;
    if (p.cluster) {
      const cluster = site.vmClusters.find((c) => c.id === p.cluster);
      if (cluster && cluster.hosts.length > 0) {
        const down = cluster.hosts.map(hostDown);
        if (down.every(Boolean)) return `every host of cluster ${cluster.id} is down`;
      }
      return null;
    }
    if (g.psus.length > 0 && g.psus.every((s) => sourceDown(s))) return `power: ${g.psus.map((s) => sourceDown(s)).join('; ')}`;
    return null;
  }
  const gatewayIdsDown = new Set(gateways.map((x) => x.item.id));

  const lineDown = (lineId: string | null): string | null => {
    if (!lineId) return null;
    if (has('supply-line', lineId)) return `supply line ${lineId} is cut`;
    const line = site.supplyLines.find((l) => l.id === lineId);
    if (line && (siteDown(site.id) || has('building', line.building))) return `supply line ${lineId} enters a lost building`;
    return null;
  };
  const uplinks: Down<Uplink>[] = [];
  for (const u of site.uplinks) {
    const why =
      (has('uplink', u.id) || has('site-device', u.id) ? 'uplink failure' : null) ??
      (refs.some((r) => r.kind === 'provider' && r.id === u.provider) ? `provider ${u.provider} is out` : null) ??
      lineDown(u.supplyLine) ??
      (u.fireZone ? placeDown(site.id, zoneOf.get(u.fireZone) ?? '', u.fireZone) : siteDown(site.id) ? 'the whole site is lost' : null) ??
      (u.power ? sourceDown(u.power) : null);
    if (why) uplinks.push({ item: u, why });
  }
  const uplinkIdsDown = new Set(uplinks.map((x) => x.item.id));

  const trunks: Down<Trunk>[] = [];
  for (const t of ctx.trunks) {
    const why =
      (refs.some((r) => r.kind === 'trunk' && r.id === t.id) ? 'trunk failure' : null) ??
      (refs.some((r) => r.kind === 'provider' && r.id === t.provider) ? `provider ${t.provider} is out` : null) ??
      (t.site === site.id ? lineDown(t.supplyLine) : null) ??
      (t.uplink && t.site === site.id && uplinkIdsDown.has(t.uplink) ? `uplink ${t.uplink} is down` : null) ??
      (t.gateways.length > 0 && t.gateways.every((g) => gatewayIdsDown.has(g)) ? 'every gateway terminating it is down' : null);
    if (why) trunks.push({ item: t, why });
  }

  const poeSwitches: Down<PoeSwitch>[] = [];
  let burnt = 0;
  for (const p of site.poeSwitches) {
    const place = placeDown(site.id, p.building, p.fireZone);
    if (place) burnt++;
    const why = (has('site-device', p.id) ? 'switch failure' : null) ?? place ?? sourceDown(p.power);
    if (why) poeSwitches.push({ item: p, why });
  }
  // Only fire or flood where every phone is takes the phones themselves; phones that go dark
  // because their switch has no UPS, or a switch fails, are a gap of the design.
  const allBuildings = site.buildings.length > 0 && site.buildings.every((b) => has('building', b.id));
  const phonesLost = siteDown(site.id) || allBuildings || (site.poeSwitches.length > 0 && burnt === site.poeSwitches.length);

  return { refs, gateways, trunks, uplinks, poeSwitches, ups: upsStates, generators: [...generators].sort(), phonesLost };
}
