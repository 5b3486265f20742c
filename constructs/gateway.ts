// Gateways: PBXs, media gateways, SBCs and application servers, with their placement, hardware,
// capacity, licences, services and their roles (primary, hot/cold standby, master/slave).
import type { Construct, IConstruct } from 'constructs';
import type { FireZone, Room } from './building.js';
import type { PowerOutlet } from './power.js';
import { KIND, RbcConstruct, checkRef, checkRefs, compact, enclosing, idOf, idsOf, kindOf, list, requireEnclosing, type Ref } from './private/base.js';
import type { BGateway, BStandbyOf, RenderContext } from './private/synth.js';
import type { ServiceKind } from '../schema/blueprint.js';
import type { Site } from './site.js';
import type { VmCluster } from './virtualization.js';

/** Where a gateway runs: site (+ room or fire zone, or cluster) for appliances and VMs; region + az for cloud instances. */
export interface GatewayPlacement {
  /** Site, for appliances and virtual gateways. @default the site the gateway is created in */
  readonly site?: Ref<Site>;
  /** Room at the site. @default none */
  readonly room?: Room;
  /** Fire zone at the site (follows from the room when a room is given; may be left out at a site with one fire zone). @default the room's fire zone */
  readonly fireZone?: FireZone;
  /** Virtualization cluster at the site, for form `virtual`. @default none */
  readonly cluster?: VmCluster;
  /** Cloud region, e.g. eu-central-1, for form `cloud`. @default none */
  readonly region?: string;
  /** Availability zone, e.g. eu-central-1a, for form `cloud`. @default none */
  readonly az?: string;
}

/** How fast a standby takes over. */
export interface StandbyDetection {
  /** How the failure is detected and traffic moved: `registration` (phones re-register to the standby), `vrrp` (virtual IP, keepalived), `dns` (Route 53 failover records), `dispatcher` (a SIP edge probing with OPTIONS). @default 'registration' ('dns' for cloud gateways) */
  readonly mechanism?: 'registration' | 'vrrp' | 'dns' | 'dispatcher';
  /** Seconds between probes (VRRP advert interval for vrrp; Route 53 allows only 10 or 30). @default 5 (1 for vrrp, 10 for dns) */
  readonly probeIntervalSeconds?: number;
  /** Failed probes before the primary is declared dead (vrrp: always 3). @default 3 */
  readonly failureThreshold?: number;
  /** Seconds phones and trunks need to register at the standby. @default 30 (0 for vrrp and dispatcher) */
  readonly reRegistrationSeconds?: number;
  /** TTL in seconds of failover DNS records, for dns. @default 60 */
  readonly dnsTtlSeconds?: number;
  /** Minutes of manual work to activate a cold standby once the on-call acts. @default 30 */
  readonly activationMinutes?: number;
}

/** The VRRP (keepalived) settings of a hot-standby pair with detection mechanism vrrp. */
export interface StandbyVrrp {
  /** Virtual IPv4 address the pair shares, with an optional prefix length, e.g. 10.10.0.10/24; phones and trunks use it. @default none (no keepalived config is generated for the pair) */
  readonly virtualIp?: string;
  /** Network interface carrying the VRRP adverts and the virtual IP on both members. @default 'eth0' */
  readonly interface?: string;
  /** VRRP virtual router id (1-255), unique per LAN. @default derived from the two gateway ids (set it when several pairs share a LAN) */
  readonly vrid?: number;
}

/** A standby relation: this gateway takes over the sites of another when it fails. */
export interface StandbyOf {
  /** The gateway this one stands in for (the construct or its id). */
  readonly gateway: Ref<Gateway>;
  /** `hot`: runs in parallel and takes over automatically; `cold`: activated by hand by the on-call. */
  readonly mode: 'hot' | 'cold';
  /** How fast the standby takes over. @default the mechanism's defaults */
  readonly detection?: StandbyDetection;
  /** VRRP settings of the pair, for detection mechanism vrrp. @default none */
  readonly vrrp?: StandbyVrrp;
}

/** Capacity of a gateway. */
export interface GatewayCapacity {
  /** Users it can carry. @default unlimited */
  readonly users?: number;
  /** Simultaneous calls. @default unlimited */
  readonly channels?: number;
}

/** Licences of a gateway. */
export interface GatewayLicences {
  /** User licences. @default none declared */
  readonly users?: number;
  /** Standby licences (users it may carry as a standby). @default none declared */
  readonly standby?: number;
}

