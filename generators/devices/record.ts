// The neutral device record: everything a provisioning system needs to configure one gateway,
// as out/devices/<site>/<gateway>/device.json (documented by schema/device.schema.json). Every
// value is checked here; the dialect configs are rendered from this record only, so nothing
// from the model reaches a config without passing these checks.
import type { Detection, Gateway, Model, OnCall, StandbyOf, Trunk } from '../../model/types.js';
import { coldStandbyParts, hotStandbyParts } from '../../analysis/switchover.js';
import { Kinds, numberIn, oneOf, type ValueChecker } from './safe.js';
import type { ChainRole, Topology } from './topology.js';

export const DEVICE_RECORD_VERSION = 1 as const;

export type DeviceRole = 'primary' | 'hot-standby' | 'cold-standby' | 'edge' | 'standalone';

export interface SwitchoverPrediction {
  readonly seconds: number;
  readonly automatic: boolean;
  readonly parts: readonly { readonly label: string; readonly seconds: number }[];
}

export interface StandbyRelationRecord {
  readonly gateway: string;
  readonly mode: 'hot' | 'cold';
  readonly detection: Detection;
  readonly vrrp: { readonly virtualIp: string | null; readonly interface: string; readonly vrid: number } | null;
  /** The switchover rbc predicts for this relation (the formula the analysis uses). */
  readonly predictedSwitchover: SwitchoverPrediction;
}

export interface TrunkRecord {
  readonly id: string;
  readonly provider: string;
  readonly kind: Trunk['kind'];
  readonly registrar: string | null;
  /** SIP transport (null for ISDN, analog and mobile trunks). */
  readonly transport: Trunk['transport'] | null;
  readonly channels: number;
  readonly numberBlocks: readonly { readonly id: string; readonly range: string }[];
  readonly emergency: { readonly capable: boolean; readonly areas: readonly string[] };
  /** A reference resolved on the device (aws-sm:, ssm:, env:), never the secret. */
  readonly credentialsRef: string | null;
}

export interface EmergencyRecord {
  readonly site: string;
  readonly numbers: readonly string[];
  readonly area: string | null;
  readonly dispatchable: boolean;
  /** Trunks of this device that may carry the site's emergency calls. */
  readonly trunks: readonly string[];
}

export interface EdgeDestination {
  readonly gateway: string;
  readonly role: ChainRole;
  readonly address: string;
  readonly sipPort: number;
  /** Dispatcher priority: higher is tried first. */
  readonly priority: number;
  /** Whether it terminates an emergency-capable trunk valid for every site the edge fronts. */
  readonly emergency: boolean;
}

export interface EdgeRecord {
  readonly sites: readonly string[];
  readonly emergencyNumbers: readonly string[];
  /** False when no destination can place the sites' emergency calls (they go to the normal set). */
  readonly emergencyRouted: boolean;
  readonly probe: { readonly intervalSeconds: number; readonly failureThreshold: number };
  readonly destinations: readonly EdgeDestination[];
}

export interface DeviceRecord {
  readonly rbcDevice: typeof DEVICE_RECORD_VERSION;
  readonly deployment: string;
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly kind: Gateway['kind'];
  readonly model: string | null;
  readonly form: Gateway['form'];
  readonly role: DeviceRole;
  readonly placement: Gateway['placement'];
  readonly network: { readonly address: string | null; readonly sipPort: number };
  readonly power: readonly { readonly source: string; readonly kind: 'feed' | 'ups'; readonly autonomyMinutes: number | null }[];
  readonly services: readonly string[];
  readonly serves: readonly string[];
  readonly standbyFor: readonly StandbyRelationRecord[];
  readonly standbys: readonly { readonly gateway: string; readonly mode: 'hot' | 'cold'; readonly mechanism: Detection['mechanism'] }[];
  readonly master: string | null;
  readonly slaves: readonly string[];
  readonly autonomous: boolean;
  readonly trunks: readonly TrunkRecord[];
  readonly emergency: readonly EmergencyRecord[];
  readonly monitoring: {
    readonly monitored: boolean;
    readonly snmp: { readonly version: 'v3'; readonly manager: string; readonly credentialsRef: string } | null;
    readonly syslog: { readonly host: string; readonly port: number } | null;
    readonly alertEmails: readonly string[];
    readonly configChangeLogging: boolean;
    readonly prometheus: boolean;
  };
  readonly backup: { readonly intervalHours: number; readonly target: 'cloud-bucket' | 'local' } | null;
  readonly configs: readonly Gateway['configs'][number][];
  readonly edge: EdgeRecord | null;
  /** Files generated beside device.json, relative to its folder, sorted. */
  readonly files: readonly { readonly dialect: string; readonly path: string }[];
}

