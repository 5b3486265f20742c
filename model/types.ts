// The resolved model: what a blueprint or a construct tree means once every reference is
// resolved and every default applied. Plain JSON (absent values are null, never undefined),
// deeply frozen, lists sorted by id. Analysis and every generator read only this.
import type { ScenarioClass, ServiceKind } from '../schema/blueprint.js';

export type { ScenarioClass, ServiceKind };

export const MODEL_VERSION = 1 as const;

export interface Contact {
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly role: string | null;
}

export interface OnCall {
  readonly team: string;
  readonly contacts: readonly Contact[];
  /** `24x7` or `business`. */
  readonly hours: '24x7' | 'business';
  readonly businessHours: { readonly days: 'mon-fri' | 'mon-sat' | 'mon-sun'; readonly from: string; readonly to: string };
  /** Minutes from an alert until the on-call acts, within their hours. */
  readonly responseMinutes: number;
}

export interface Deployment {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly description: string | null;
  readonly onCall: OnCall;
  readonly sla: { readonly recoveryMinutes: number; readonly backupResponsibility: string | null };
}

export interface Provider {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly kind: 'carrier' | 'isp' | 'cloud';
  readonly emergencyCalls: boolean;
  readonly rerouting: { readonly mode: 'automatic' | 'on-request' | 'none'; readonly leadTimeMinutes: number };
  readonly support: Contact | null;
}

export interface EmergencyLocation {
  readonly street: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly country: string;
  readonly area: string;
  readonly floor: string | null;
  readonly room: string | null;
}

export interface SiteEmergency {
  readonly numbers: readonly string[];
  /** null when the blueprint gives no location: then no emergency call is dispatchable. */
  readonly location: EmergencyLocation | null;
  /** True when street, postal code, city and floor are known (a dispatchable location). */
  readonly dispatchable: boolean;
  readonly notification: { readonly desk: string; readonly fireZone: string; readonly poeSwitch: string | null } | null;
  readonly testCallsPermitted: boolean;
}

export interface Building { readonly id: string; readonly name: string; readonly fireZones: readonly string[] }
export interface FireZone { readonly id: string; readonly name: string; readonly building: string }
export interface Room {
  readonly id: string;
  readonly name: string;
  readonly fireZone: string;
  readonly building: string;
  readonly cooling: readonly string[];
}
export interface CoolingUnit { readonly id: string; readonly name: string }
export interface Feed { readonly id: string; readonly name: string }
export interface Ups {
  readonly id: string;
  readonly name: string;
  readonly autonomyMinutes: number;
  readonly inputs: readonly string[];
  readonly generator: string | null;
  readonly fireZone: string | null;
}
export interface Generator { readonly id: string; readonly name: string; readonly runtimeHours: number; readonly startSeconds: number }
export interface PoeSwitch {
  readonly id: string;
  readonly fireZone: string;
  readonly building: string;
  /** Power source id (feed or UPS). */
  readonly power: string;
  readonly phones: number;
}
export interface SupplyLine { readonly id: string; readonly name: string; readonly building: string; readonly route: string | null }
export interface Uplink {
  readonly id: string;
  readonly provider: string;
  readonly supplyLine: string | null;
  readonly kind: 'internet' | 'mpls' | 'lte';
  readonly vpn: boolean;
  readonly publicIp: string | null;
  readonly cidr: string | null;
  readonly fireZone: string | null;
  readonly power: string | null;
}
export interface NumberBlock { readonly id: string; readonly range: string; readonly provider: string }
export interface VmHost {
  readonly id: string;
  readonly room: string | null;
  readonly fireZone: string;
  readonly building: string;
  readonly psus: readonly string[];
}
export interface VmCluster {
  readonly id: string;
  readonly hosts: readonly string[];
  readonly mode: 'none' | 'ha' | 'ft';
  readonly restartSeconds: number;
}

export interface Site {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly role: 'headquarters' | 'branch' | 'datacenter';
  readonly users: number;
  readonly emergency: SiteEmergency;
  /** The site's own on-call, or the deployment's. */
  readonly onCall: OnCall;
  readonly buildings: readonly Building[];
  readonly fireZones: readonly FireZone[];
  readonly rooms: readonly Room[];
  readonly cooling: readonly CoolingUnit[];
  readonly power: { readonly feeds: readonly Feed[]; readonly ups: readonly Ups[]; readonly generators: readonly Generator[] };
  readonly poeSwitches: readonly PoeSwitch[];
  readonly supplyLines: readonly SupplyLine[];
  readonly uplinks: readonly Uplink[];
  readonly numberBlocks: readonly NumberBlock[];
  readonly vmHosts: readonly VmHost[];
  readonly vmClusters: readonly VmCluster[];
}

export type Placement =
  | {
      readonly type: 'site';
      readonly site: string;
      readonly building: string;
      readonly fireZone: string;
      readonly room: string | null;
      /** Virtualization cluster for form `virtual`. */
      readonly cluster: string | null;
    }
  | { readonly type: 'cloud'; readonly region: string; readonly az: string };

export type DetectionMechanism = 'registration' | 'vrrp' | 'dns' | 'dispatcher';

export interface Detection {
  readonly mechanism: DetectionMechanism;
  readonly probeIntervalSeconds: number;
  readonly failureThreshold: number;
  readonly reRegistrationSeconds: number;
  readonly dnsTtlSeconds: number;
  readonly activationMinutes: number;
}