/** Automated configuration backup. */
export interface GatewayBackup {
  /** Hours between configuration backups. */
  readonly intervalHours: number;
  /** Where the backups go. @default 'cloud-bucket' when the deployment has a cloud, else 'local' */
  readonly target?: 'cloud-bucket' | 'local';
}

export interface GatewayProps {
  /** The id it had before a rename: its cloud resources move to the new id instead of being replaced. @default none */
  readonly formerId?: string;
  /** Name. @default the id */
  readonly name?: string;
  /** What the device is. @default 'pbx' */
  readonly kind?: 'pbx' | 'media-gateway' | 'sbc' | 'application-server';
  /** Vendor model, e.g. "innovaphone IP811". @default none */
  readonly model?: string;
  /** Hardware appliance, VM on a cluster, or cloud instance. */
  readonly form: 'appliance' | 'virtual' | 'cloud';
  /** Where the gateway runs. @default the site the gateway is created in (enough at a site with one fire zone) */
  readonly placement?: GatewayPlacement;
  /** Power source of each power supply (appliances only). @default one PSU on the site's first UPS, else its first feed */
  readonly psus?: readonly PowerOutlet[];
  /** Network interfaces on separate switches. @default 1 */
  readonly nics?: number;
  /** CPUs. @default 1 */
  readonly cpus?: number;
  /** `none` (flash, no loose parts), `single-disk` or `mirrored` (RAID 1). @default 'none' */
  readonly storage?: 'none' | 'single-disk' | 'mirrored';
  /** Capacity in users and simultaneous calls. @default unlimited */
  readonly capacity?: GatewayCapacity;
  /** User and standby licences. @default none declared */
  readonly licences?: GatewayLicences;
  /** Services it hosts. @default internal, incoming, outbound, emergency for a pbx; none otherwise */
  readonly services?: readonly ServiceKind[];
  /** Sites whose phones register here in normal operation. @default its own site, or [] for a pure standby or a cloud gateway */
  readonly serves?: readonly Ref<Site>[];
  /** Gateways this one stands in for (more can be added with addStandbyFor). @default [] */
  readonly standbyFor?: readonly StandbyOf[];
  /** Master gateway (the whitepaper's master/slave systems): this one is its slave. @default none */
  readonly master?: Ref<Gateway>;
  /** For a slave: keeps working on its own when the master is unreachable. @default true */
  readonly autonomous?: boolean;
  /** Management/SIP address: host name, IPv4 or IPv6 address. @default none */
  readonly address?: string;
  /** SIP port (TCP/UDP). @default 5060 */
  readonly sipPort?: number;
  /** Device config dialects to generate for it. @default [] (device.json only) */
  readonly configs?: readonly ('kamailio' | 'keepalived' | 'prometheus')[];
  /** Whether monitoring watches it (SNMP/probes with alerts). @default true when the deployment has monitoring */
  readonly monitored?: boolean;
  /** Automated configuration backup. @default none */
  readonly backup?: GatewayBackup;
}

/**
 * A PBX, media gateway, SBC or application server. Created inside a Site it is placed at that
 * site; a cloud gateway is created outside any site and placed by region and AZ.
 */
export class Gateway extends RbcConstruct {
  static isGateway(x: unknown): x is Gateway {
    return kindOf(x) === 'gateway';
  }

  readonly [KIND] = 'gateway' as const;
  readonly modelPath: string;
  private readonly standbys: StandbyOf[];