const DETECTION = {
  mechanism: oneOf(['registration', 'vrrp', 'dns', 'dispatcher'] as const),
  probe: numberIn(0.1, 3600, 'seconds'),
  threshold: numberIn(1, 10, '', true),
  seconds: numberIn(0, 86400, 'seconds'),
  minutes: numberIn(0, 525600, 'minutes'),
};

/** Builds the checked record of one gateway; undefined when any value is unsafe. */
export class RecordBuilder {
  private readonly trunkCache = new Map<string, TrunkRecord | null>();
  private readonly monitoring: DeviceRecord['monitoring'];
  /** Whether the deployment-wide values (deployment id, monitoring) passed. */
  private readonly sharedOk: boolean;

  constructor(
    private readonly model: Model,
    private readonly topo: Topology,
    private readonly checker: ValueChecker,
  ) {
    const m = checker.mark();
    checker.check(model.deployment.id, Kinds.id, 'deployment/id');
    this.monitoring = this.buildMonitoring();
    this.sharedOk = !checker.failedSince(m);
  }

  build(g: Gateway): DeviceRecord | undefined {
    const c = this.checker;
    const mark = c.mark();
    if (!this.sharedOk) c.taint();
    const p = g.path;
    c.check(g.id, Kinds.id, `${p}/id`);
    c.check(g.name, Kinds.text, `${p}/name`);
    c.optional(g.model, Kinds.text, `${p}/model`);
    c.check(g.kind, oneOf(['pbx', 'media-gateway', 'sbc', 'application-server']), `${p}/kind`);
    c.check(g.form, oneOf(['appliance', 'virtual', 'cloud']), `${p}/form`);
    this.checkPlacement(g);
    c.optional(g.address, Kinds.host, `${p}/address`);
    c.check(g.sipPort, Kinds.port, `${p}/sipPort`);
    c.list(g.services, oneOf(SERVICE_KINDS), `${p}/services`);
    c.list(g.serves, Kinds.id, `${p}/serves`);
    c.optional(g.master, Kinds.id, `${p}/master`);
    c.list(g.configs, oneOf(['kamailio', 'keepalived', 'prometheus']), `${p}/configs`);
    c.list(g.psus, Kinds.id, `${p}/psus`);
    if (g.backup) {
      c.check(g.backup.intervalHours, numberIn(0.1, 8760, 'hours'), `${p}/backup/intervalHours`);
      c.check(g.backup.target, oneOf(['cloud-bucket', 'local']), `${p}/backup/target`);
    }
    const standbyFor = g.standbyFor.map((r) => this.relation(g, r));
    const trunks = (this.topo.trunksOf.get(g.id) ?? []).map((t) => this.trunk(t));
    const emergency = this.emergency(g);
    const edge = g.configs.includes('kamailio') ? this.edge(g) : null;
    if (c.failedSince(mark)) return undefined;

    const site = g.placement.type === 'site' ? this.topo.siteById.get(g.placement.site) : undefined;
    const power = g.psus.map((id) => {
      const ups = site?.power.ups.find((u) => u.id === id);
      return ups ? { source: id, kind: 'ups' as const, autonomyMinutes: ups.autonomyMinutes } : { source: id, kind: 'feed' as const, autonomyMinutes: null };
    });
    return {
      rbcDevice: DEVICE_RECORD_VERSION,
      deployment: this.model.deployment.id,
      id: g.id,
      path: g.path,
      name: g.name,
      kind: g.kind,
      model: g.model,
      form: g.form,
      role: this.role(g),
      placement: g.placement.type === 'site' ? { ...g.placement } : { ...g.placement },
      network: { address: g.address, sipPort: g.sipPort },
      power,
      services: [...g.services],
      serves: [...g.serves],
      standbyFor: standbyFor as StandbyRelationRecord[],
      standbys: (this.topo.standbysOf.get(g.id) ?? [])
        .map(({ standby, relation }) => ({ gateway: standby.id, mode: relation.mode, mechanism: relation.detection.mechanism }))
        .sort((a, b) => cmp(a.gateway, b.gateway)),
      master: g.master,
      slaves: [...(this.topo.slavesOf.get(g.id) ?? [])].sort(),
      autonomous: g.autonomous,
      trunks: (trunks as TrunkRecord[]).sort((a, b) => cmp(a.id, b.id)),
      emergency,
      monitoring: { ...this.monitoring!, monitored: g.monitored },
      backup: g.backup ? { ...g.backup } : null,
      configs: [...g.configs],
      edge,
      files: [],
    };
  }

