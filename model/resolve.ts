// Resolves a schema-valid blueprint into the model: checks every reference by id, applies every
// default, sorts every list and freezes the result. All problems are collected; the function
// never throws for bad input. Locations are JSON pointers into the blueprint, mapped by the
// caller (a YAML file's line:column, or a construct path).
import type { Blueprint, BlueprintGateway, BlueprintSite, BlueprintTrunk } from '../schema/blueprint.js';
import { DiagnosticBag, type Location } from '../diagnostics/index.js';
import { didYouMean } from './did-you-mean.js';
import { deepFreeze, byId } from './freeze.js';
import { SERVICE_LABELS, DEFAULT_PBX_SERVICES } from './services.js';
import { DETECTION_DEFAULTS } from './defaults.js';
import type * as M from './types.js';

export type Locate = (pointer: string) => Location;

export interface ResolveResult {
  readonly model: M.Model | null;
  readonly bag: DiagnosticBag;
}

interface Entry<T> { readonly value: T; readonly pointer: string }

/** An id index that reports duplicates where they occur. */
class Index<T> {
  readonly map = new Map<string, Entry<T>>();
  constructor(private readonly kind: string, private readonly bag: DiagnosticBag, private readonly locate: Locate) {}
  add(id: string, value: T, pointer: string): void {
    const first = this.map.get(id);
    if (first) {
      const at = this.locate(first.pointer);
      const where = at.line ? `line ${at.line}` : at.path ?? first.pointer;
      this.bag.report('DuplicateId', this.locate(`${pointer}/id`), [this.kind, id, where]);
      return;
    }
    this.map.set(id, { value, pointer });
  }
  has(id: string): boolean {
    return this.map.has(id);
  }
  get(id: string): T | undefined {
    return this.map.get(id)?.value;
  }
  /** Reports a dangling reference with a did-you-mean; returns whether it resolves. */
  check(id: string | undefined, pointer: string, scope = ''): boolean {
    if (id === undefined || this.map.has(id)) return true;
    const guess = didYouMean(id, this.map.keys());
    this.bag.report('DanglingReference', this.locate(pointer), [
      capitalise(this.kind),
      id,
      scope,
      this.kind,
      guess ? `; did you mean '${guess}'?` : '',
    ]);
    return false;
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function splitShare(total: number, parts: number, index: number): number {
  const base = Math.floor(total / parts);
  return base + (index < total % parts ? 1 : 0);
}

export function resolveBlueprint(bp: Blueprint, locate: Locate): ResolveResult {
  const bag = new DiagnosticBag();
  const ctx = { bag, locate };

  if (bp.rbc !== 1) {
    bag.report('UnsupportedVersion', locate('/rbc'), [bp.rbc]);
    return { model: null, bag };
  }

  const providers = new Index<Blueprint['providers'][number]>('provider', bag, locate);
  bp.providers.forEach((p, i) => providers.add(p.id, p, `/providers/${i}`));
  const sites = new Index<BlueprintSite>('site', bag, locate);
  bp.sites.forEach((s, i) => sites.add(s.id, s, `/sites/${i}`));
  const gateways = new Index<BlueprintGateway>('gateway', bag, locate);
  bp.gateways.forEach((g, i) => gateways.add(g.id, g, `/gateways/${i}`));
  const trunks = new Index<BlueprintTrunk>('trunk', bag, locate);
  (bp.trunks ?? []).forEach((t, i) => trunks.add(t.id, t, `/trunks/${i}`));
  const services = new Index<NonNullable<Blueprint['services']>[number]>('service', bag, locate);
  (bp.services ?? []).forEach((s, i) => services.add(s.id, s, `/services/${i}`));
  const policies = new Index<NonNullable<Blueprint['policies']>[number]>('policy', bag, locate);
  (bp.policies ?? []).forEach((p, i) => policies.add(p.id, p, `/policies/${i}`));

  const deploymentOnCall = resolveOnCall(bp.deployment.onCall);
  const cloud = resolveCloud(bp, providers, ctx);
  const hasMonitoring = bp.monitoring !== undefined;

  const modelSites = bp.sites.map((s, i) => resolveSite(s, `/sites/${i}`, providers, deploymentOnCall, cloud !== null, ctx));
  const siteById = new Map(modelSites.map((s) => [s.id, s]));

  const modelGateways = bp.gateways.map((g, i) =>
    resolveGateway(g, `/gateways/${i}`, { sites: siteById, siteIndex: sites, gateways, cloud, hasMonitoring }, ctx),
  );
  checkChains(modelGateways, bp, ctx);

  const gatewayById = new Map(modelGateways.map((g) => [g.id, g]));
  const modelTrunks = (bp.trunks ?? []).map((t, i) =>
    resolveTrunk(t, `/trunks/${i}`, { providers, siteIndex: sites, sites: siteById, gateways: gatewayById, gatewayIndex: gateways }, ctx),
  );

  const modelServices = resolveServices(bp, modelGateways, gateways, ctx);
  const serviceIds = new Set(modelServices.map((s) => s.id));
  const serviceKinds = new Set<string>(modelServices.map((s) => s.kind));
  (bp.services ?? []).forEach((s, i) =>
    (s.requires ?? []).forEach((r, j) => {
      if (!serviceIds.has(r) && !serviceKinds.has(r)) {
        const guess = didYouMean(r, [...serviceIds, ...serviceKinds]);
        bag.report('DanglingReference', locate(`/services/${i}/requires/${j}`), ['Service', r, '', 'service id or kind', guess ? `; did you mean '${guess}'?` : '']);
      }
    }),
  );

  const modelPolicies = (bp.policies ?? []).map((p, i): M.Policy => {
    (p.sites ?? []).forEach((s, j) => sites.check(s, `/policies/${i}/sites/${j}`));
    return {
      id: p.id,
      path: `policies/${p.id}`,
      description: p.description ?? null,
      services: [...p.services].sort(),
      sites: p.sites ? [...p.sites].sort() : [...siteById.keys()].sort(),
      scenarios: p.scenarios.map((sc) => ({
        class: sc.class,
        durationMinutes: sc.class === 'power-outage' ? sc.durationMinutes ?? 60 : null,
      })),
      maxSwitchoverSeconds: p.maxSwitchoverSeconds ?? null,
      automatic: p.automatic ?? false,
      backupRpoHours: p.backupRpoHours ?? null,
      owner: p.owner ?? null,
    };
  });

  const monitoring: M.Monitoring = {
    snmp: bp.monitoring?.snmp ? { version: 'v3', credentials: bp.monitoring.snmp.credentials, manager: bp.monitoring.snmp.manager } : null,
    alertEmails: [...(bp.monitoring?.alertEmails ?? deploymentOnCall.contacts.flatMap((c) => (c.email ? [c.email] : [])))].sort(),
    syslog: bp.monitoring?.syslog ? { host: bp.monitoring.syslog.host, port: bp.monitoring.syslog.port ?? 514 } : null,
    configChangeLogging: bp.monitoring?.configChangeLogging ?? false,
    prometheus: bp.monitoring?.prometheus ?? true,
  };

  const model: M.Model = {
    version: 1,
    deployment: {
      id: bp.deployment.id,
      name: bp.deployment.name,
      owner: bp.deployment.owner,
      description: bp.deployment.description ?? null,
      onCall: deploymentOnCall,
      sla: {
        recoveryMinutes: bp.deployment.sla?.recoveryMinutes ?? 1440,
        backupResponsibility: bp.deployment.sla?.backupResponsibility ?? null,
      },
    },
    providers: bp.providers
      .map((p): M.Provider => {
        const mode = p.rerouting?.mode ?? 'none';
        return {
          id: p.id,
          path: `providers/${p.id}`,
          name: p.name,
          kind: p.kind,
          emergencyCalls: p.emergencyCalls ?? p.kind === 'carrier',
          rerouting: { mode, leadTimeMinutes: p.rerouting?.leadTimeMinutes ?? (mode === 'on-request' ? 240 : 0) },
          support: p.support ? resolveContact(p.support) : null,
        };
      })
      .sort(byId),
    sites: modelSites.sort(byId),
    gateways: modelGateways.sort(byId),
    trunks: modelTrunks.sort(byId),
    services: modelServices,
    policies: modelPolicies.sort(byId),
    monitoring,
    cloud,
    acknowledgements: [...(bp.acknowledgements ?? [])]
      .map((a) => ({ rule: a.rule, target: a.target, reason: a.reason, owner: a.owner, expires: a.expires }))
      .sort((a, b) => (a.rule + a.target < b.rule + b.target ? -1 : a.rule + a.target > b.rule + b.target ? 1 : 0)),
  };

  const paths = collectPaths(model);
  (bp.acknowledgements ?? []).forEach((a, i) => {
    if (a.target !== '*' && !paths.has(a.target)) {
      bag.report('AcknowledgementTarget', locate(`/acknowledgements/${i}/target`), [a.target]);
    }
  });

  if (bag.hasErrors) return { model: null, bag };
  return { model: deepFreeze(model), bag };
}

/** Every construct path a finding or acknowledgement can name. */
export function collectPaths(model: M.Model): Set<string> {
  const paths = new Set<string>();
  for (const list of [model.providers, model.sites, model.gateways, model.trunks, model.services, model.policies]) {
    for (const e of list) paths.add(e.path);
  }
  for (const s of model.sites) {
    for (const b of s.buildings) paths.add(`${s.path}/buildings/${b.id}`);
    for (const z of s.fireZones) paths.add(`${s.path}/fire-zones/${z.id}`);
    for (const r of s.rooms) paths.add(`${s.path}/rooms/${r.id}`);
    for (const c of s.cooling) paths.add(`${s.path}/cooling/${c.id}`);
    for (const p of [...s.power.feeds, ...s.power.ups, ...s.power.generators]) paths.add(`${s.path}/power/${p.id}`);
    for (const p of s.poeSwitches) paths.add(`${s.path}/poe-switches/${p.id}`);
    for (const l of s.supplyLines) paths.add(`${s.path}/supply-lines/${l.id}`);
    for (const u of s.uplinks) paths.add(`${s.path}/uplinks/${u.id}`);
    for (const n of s.numberBlocks) paths.add(`${s.path}/number-blocks/${n.id}`);
    for (const h of s.vmHosts) paths.add(`${s.path}/vm-hosts/${h.id}`);
    for (const c of s.vmClusters) paths.add(`${s.path}/vm-clusters/${c.id}`);
  }
  return paths;
}

function resolveContact(c: { name: string; phone?: string; email?: string; role?: string }): M.Contact {
  return { name: c.name, phone: c.phone ?? null, email: c.email ?? null, role: c.role ?? null };
}

function resolveOnCall(o: Blueprint['deployment']['onCall']): M.OnCall {
  return {
    team: o.team,
    contacts: o.contacts.map(resolveContact),
    hours: o.hours ?? 'business',
    businessHours: {
      days: o.businessHours?.days ?? 'mon-fri',
      from: o.businessHours?.from ?? '08:00',
      to: o.businessHours?.to ?? '18:00',
    },
    responseMinutes: o.responseMinutes ?? 30,
  };
}

type Ctx = { bag: DiagnosticBag; locate: Locate };

function resolveCloud(bp: Blueprint, providers: Index<Blueprint['providers'][number]>, { bag, locate }: Ctx): M.Cloud | null {
  const c = bp.cloud;
  if (!c) return null;
  if (providers.check(c.provider, '/cloud/provider')) {
    const p = providers.get(c.provider)!;
    if (p.kind !== 'cloud') bag.report('ProviderKind', locate('/cloud/provider'), [p.id, p.kind, 'the cloud section', 'cloud provider']);
  }
  c.regions.forEach((r, i) =>
    r.azs.forEach((az, j) => {
      if (!az.startsWith(r.id)) bag.report('CloudRegionUnknown', locate(`/cloud/regions/${i}/azs/${j}`), ['AZ', az]);
    }),
  );
  return {
    provider: c.provider,
    account: c.account,
    regions: c.regions.map((r, i) => ({ id: r.id, azs: [...r.azs].sort(), vpcCidr: r.vpcCidr ?? `10.${100 + i}.0.0/16` })),
    dnsZone: c.dnsZone ?? null,
    backupBucket: c.backupBucket ?? null,
    adminCidrs: [...(c.adminCidrs ?? [])].sort(),
    instanceType: c.instanceType ?? 't3.medium',
    imageSsmParameter: c.imageSsmParameter ?? '/rbc/gateway-ami',
    stateBackend: c.stateBackend ? { bucket: c.stateBackend.bucket, region: c.stateBackend.region, lockTable: c.stateBackend.lockTable ?? null } : null,
  };
}

function resolveSite(
  s: BlueprintSite,
  ptr: string,
  providers: Index<Blueprint['providers'][number]>,
  deploymentOnCall: M.OnCall,
  hasCloud: boolean,
  ctx: Ctx,
): M.Site {
  const { bag, locate } = ctx;
  const scope = ` at site '${s.id}'`;
  const buildings = new Index<unknown>('building', bag, locate);
  const zones = new Index<{ building: string }>('fire zone', bag, locate);
  s.buildings.forEach((b, i) => {
    buildings.add(b.id, b, `${ptr}/buildings/${i}`);
    b.fireZones.forEach((z, j) => zones.add(z.id, { building: b.id }, `${ptr}/buildings/${i}/fireZones/${j}`));
  });
  const cooling = new Index<unknown>('cooling unit', bag, locate);
  (s.cooling ?? []).forEach((c, i) => cooling.add(c.id, c, `${ptr}/cooling/${i}`));
  const rooms = new Index<{ fireZone: string }>('room', bag, locate);
  (s.rooms ?? []).forEach((r, i) => {
    rooms.add(r.id, r, `${ptr}/rooms/${i}`);
    zones.check(r.fireZone, `${ptr}/rooms/${i}/fireZone`, scope);
    (r.cooling ?? []).forEach((c, j) => cooling.check(c, `${ptr}/rooms/${i}/cooling/${j}`, scope));
  });

  const power = new Index<{ kind: 'feed' | 'ups' | 'generator' }>('power source', bag, locate);
  s.power.feeds.forEach((f, i) => power.add(f.id, { kind: 'feed' }, `${ptr}/power/feeds/${i}`));
  (s.power.generators ?? []).forEach((g, i) => power.add(g.id, { kind: 'generator' }, `${ptr}/power/generators/${i}`));
  (s.power.ups ?? []).forEach((u, i) => power.add(u.id, { kind: 'ups' }, `${ptr}/power/ups/${i}`));
  const expectPower = (id: string, pointer: string, kinds: readonly string[], what: string) => {
    if (!power.check(id, pointer, scope)) return;
    const kind = power.get(id)!.kind;
    if (!kinds.includes(kind)) bag.report('WrongKindReference', locate(pointer), [id, kind, what]);
  };
  (s.power.ups ?? []).forEach((u, i) => {
    u.inputs.forEach((f, j) => expectPower(f, `${ptr}/power/ups/${i}/inputs/${j}`, ['feed', 'generator'], 'feed or generator'));
    if (u.generator) expectPower(u.generator, `${ptr}/power/ups/${i}/generator`, ['generator'], 'generator');
    zones.check(u.fireZone, `${ptr}/power/ups/${i}/fireZone`, scope);
  });
  const poeCount = s.poeSwitches?.length ?? 0;
  const poe = new Index<unknown>('PoE switch', bag, locate);
  const poeSwitches = (s.poeSwitches ?? []).map((p, i): M.PoeSwitch => {
    poe.add(p.id, p, `${ptr}/poeSwitches/${i}`);
    zones.check(p.fireZone, `${ptr}/poeSwitches/${i}/fireZone`, scope);
    expectPower(p.power, `${ptr}/poeSwitches/${i}/power`, ['feed', 'ups'], 'feed or UPS');
    return {
      id: p.id,
      fireZone: p.fireZone,
      building: zones.get(p.fireZone)?.building ?? '',
      power: p.power,
      phones: p.phones ?? splitShare(s.users, poeCount, i),
    };
  });
  const lines = new Index<unknown>('supply line', bag, locate);
  (s.supplyLines ?? []).forEach((l, i) => {
    lines.add(l.id, l, `${ptr}/supplyLines/${i}`);
    buildings.check(l.building, `${ptr}/supplyLines/${i}/building`, scope);
  });
  const uplinks = new Index<unknown>('uplink', bag, locate);
  (s.uplinks ?? []).forEach((u, i) => {
    uplinks.add(u.id, u, `${ptr}/uplinks/${i}`);
    providers.check(u.provider, `${ptr}/uplinks/${i}/provider`);
    lines.check(u.supplyLine, `${ptr}/uplinks/${i}/supplyLine`, scope);
    zones.check(u.fireZone, `${ptr}/uplinks/${i}/fireZone`, scope);
    if (u.power) expectPower(u.power, `${ptr}/uplinks/${i}/power`, ['feed', 'ups'], 'feed or UPS');
  });
  const blocks = new Index<unknown>('number block', bag, locate);
  (s.numberBlocks ?? []).forEach((n, i) => {
    blocks.add(n.id, n, `${ptr}/numberBlocks/${i}`);
    if (providers.check(n.provider, `${ptr}/numberBlocks/${i}/provider`)) {
      const p = providers.get(n.provider)!;
      if (p.kind !== 'carrier') bag.report('ProviderKind', locate(`${ptr}/numberBlocks/${i}/provider`), [p.id, p.kind, 'a number block', 'carrier']);
    }
  });
  const hosts = new Index<unknown>('virtualization host', bag, locate);
  const vmHosts = (s.virtualization?.hosts ?? []).map((h, i): M.VmHost => {
    const hp = `${ptr}/virtualization/hosts/${i}`;
    hosts.add(h.id, h, hp);
    const zone = placeInZone(h, hp, rooms, zones, s, ctx);
    (h.psus ?? []).forEach((p, j) => expectPower(p, `${hp}/psus/${j}`, ['feed', 'ups'], 'feed or UPS'));
    return { id: h.id, room: h.room ?? null, fireZone: zone, building: zones.get(zone)?.building ?? '', psus: h.psus ?? defaultPsus(s) };
  });
  const clusters = new Index<unknown>('virtualization cluster', bag, locate);
  (s.virtualization?.clusters ?? []).forEach((c, i) => {
    clusters.add(c.id, c, `${ptr}/virtualization/clusters/${i}`);
    c.hosts.forEach((h, j) => hosts.check(h, `${ptr}/virtualization/clusters/${i}/hosts/${j}`, scope));
  });
  const em = s.emergency;
  if (em?.notification) {
    zones.check(em.notification.fireZone, `${ptr}/emergency/notification/fireZone`, scope);
    poe.check(em.notification.poeSwitch, `${ptr}/emergency/notification/poeSwitch`, scope);
  }
  if (!em?.location) bag.report('MissingEmergencyLocation', locate(`${ptr}/id`), [s.id]);
  const loc = em?.location;

  const path = `sites/${s.id}`;
  return {
    id: s.id,
    path,
    name: s.name,
    role: s.role,
    users: s.users,
    emergency: {
      numbers: [...(em?.numbers ?? ['112'])].sort(),
      location: loc
        ? {
            street: loc.street ?? null,
            postalCode: loc.postalCode ?? null,
            city: loc.city ?? null,
            country: loc.country,
            area: loc.area,
            floor: loc.floor ?? null,
            room: loc.room ?? null,
          }
        : null,
      dispatchable: Boolean(loc?.street && loc.city && (loc.floor || loc.room)),
      notification: em?.notification
        ? { desk: em.notification.desk, fireZone: em.notification.fireZone, poeSwitch: em.notification.poeSwitch ?? null }
        : null,
      testCallsPermitted: em?.testCallsPermitted ?? false,
    },
    onCall: s.onCall ? resolveOnCall(s.onCall) : deploymentOnCall,
    buildings: s.buildings
      .map((b) => ({ id: b.id, name: b.name ?? b.id, fireZones: b.fireZones.map((z) => z.id).sort() }))
      .sort(byId),
    fireZones: s.buildings.flatMap((b) => b.fireZones.map((z) => ({ id: z.id, name: z.name ?? z.id, building: b.id }))).sort(byId),
    rooms: (s.rooms ?? [])
      .map((r) => ({
        id: r.id,
        name: r.name ?? r.id,
        fireZone: r.fireZone,
        building: zones.get(r.fireZone)?.building ?? '',
        cooling: [...(r.cooling ?? [])].sort(),
      }))
      .sort(byId),
    cooling: (s.cooling ?? []).map((c) => ({ id: c.id, name: c.name ?? c.id })).sort(byId),
    power: {
      feeds: s.power.feeds.map((f) => ({ id: f.id, name: f.name ?? f.id })).sort(byId),
      ups: (s.power.ups ?? [])
        .map((u) => ({
          id: u.id,
          name: u.name ?? u.id,
          autonomyMinutes: u.autonomyMinutes,
          inputs: [...u.inputs].sort(),
          generator: u.generator ?? null,
          fireZone: u.fireZone ?? null,
        }))
        .sort(byId),
      generators: (s.power.generators ?? [])
        .map((g) => ({ id: g.id, name: g.name ?? g.id, runtimeHours: g.runtimeHours, startSeconds: g.startSeconds ?? 30 }))
        .sort(byId),
    },
    poeSwitches: poeSwitches.sort(byId),
    supplyLines: (s.supplyLines ?? [])
      .map((l) => ({ id: l.id, name: l.name ?? l.id, building: l.building, route: l.route ?? null }))
      .sort(byId),
    uplinks: (s.uplinks ?? [])
      .map((u) => ({
        id: u.id,
        provider: u.provider,
        supplyLine: u.supplyLine ?? null,
        kind: u.kind ?? 'internet',
        vpn: u.vpn ?? hasCloud,
        publicIp: u.publicIp ?? null,
        cidr: u.cidr ?? null,
        fireZone: u.fireZone ?? null,
        power: u.power ?? null,
      }))
      .sort(byId),
    numberBlocks: (s.numberBlocks ?? []).map((n) => ({ id: n.id, range: n.range, provider: n.provider })).sort(byId),
    vmHosts: vmHosts.sort(byId),
    vmClusters: (s.virtualization?.clusters ?? [])
      .map((c) => ({ id: c.id, hosts: [...c.hosts].sort(), mode: c.mode, restartSeconds: c.restartSeconds ?? (c.mode === 'ft' ? 0 : 120) }))
      .sort(byId),
  };
}

/** A site's default power for one PSU: its first UPS, else its first feed. */
function defaultPsus(s: BlueprintSite): string[] {
  const ups = [...(s.power.ups ?? [])].sort(byId)[0];
  const feed = [...s.power.feeds].sort(byId)[0];
  return [ups?.id ?? feed?.id].filter((x): x is string => Boolean(x));
}

/** Fire zone of a thing placed by room or fire zone; a site with one fire zone needs neither. */
function placeInZone(
  p: { room?: string; fireZone?: string },
  ptr: string,
  rooms: Index<{ fireZone: string }>,
  zones: Index<{ building: string }>,
  s: BlueprintSite,
  { bag, locate }: Ctx,
): string {
  if (p.room !== undefined) {
    if (!rooms.check(p.room, `${ptr}/room`, ` at site '${s.id}'`)) return '';
    const zone = rooms.get(p.room)!.fireZone;
    if (p.fireZone !== undefined && p.fireZone !== zone) bag.report('PlacementMismatch', locate(`${ptr}/fireZone`), [p.room, zone, p.fireZone]);
    return zone;
  }
  if (p.fireZone !== undefined) {
    zones.check(p.fireZone, `${ptr}/fireZone`, ` at site '${s.id}'`);
    return p.fireZone;
  }
  const all = s.buildings.flatMap((b) => b.fireZones);
  if (all.length === 1) return all[0]!.id;
  bag.report('PlacementIncomplete', locate(ptr), ['placed at a site with several fire zones', 'a room or fireZone']);
  return '';
}

interface GatewayCtx {
  sites: Map<string, M.Site>;
  siteIndex: Index<BlueprintSite>;
  gateways: Index<BlueprintGateway>;
  cloud: M.Cloud | null;
  hasMonitoring: boolean;
}

function resolveGateway(g: BlueprintGateway, ptr: string, gc: GatewayCtx, ctx: Ctx): M.Gateway {
  const { bag, locate } = ctx;
  let placement: M.Placement;
  let siteId: string | null = null;
  const pl = g.placement;
  if (pl.region !== undefined || pl.az !== undefined || g.form === 'cloud') {
    if (g.form !== 'cloud') bag.report('PlacementIncomplete', locate(`${ptr}/placement`), [g.form, 'a site (region and az are for form cloud)']);
    if (pl.region === undefined || pl.az === undefined || pl.site !== undefined) {
      bag.report('PlacementIncomplete', locate(`${ptr}/placement`), ['cloud', 'region and az (and no site)']);
    } else if (!gc.cloud) bag.report('CloudWithoutCloud', locate(`${ptr}/placement`), [g.id]);
    else {
      const region = gc.cloud.regions.find((r) => r.id === pl.region);
      if (!region) bag.report('CloudRegionUnknown', locate(`${ptr}/placement/region`), ['region', pl.region]);
      else if (!region.azs.includes(pl.az)) bag.report('CloudRegionUnknown', locate(`${ptr}/placement/az`), ['AZ', pl.az]);
    }
    placement = { type: 'cloud', region: pl.region ?? '', az: pl.az ?? '' };
  } else if (pl.site === undefined) {
    bag.report('PlacementIncomplete', locate(`${ptr}/placement`), [g.form, 'a site']);
    placement = { type: 'site', site: '', building: '', fireZone: '', room: null, cluster: null };
  } else {
    siteId = pl.site;
    const ok = gc.siteIndex.check(pl.site, `${ptr}/placement/site`);
    const bs = gc.siteIndex.get(pl.site);
    const site = gc.sites.get(pl.site);
    let zone = '';
    let cluster: string | null = null;
    if (ok && bs && site) {
      const localBag = { bag, locate };
      // Dangling rooms and zones of the placement are reported; duplicates were reported with
      // the site, so only the first of each id is indexed here.
      const roomIdx = new Index<{ fireZone: string }>('room', bag, locate);
      site.rooms.forEach((r) => roomIdx.has(r.id) || roomIdx.add(r.id, r, ''));
      const zoneIdx = new Index<{ building: string }>('fire zone', bag, locate);
      site.fireZones.forEach((z) => zoneIdx.has(z.id) || zoneIdx.add(z.id, z, ''));
      if (g.form === 'virtual') {
        if (!pl.cluster) bag.report('PlacementIncomplete', locate(`${ptr}/placement`), ['virtual', 'cluster']);
        else if (!site.vmClusters.some((c) => c.id === pl.cluster)) {
          const guess = didYouMean(pl.cluster, site.vmClusters.map((c) => c.id));
          bag.report('DanglingReference', locate(`${ptr}/placement/cluster`), ['Virtualization cluster', pl.cluster, ` at site '${site.id}'`, 'virtualization cluster', guess ? `; did you mean '${guess}'?` : '']);
        } else {
          cluster = pl.cluster;
          const clusterId = pl.cluster;
          const firstHost = site.vmHosts.find((h) => h.id === site.vmClusters.find((c) => c.id === clusterId)!.hosts[0]);
          zone = pl.room || pl.fireZone ? placeInZone(pl, `${ptr}/placement`, roomIdx, zoneIdx, bs, localBag) : firstHost?.fireZone ?? '';
        }
      } else {
        zone = placeInZone(pl, `${ptr}/placement`, roomIdx, zoneIdx, bs, localBag);
      }
    }
    placement = {
      type: 'site',
      site: pl.site,
      building: site?.fireZones.find((z) => z.id === zone)?.building ?? '',
      fireZone: zone,
      room: pl.room ?? null,
      cluster,
    };
    (g.psus ?? []).forEach((p, j) => {
      if (site && ![...site.power.feeds, ...site.power.ups].some((s) => s.id === p)) {
        const guess = didYouMean(p, [...site.power.feeds, ...site.power.ups].map((x) => x.id));
        bag.report('DanglingReference', locate(`${ptr}/psus/${j}`), ['Power source', p, ` at site '${site.id}'`, 'feed or UPS', guess ? `; did you mean '${guess}'?` : '']);
      }
    });
  }
  (g.serves ?? []).forEach((s, j) => gc.siteIndex.check(s, `${ptr}/serves/${j}`));
  (g.standbyFor ?? []).forEach((sb, j) => {
    if (sb.gateway === g.id) bag.report('SelfStandby', locate(`${ptr}/standbyFor/${j}/gateway`), [g.id]);
    else gc.gateways.check(sb.gateway, `${ptr}/standbyFor/${j}/gateway`);
  });
  if (g.master === g.id) bag.report('MasterCycle', locate(`${ptr}/master`), [`${g.id} -> ${g.id}`]);
  else gc.gateways.check(g.master, `${ptr}/master`);

  const kind = g.kind ?? 'pbx';
  const isCloud = placement.type === 'cloud';
  const site = siteId ? gc.sites.get(siteId) : undefined;
  const psus =
    g.form === 'appliance' && site
      ? g.psus ?? [site.power.ups[0]?.id ?? site.power.feeds[0]?.id].filter((x): x is string => Boolean(x))
      : [];
  const defaultServes = siteId && kind === 'pbx' && !(g.standbyFor?.length) ? [siteId] : [];
  if (g.formerId !== undefined && (g.formerId === g.id || gc.gateways.has(g.formerId))) bag.report('FormerIdInUse', locate(`${ptr}/formerId`), [g.id, g.formerId]);
  return {
    id: g.id,
    path: `gateways/${g.id}`,
    formerId: g.formerId ?? null,
    name: g.name ?? g.id,
    kind,
    model: g.model ?? null,
    form: g.form,
    placement,
    psus: [...psus],
    nics: g.nics ?? 1,
    cpus: g.cpus ?? 1,
    storage: g.storage ?? 'none',
    capacity: { users: g.capacity?.users ?? null, channels: g.capacity?.channels ?? null },
    licences: { users: g.licences?.users ?? null, standby: g.licences?.standby ?? null },
    services: [...(g.services ?? (kind === 'pbx' ? DEFAULT_PBX_SERVICES : []))].sort(),
    serves: [...(g.serves ?? defaultServes)].sort(),
    standbyFor: (g.standbyFor ?? [])
      .map((sb): M.StandbyOf => {
        const mechanism = sb.detection?.mechanism ?? (isCloud ? 'dns' : 'registration');
        const d = DETECTION_DEFAULTS[mechanism];
        return {
          gateway: sb.gateway,
          mode: sb.mode,
          detection: {
            mechanism,
            probeIntervalSeconds: sb.detection?.probeIntervalSeconds ?? d.probeIntervalSeconds,
            failureThreshold: mechanism === 'vrrp' ? 3 : sb.detection?.failureThreshold ?? d.failureThreshold,
            reRegistrationSeconds: sb.detection?.reRegistrationSeconds ?? d.reRegistrationSeconds,
            dnsTtlSeconds: sb.detection?.dnsTtlSeconds ?? d.dnsTtlSeconds,
            activationMinutes: sb.detection?.activationMinutes ?? 30,
          },
          vrrp:
            mechanism === 'vrrp'
              ? { virtualIp: sb.vrrp?.virtualIp ?? null, interface: sb.vrrp?.interface ?? 'eth0', vrid: sb.vrrp?.vrid ?? defaultVrid(sb.gateway, g.id) }
              : null,
        };
      })
      .sort((a, b) => (a.gateway < b.gateway ? -1 : a.gateway > b.gateway ? 1 : 0)),
    master: g.master ?? null,
    autonomous: g.autonomous ?? true,
    address: g.address ?? null,
    sipPort: g.sipPort ?? 5060,
    configs: [...(g.configs ?? [])].sort(),
    monitored: g.monitored ?? gc.hasMonitoring,
    backup: g.backup ? { intervalHours: g.backup.intervalHours, target: g.backup.target ?? (gc.cloud ? 'cloud-bucket' : 'local') } : null,
  };
}

/** A stable VRRP virtual router id for a pair (FNV-1a of the two ids, 1..255). */
function defaultVrid(primary: string, standby: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${primary}/${standby}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % 255) + 1;
}

/**
 * Standby and master chains must end. Two gateways standing in for each other is the
 * whitepaper's option 2 (mutual standby) and is allowed; a longer standby ring, or any master
 * cycle, is an error: nobody could say which system takes over whose sites.
 */
function checkChains(gateways: readonly M.Gateway[], bp: Blueprint, { bag, locate }: Ctx): void {
  const pointerOf = new Map(bp.gateways.map((g, i) => [g.id, `/gateways/${i}`]));
  const byIdMap = new Map(gateways.map((g) => [g.id, g]));
  const standbyEdges = (id: string) => (byIdMap.get(id)?.standbyFor ?? []).map((s) => s.gateway).filter((x) => x !== id && byIdMap.has(x));
  for (const component of stronglyConnected([...byIdMap.keys()].sort(), standbyEdges)) {
    if (component.length < 3) continue;
    const first = [...component].sort()[0]!;
    bag.report('StandbyCycle', locate(`${pointerOf.get(first)}/standbyFor`), [ringText(first, component, standbyEdges)]);
  }
  const masterEdges = (id: string) => {
    const m = byIdMap.get(id)?.master;
    return m && m !== id && byIdMap.has(m) ? [m] : [];
  };
  for (const component of stronglyConnected([...byIdMap.keys()].sort(), masterEdges)) {
    if (component.length < 2) continue;
    const first = [...component].sort()[0]!;
    bag.report('MasterCycle', locate(`${pointerOf.get(first)}/master`), [ringText(first, component, masterEdges)]);
  }
}

/**
 * A cycle as the user reads it: `a -> b -> c -> a` in the direction of the references, when the
 * component is one simple ring; otherwise its members, sorted.
 */
function ringText(first: string, component: readonly string[], next: (id: string) => readonly string[]): string {
  const members = new Set(component);
  const order = [first];
  for (let id = first; ; ) {
    const inside = next(id).filter((n) => members.has(n));
    if (inside.length !== 1) break;
    id = inside[0]!;
    if (id === first) return order.length === members.size ? [...order, first].join(' -> ') : [...members].sort().join(', ');
    if (order.includes(id)) break;
    order.push(id);
  }
  return [...members].sort().join(', ');
}

/** Tarjan's strongly connected components, iterative so long chains cannot overflow the stack. */
function stronglyConnected(nodes: readonly string[], next: (id: string) => readonly string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { id: string; edges: readonly string[]; i: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: next(id), i: 0 });
    };
    open(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      if (top.i < top.edges.length) {
        const w = top.edges[top.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(top.id, Math.min(low.get(top.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!;
        low.set(parent.id, Math.min(low.get(parent.id)!, low.get(top.id)!));
      }
      if (low.get(top.id) === index.get(top.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.id);
        out.push(component);
      }
    }
  }
  return out;
}

interface TrunkCtx {
  providers: Index<Blueprint['providers'][number]>;
  siteIndex: Index<BlueprintSite>;
  sites: Map<string, M.Site>;
  gateways: Map<string, M.Gateway>;
  gatewayIndex: Index<BlueprintGateway>;
}

function resolveTrunk(t: BlueprintTrunk, ptr: string, tc: TrunkCtx, { bag, locate }: Ctx): M.Trunk {
  if (tc.providers.check(t.provider, `${ptr}/provider`)) {
    const p = tc.providers.get(t.provider)!;
    if (p.kind !== 'carrier') bag.report('ProviderKind', locate(`${ptr}/provider`), [p.id, p.kind, 'a trunk', 'carrier']);
  }
  t.gateways.forEach((g, j) => tc.gatewayIndex.check(g, `${ptr}/gateways/${j}`));
  const site = t.site ? tc.sites.get(t.site) : undefined;
  if (t.site) tc.siteIndex.check(t.site, `${ptr}/site`);
  const inSite = (list: readonly { id: string }[] | undefined, id: string | undefined, pointer: string, what: string) => {
    if (id === undefined || !site || !list) return;
    if (!list.some((x) => x.id === id)) {
      const guess = didYouMean(id, list.map((x) => x.id));
      bag.report('DanglingReference', locate(pointer), [capitalise(what), id, ` at site '${site.id}'`, what, guess ? `; did you mean '${guess}'?` : '']);
    }
  };
  inSite(site?.supplyLines, t.supplyLine, `${ptr}/supplyLine`, 'supply line');
  inSite(site?.uplinks, t.uplink, `${ptr}/uplink`, 'uplink');
  (t.numberBlocks ?? []).forEach((n, j) => {
    if (!site) bag.report('TrunkWithoutPath', locate(`${ptr}/numberBlocks/${j}`), [t.id, t.kind, 'a site to carry number blocks']);
    else inSite(site.numberBlocks, n, `${ptr}/numberBlocks/${j}`, 'number block');
  });
  const allCloud = t.gateways.every((g) => tc.gateways.get(g)?.placement.type === 'cloud');
  if (!t.site && !allCloud) bag.report('TrunkWithoutPath', locate(ptr), [t.id, t.kind, 'a site (only trunks terminating on cloud gateways have none)']);
  if ((t.kind === 'isdn-pri' || t.kind === 'isdn-bri' || t.kind === 'analog') && !t.supplyLine) {
    bag.report('TrunkWithoutPath', locate(ptr), [t.id, t.kind, 'a supplyLine']);
  }
  if (t.kind === 'sip' && t.site && !t.uplink && !allCloud) bag.report('TrunkWithoutPath', locate(ptr), [t.id, t.kind, 'an uplink']);
  const area = site?.emergency.location?.area;
  const provider = tc.providers.get(t.provider);
  // Same default as the provider's own: carriers deliver emergency calls unless they say not.
  const capable = t.emergency?.capable ?? (provider ? provider.emergencyCalls ?? provider.kind === 'carrier' : false);
  return {
    id: t.id,
    path: `trunks/${t.id}`,
    provider: t.provider,
    kind: t.kind,
    site: t.site ?? null,
    supplyLine: t.supplyLine ?? null,
    uplink: t.uplink ?? null,
    gateways: [...t.gateways].sort(),
    channels: t.channels ?? 30,
    numberBlocks: [...(t.numberBlocks ?? [])].sort(),
    emergency: { capable, areas: [...(t.emergency?.areas ?? (area ? [area] : []))].sort() },
    registrar: t.registrar ?? null,
    transport: t.transport ?? 'tls',
    credentials: t.credentials ?? null,
    cidrs: [...(t.cidrs ?? [])].sort(),
  };
}

/** Explicit services plus one implicit service per kind that gateways host. */
function resolveServices(bp: Blueprint, gateways: readonly M.Gateway[], gwIndex: Index<BlueprintGateway>, { bag, locate }: Ctx): M.Service[] {
  const explicit = (bp.services ?? []).map((s, i): M.Service => {
    (s.hosts ?? []).forEach((h, j) => gwIndex.check(h, `/services/${i}/hosts/${j}`));
    const hosts = s.hosts ?? gateways.filter((g) => g.services.includes(s.kind)).map((g) => g.id);
    if (hosts.length === 0) bag.report('ServiceNotHosted', locate(`/services/${i}`), [s.id]);
    return {
      id: s.id,
      path: `services/${s.id}`,
      kind: s.kind,
      name: s.name ?? SERVICE_LABELS[s.kind],
      hosts: [...hosts].sort(),
      requires: [...(s.requires ?? [])].sort(),
    };
  });
  const ids = new Set(explicit.map((s) => s.id));
  const kinds = new Set(explicit.map((s) => s.kind));
  const implicit = new Map<string, string[]>();
  for (const g of gateways) {
    for (const k of g.services) {
      if (ids.has(k) || kinds.has(k)) continue;
      const list = implicit.get(k) ?? [];
      list.push(g.id);
      implicit.set(k, list);
    }
  }
  const implied = [...implicit].map(([kind, hosts]): M.Service => ({
    id: kind,
    path: `services/${kind}`,
    kind: kind as M.ServiceKind,
    name: SERVICE_LABELS[kind as M.ServiceKind],
    hosts: hosts.sort(),
    requires: [],
  }));
  return [...explicit, ...implied].sort(byId);
}