  constructor(scope: Construct, id: string, readonly props: GatewayProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Gateway '${id}'`);
    this.modelPath = `gateways/${this.node.id}`;
    this.standbys = [...(props.standbyFor ?? [])];
    this.node.addValidation({ validate: () => this.validateGateway() });
  }

  /** Makes this gateway a hot or cold standby for another. */
  addStandbyFor(standby: StandbyOf): void {
    this.standbys.push(standby);
  }

  /** The standby relations, from props and addStandbyFor. */
  get standbyFor(): readonly StandbyOf[] {
    return [...this.standbys];
  }

  /** The site construct the gateway is placed at, if it is in this deployment's tree. */
  get site(): Site | undefined {
    const scopeSite = enclosing(this, 'site') as Site | undefined;
    const given = this.props.placement?.site;
    if (given === undefined) return this.props.form === 'cloud' ? undefined : scopeSite;
    if (typeof given !== 'string') return given;
    return this.node.root.node.findAll().find((c): c is Site => kindOf(c) === 'site' && c.node.id === given);
  }

  private validateGateway(): string[] {
    const p = this.props;
    const pl = p.placement ?? {};
    const errors: string[] = [];
    const scopeSite = enclosing(this, 'site');
    if (p.form === 'cloud') {
      if (scopeSite) errors.push(`a cloud gateway runs in a cloud region, not at site '${scopeSite.node.id}': create it outside the site and give placement.region and placement.az`);
    } else if (pl.site !== undefined) {
      errors.push(...checkRef(this, pl.site, { field: 'placement.site', kinds: ['site'] }));
      if (scopeSite && idOf(pl.site) !== scopeSite.node.id) {
        errors.push(`placement.site is '${idOf(pl.site)}', but the gateway is created in site '${scopeSite.node.id}': leave placement.site out or create the gateway elsewhere`);
      }
    }
    const site = this.site;
    const local = (field: string, ref: IConstruct | undefined, kinds: Parameters<typeof checkRef>[2]['kinds']) =>
      ref === undefined ? [] : checkRef(this, ref, { field, kinds, site });
    errors.push(
      ...local('placement.room', pl.room, ['room']),
      ...local('placement.fireZone', pl.fireZone, ['fire-zone']),
      ...local('placement.cluster', pl.cluster, ['vm-cluster']),
      ...checkRefs(this, p.psus, { field: 'psus', kinds: ['feed', 'ups'], site }),
    );
    if (p.psus !== undefined && p.form !== 'appliance') {
      errors.push(`psus apply to appliances only: a ${p.form} gateway takes its power from ${p.form === 'virtual' ? 'its cluster\'s hosts' : 'its availability zone'}`);
    }
    this.standbys.forEach((sb, i) => {
      if (sb?.gateway === undefined || sb.gateway === null || sb.gateway === '') {
        errors.push(`standbyFor[${i}]: a ${sb?.mode ?? 'hot or cold'} standby must name the gateway it stands in for`);
      } else {
        errors.push(...checkRef(this, sb.gateway, { field: `standbyFor[${i}].gateway`, kinds: ['gateway'] }));
      }
    });
    if (p.master !== undefined) errors.push(...checkRef(this, p.master, { field: 'master', kinds: ['gateway'] }));
    errors.push(...checkRefs(this, p.serves, { field: 'serves', kinds: ['site'] }));
    return errors;
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BGateway {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    const pl = p.placement ?? {};
    const scopeSite = enclosing(this, 'site');
    const site = pl.site !== undefined ? idOf(pl.site) : p.form !== 'cloud' ? scopeSite?.node.id : undefined;
    return compact({
      id: this.node.id,
      formerId: p.formerId,
      name: p.name,
      kind: p.kind,
      model: p.model,
      form: p.form,
      placement: compact({ site, room: idOf(pl.room), fireZone: idOf(pl.fireZone), cluster: idOf(pl.cluster), region: pl.region, az: pl.az }),
      psus: idsOf(p.psus),
      nics: p.nics,
      cpus: p.cpus,
      storage: p.storage,
      capacity: p.capacity ? compact({ users: p.capacity.users, channels: p.capacity.channels }) : undefined,
      licences: p.licences ? compact({ users: p.licences.users, standby: p.licences.standby }) : undefined,
      services: list(p.services),
      serves: idsOf(p.serves),
      standbyFor: p.standbyFor !== undefined || this.standbys.length > 0 ? this.standbys.map(renderStandby) : undefined,
      master: idOf(p.master),
      autonomous: p.autonomous,
      address: p.address,
      sipPort: p.sipPort,
      configs: list(p.configs),
      monitored: p.monitored,
      backup: p.backup ? compact({ intervalHours: p.backup.intervalHours, target: p.backup.target }) : undefined,
    });
  }
}

function renderStandby(sb: StandbyOf): BStandbyOf {
  const d = sb.detection;
  return compact({
    gateway: idOf(sb.gateway)!,
    mode: sb.mode,
    detection: d
      ? compact({
          mechanism: d.mechanism,
          probeIntervalSeconds: d.probeIntervalSeconds,
          failureThreshold: d.failureThreshold,
          reRegistrationSeconds: d.reRegistrationSeconds,
          dnsTtlSeconds: d.dnsTtlSeconds,
          activationMinutes: d.activationMinutes,
        })
      : undefined,
    vrrp: sb.vrrp ? compact({ virtualIp: sb.vrrp.virtualIp, interface: sb.vrrp.interface, vrid: sb.vrrp.vrid }) : undefined,
  });
}