  private role(g: Gateway): DeviceRole {
    if (g.configs.includes('kamailio') || g.kind === 'sbc') return 'edge';
    if (g.serves.length > 0 || (this.topo.standbysOf.get(g.id)?.length ?? 0) > 0) return 'primary';
    if (g.standbyFor.some((r) => r.mode === 'hot')) return 'hot-standby';
    if (g.standbyFor.length > 0) return 'cold-standby';
    return 'standalone';
  }

  private checkPlacement(g: Gateway): void {
    const c = this.checker;
    const p = `${g.path}/placement`;
    if (g.placement.type === 'site') {
      c.check(g.placement.site, Kinds.id, `${p}/site`);
      c.check(g.placement.building, Kinds.id, `${p}/building`);
      c.check(g.placement.fireZone, Kinds.id, `${p}/fireZone`);
      c.optional(g.placement.room, Kinds.id, `${p}/room`);
      c.optional(g.placement.cluster, Kinds.id, `${p}/cluster`);
    } else if (g.placement.type === 'cloud') {
      c.check(g.placement.region, Kinds.region, `${p}/region`);
      c.check(g.placement.az, Kinds.az, `${p}/az`);
    } else {
      c.fail(p, describeType(g.placement), 'device', 'a site or cloud placement');
    }
  }

  private relation(g: Gateway, r: StandbyOf): StandbyRelationRecord {
    const c = this.checker;
    const p = `${g.path}/standbyFor/${r.gateway}`;
    c.check(r.gateway, Kinds.id, `${p}/gateway`);
    c.check(r.mode, oneOf(['hot', 'cold']), `${p}/mode`);
    const d = r.detection;
    c.check(d.mechanism, DETECTION.mechanism, `${p}/detection/mechanism`);
    c.check(d.probeIntervalSeconds, DETECTION.probe, `${p}/detection/probeIntervalSeconds`);
    c.check(d.failureThreshold, DETECTION.threshold, `${p}/detection/failureThreshold`);
    c.check(d.reRegistrationSeconds, DETECTION.seconds, `${p}/detection/reRegistrationSeconds`);
    c.check(d.dnsTtlSeconds, DETECTION.seconds, `${p}/detection/dnsTtlSeconds`);
    c.check(d.activationMinutes, DETECTION.minutes, `${p}/detection/activationMinutes`);
    const vrrp = r.vrrp ?? null;
    if (vrrp) {
      c.optional(vrrp.virtualIp, Kinds.virtualIp, `${p}/vrrp/virtualIp`);
      c.check(vrrp.interface, Kinds.interface, `${p}/vrrp/interface`);
      c.check(vrrp.vrid, Kinds.vrid, `${p}/vrrp/vrid`);
    }
    const parts = r.mode === 'hot' ? hotStandbyParts(d) : this.worstColdParts(r);
    const seconds = round(parts.reduce((s, x) => s + x.seconds, 0));
    return {
      gateway: r.gateway,
      mode: r.mode,
      detection: { ...d },
      vrrp: vrrp ? { virtualIp: vrrp.virtualIp, interface: vrrp.interface, vrid: vrrp.vrid } : null,
      predictedSwitchover: { seconds, automatic: r.mode === 'hot', parts },
    };
  }