/** VRRP settings of a hot-standby pair whose detection mechanism is `vrrp`. */
export interface VrrpPair {
  /** IPv4 address with optional prefix length; null when the blueprint gives none. */
  readonly virtualIp: string | null;
  readonly interface: string;
  /** Virtual router id, 1..255. */
  readonly vrid: number;
}

export interface StandbyOf {
  readonly gateway: string;
  readonly mode: 'hot' | 'cold';
  readonly detection: Detection;
  /**
   * Set (non-null) by the resolver when detection.mechanism is `vrrp`, else null. Optional in
   * the type only so that models built by hand before this field existed still compile.
   */
  readonly vrrp?: VrrpPair | null;
}

export type ConfigDialect = 'kamailio' | 'keepalived' | 'prometheus';

export interface Gateway {
  readonly id: string;
  readonly path: string;
  /** The id it had before a rename (its cloud resources move rather than being replaced), or null. */
  readonly formerId: string | null;
  readonly name: string;
  readonly kind: 'pbx' | 'media-gateway' | 'sbc' | 'application-server';
  readonly model: string | null;
  readonly form: 'appliance' | 'virtual' | 'cloud';
  readonly placement: Placement;
  /** Power source id per PSU ([] for virtual and cloud gateways, which take their host's power). */
  readonly psus: readonly string[];
  readonly nics: number;
  readonly cpus: number;
  readonly storage: 'none' | 'single-disk' | 'mirrored';
  readonly capacity: { readonly users: number | null; readonly channels: number | null };
  readonly licences: { readonly users: number | null; readonly standby: number | null };
  readonly services: readonly ServiceKind[];
  /** Sites whose phones register here in normal operation. */
  readonly serves: readonly string[];
  readonly standbyFor: readonly StandbyOf[];
  readonly master: string | null;
  readonly autonomous: boolean;
  readonly address: string | null;
  readonly sipPort: number;
  readonly configs: readonly ConfigDialect[];
  readonly monitored: boolean;
  readonly backup: { readonly intervalHours: number; readonly target: 'cloud-bucket' | 'local' } | null;
}

export interface Trunk {
  readonly id: string;
  readonly path: string;
  readonly provider: string;
  readonly kind: 'sip' | 'isdn-pri' | 'isdn-bri' | 'analog' | 'mobile';
  /** Site where the trunk enters; null for a cloud trunk. */
  readonly site: string | null;
  readonly supplyLine: string | null;
  readonly uplink: string | null;
  readonly gateways: readonly string[];
  readonly channels: number;
  readonly numberBlocks: readonly string[];
  readonly emergency: { readonly capable: boolean; readonly areas: readonly string[] };
  readonly registrar: string | null;
  readonly transport: 'udp' | 'tcp' | 'tls';
  readonly credentials: string | null;
  readonly cidrs: readonly string[];
}

export interface Service {
  readonly id: string;
  readonly path: string;
  readonly kind: ServiceKind;
  readonly name: string;
  /** Gateways or application servers it runs on. */
  readonly hosts: readonly string[];
  /** Other services (ids of this list or kinds) it needs. */
  readonly requires: readonly string[];
}

export interface ScenarioSpec {
  readonly class: ScenarioClass;
  /** For power-outage: minutes the mains are out; null otherwise. */
  readonly durationMinutes: number | null;
}

export interface Policy {
  readonly id: string;
  readonly path: string;
  readonly description: string | null;
  readonly services: readonly ServiceKind[];
  readonly sites: readonly string[];
  readonly scenarios: readonly ScenarioSpec[];
  readonly maxSwitchoverSeconds: number | null;
  readonly automatic: boolean;
  readonly backupRpoHours: number | null;
  readonly owner: string | null;
}

export interface Monitoring {
  readonly snmp: { readonly version: 'v3'; readonly credentials: string; readonly manager: string } | null;
  readonly alertEmails: readonly string[];
  readonly syslog: { readonly host: string; readonly port: number } | null;
  readonly configChangeLogging: boolean;
  readonly prometheus: boolean;
}

export interface CloudRegion { readonly id: string; readonly azs: readonly string[]; readonly vpcCidr: string }

export interface Cloud {
  readonly provider: string;
  readonly account: string;
  readonly regions: readonly CloudRegion[];
  readonly dnsZone: string | null;
  readonly backupBucket: string | null;
  readonly adminCidrs: readonly string[];
  readonly instanceType: string;
  readonly imageSsmParameter: string;
  readonly stateBackend: { readonly bucket: string; readonly region: string; readonly lockTable: string | null } | null;
}

export interface Acknowledgement {
  readonly rule: string;
  readonly target: string;
  readonly reason: string;
  readonly owner: string;
  /** YYYY-MM-DD; the finding shows again after this day. */
  readonly expires: string;
}

export interface Model {
  readonly version: typeof MODEL_VERSION;
  readonly deployment: Deployment;
  readonly providers: readonly Provider[];
  readonly sites: readonly Site[];
  readonly gateways: readonly Gateway[];
  readonly trunks: readonly Trunk[];
  readonly services: readonly Service[];
  readonly policies: readonly Policy[];
  readonly monitoring: Monitoring;
  readonly cloud: Cloud | null;
  readonly acknowledgements: readonly Acknowledgement[];
}