  /**
   * A cold standby waits for the on-call of the site it takes over (as in the analysis); over the
   * sites the primary serves, the slowest.
   */
  private worstColdParts(r: StandbyOf): { label: string; seconds: number }[] {
    const primary = this.topo.gatewayById.get(r.gateway);
    const sites = primary ? (primary.serves.length > 0 ? primary.serves : primary.placement.type === 'site' ? [primary.placement.site] : []) : [];
    const onCalls: OnCall[] = sites.map((id) => this.topo.siteById.get(id)?.onCall ?? this.model.deployment.onCall);
    if (onCalls.length === 0) onCalls.push(this.model.deployment.onCall);
    const total = (parts: { seconds: number }[]) => parts.reduce((sum, p) => sum + p.seconds, 0);
    return onCalls.map((o) => coldStandbyParts(r.detection, o)).reduce((worst, parts) => (total(parts) > total(worst) ? parts : worst));
  }

  /** A trunk's record, checked once per compile however many gateways terminate it. */
  private trunk(t: Trunk): TrunkRecord | null {
    if (this.trunkCache.has(t.id)) {
      const cached = this.trunkCache.get(t.id)!;
      if (!cached) this.checker.taint();
      return cached;
    }
    const c = this.checker;
    const mark = c.mark();
    const p = t.path;
    c.check(t.id, Kinds.id, `${p}/id`);
    c.check(t.provider, Kinds.id, `${p}/provider`);
    c.check(t.kind, oneOf(['sip', 'isdn-pri', 'isdn-bri', 'analog', 'mobile']), `${p}/kind`);
    c.optional(t.registrar, Kinds.host, `${p}/registrar`);
    c.check(t.transport, oneOf(['udp', 'tcp', 'tls']), `${p}/transport`);
    c.check(t.channels, numberIn(0, 10_000_000, 'channels', true), `${p}/channels`);
    c.optional(t.credentials, Kinds.secretRef, `${p}/credentials`);
    c.list(t.emergency.areas, Kinds.area, `${p}/emergency/areas`);
    c.check(t.emergency.capable, BOOLEAN, `${p}/emergency/capable`);
    c.list(t.numberBlocks, Kinds.id, `${p}/numberBlocks`);
    const site = t.site ? this.topo.siteById.get(t.site) : undefined;
    const blocks = t.numberBlocks.flatMap((id) => {
      const block = site?.numberBlocks.find((b) => b.id === id);
      if (!block || c.check(block.range, Kinds.numberRange, `sites/${site!.id}/number-blocks/${id}/range`) === undefined) return [];
      return [{ id, range: block.range }];
    });
    const record: TrunkRecord | null = c.failedSince(mark)
      ? null
      : {
          id: t.id,
          provider: t.provider,
          kind: t.kind,
          registrar: t.registrar,
          transport: t.kind === 'sip' ? t.transport : null,
          channels: t.channels,
          numberBlocks: blocks,
          emergency: { capable: t.emergency.capable && this.topo.providerById.get(t.provider)?.emergencyCalls !== false, areas: [...t.emergency.areas].sort() },
          credentialsRef: t.credentials,
        };
    this.trunkCache.set(t.id, record);
    return record;
  }

  /** Emergency routing for every site this device may carry (its own, and those it stands in for). */
  private emergency(g: Gateway): EmergencyRecord[] {
    const sites = new Set<string>(g.serves);
    const seen = new Set<string>([g.id]);
    const work = g.standbyFor.map((r) => r.gateway);
    while (work.length > 0) {
      const id = work.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const primary = this.topo.gatewayById.get(id);
      if (!primary) continue;
      for (const s of primary.serves) sites.add(s);
      for (const r of primary.standbyFor) work.push(r.gateway);
    }
    if (g.configs.includes('kamailio')) for (const s of this.topo.edgeSites(g)) sites.add(s);
    const trunks = this.topo.trunksOf.get(g.id) ?? [];
    return [...sites].sort().flatMap((id) => {
      const site = this.topo.siteById.get(id);
      if (!site) return [];
      const c = this.checker;
      c.list(site.emergency.numbers, Kinds.emergencyNumber, `sites/${id}/emergency/numbers`);
      const area = site.emergency.location?.area ?? null;
      c.optional(area, Kinds.area, `sites/${id}/emergency/location/area`);
      return [{
        site: id,
        numbers: [...site.emergency.numbers].sort(),
        area,
        dispatchable: site.emergency.dispatchable,
        trunks: trunks.filter((t) => this.topo.emergencyValid(t, area)).map((t) => t.id).sort(),
      }];
    });
  }

  private edge(g: Gateway): EdgeRecord {
    const c = this.checker;
    const chain = this.topo.edgeChain(g);
    const sites = this.topo.edgeSites(g);
    const areas = sites.map((s) => this.topo.siteById.get(s)?.emergency.location?.area ?? null);
    const probe = this.topo.edgeProbe(chain);
    const destinations = chain.map((m, i): EdgeDestination => {
      const d = m.gateway;
      c.check(d.address, Kinds.host, `${d.path}/address`, 'kamailio');
      c.check(d.sipPort, Kinds.port, `${d.path}/sipPort`, 'kamailio');
      const trunks = this.topo.trunksOf.get(d.id) ?? [];
      const emergency = areas.length > 0 && areas.every((area) => trunks.some((t) => this.topo.emergencyValid(t, area)));
      return { gateway: d.id, role: m.role, address: d.address ?? '', sipPort: d.sipPort, priority: (chain.length - i) * 10, emergency };
    });
    const numbers = new Set<string>();
    for (const s of sites) for (const n of this.topo.siteById.get(s)?.emergency.numbers ?? []) numbers.add(n);
    return {
      sites,
      emergencyNumbers: [...numbers].sort(),
      emergencyRouted: destinations.some((d) => d.emergency),
      probe: { intervalSeconds: probe.probeIntervalSeconds, failureThreshold: probe.failureThreshold },
      destinations,
    };
  }

  private buildMonitoring(): DeviceRecord['monitoring'] {
    const m = this.model.monitoring;
    const c = this.checker;
    if (m.snmp) {
      c.check(m.snmp.manager, Kinds.host, 'monitoring/snmp/manager');
      c.check(m.snmp.credentials, Kinds.secretRef, 'monitoring/snmp/credentials');
    }
    if (m.syslog) {
      c.check(m.syslog.host, Kinds.host, 'monitoring/syslog/host');
      c.check(m.syslog.port, Kinds.port, 'monitoring/syslog/port');
    }
    c.list(m.alertEmails, Kinds.email, 'monitoring/alertEmails');
    return {
      monitored: false,
      snmp: m.snmp ? { version: 'v3', manager: m.snmp.manager, credentialsRef: m.snmp.credentials } : null,
      syslog: m.syslog ? { host: m.syslog.host, port: m.syslog.port } : null,
      alertEmails: [...m.alertEmails].sort(),
      configChangeLogging: m.configChangeLogging,
      prometheus: m.prometheus,
    };
  }
}

const SERVICE_KINDS = [
  'internal', 'incoming', 'outbound', 'emergency', 'operator-desk', 'call-centre-telephony', 'call-centre-chat',
  'call-centre-email', 'cti', 'video', 'application-sharing', 'fax', 'presence', 'crm', 'erp', 'trouble-ticket', 'alerting', 'other',
] as const;

const BOOLEAN = { description: 'true or false', test: (v: unknown) => typeof v === 'boolean' };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (n: number) => Math.round(n * 1000) / 1000;
const describeType = (v: unknown) => JSON.stringify(v)?.slice(0, 40) ?? String(v);
