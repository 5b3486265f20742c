// The cloud plan: everything the Terraform stacks contain, derived from the model as plain data.
// No cdktf here: the plan is cheap to compute and test, and the stack builders only translate it
// into resources. Every list is sorted by id so that the output is stable.
import type { Detection, Gateway, Model, Site, Trunk } from '../../model/types.js';
import { createDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import { cidrSubnet, contains, formatCidr, formatIpv4, isPublicIpv4, normaliseCidrs, parseCidr, summariseCidrs } from './cidr.js';
import { awsName, fnv1a, regionStackName, SHARED_STACK, siteStackName, trunkStackName } from './names.js';

/** SIP over TLS. The plain SIP port is the gateway's sipPort (default 5060). */
export const SIP_TLS_PORT = 5061;
/** RTP/SRTP media ports the gateway images are configured with. */
export const MEDIA_PORTS = { from: 10000, to: 20000 } as const;
/** Management ports opened to cloud.adminCidrs only. */
export const MANAGEMENT_PORTS = [
  { port: 22, protocol: 'tcp', label: 'SSH' },
  { port: 443, protocol: 'tcp', label: 'HTTPS administration' },
] as const;
/** Route 53 allows only these request intervals. */
export const ROUTE53_INTERVALS = [10, 30] as const;
/** Route 53 health checkers that probe the gateways (at least three regions). */
export const HEALTH_CHECKER_REGIONS = ['ap-southeast-1', 'eu-west-1', 'us-east-1'] as const;
/** Route 53 health-check metrics exist only in us-east-1, so their alarms and topic live there. */
export const ROUTE53_METRICS_REGION = 'us-east-1';
/** More network entries than this per rule set are summarised (security group and route quotas). */
export const MAX_EXACT_NETWORKS = 20;
/** Days AWS Backup keeps recovery points. */
export const BACKUP_RETENTION_DAYS = 35;
/** Days S3 keeps non-current versions of configuration backups. */
export const CONFIG_VERSION_RETENTION_DAYS = 365;
/** Amazon-side ASN of the transit gateways. */
export const TGW_ASN = 64512;
/** Regions with Amazon Chime SDK Voice Connector. */
export const VOICE_CONNECTOR_REGIONS = [
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ca-central-1',
  'eu-central-1', 'eu-west-1', 'eu-west-2', 'us-east-1', 'us-west-2',
] as const;

export type GatewayRole = 'primary' | 'hot-standby' | 'cold-standby';

/** A network a security group admits, with the reason a reviewer reads. */
export interface Source {
  readonly cidr: string;
  readonly description: string;
}

export interface CloudGatewayPlan {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly model: string | null;
  readonly region: string;
  readonly az: string;
  readonly stack: string;
  readonly role: GatewayRole;
  /** Cold standbys are created stopped; the on-call starts them. */
  readonly running: boolean;
  /** Gateways this one stands in for. */
  readonly standbyFor: readonly { readonly gateway: string; readonly mode: 'hot' | 'cold' }[];
  readonly sipPort: number;
  /** The blueprint's address for the gateway when it lies in its subnet: the interface's private IP. */
  readonly privateIp: string | null;
  /** Networks that may send SIP, SIP/TLS and media: sites and trunk providers. */
  readonly voiceSources: readonly Source[];
  /** Whether Route 53 health checkers probe this gateway. */
  readonly healthChecked: boolean;
  /** Voice Connector region whose signalling and media ranges are admitted, if it terminates a cloud trunk. */
  readonly voiceConnectorRegion: string | null;
  readonly adminSources: readonly Source[];
  readonly snmpManager: string | null;
  readonly syslog: { readonly host: string; readonly port: number } | null;
  /** Secrets it reads at boot (trunk credentials, SNMP keys): references only. */
  readonly secrets: readonly SecretRef[];
  /** Config-backup prefixes in the bucket: its own (read/write) and its primaries' (read). */
  readonly backupPrefixes: { readonly write: string; readonly read: readonly string[] } | null;
  /** Whether AWS Backup selects it. */
  readonly awsBackup: boolean;
  readonly dnsName: string | null;
  /** The id it had before a rename (blueprint formerId): moved blocks keep its resources. */
  readonly formerId: string | null;
}

export interface SecretRef {
  readonly kind: 'aws-sm' | 'ssm';
  readonly name: string;
  /** e.g. "trunk cloud-sip credentials". */
  readonly purpose: string;
}

export interface AzPlan {
  readonly az: string;
  readonly publicSubnet: string;
  readonly tgwSubnet: string;
}

export interface RegionPlan {
  readonly id: string;
  readonly stack: string;
  readonly vpcCidr: string;
  readonly azs: readonly AzPlan[];
  readonly gateways: readonly CloudGatewayPlan[];
  /** Whether sites connect by VPN (a transit gateway exists). */
  readonly transitGateway: boolean;
  /** Site networks routed to the transit gateway. */
  readonly siteRoutes: readonly string[];
  /** Address of the VPC's DNS resolver. */
  readonly resolver: string;
}

export interface UplinkVpnPlan {
  readonly id: string;
  readonly path: string;
  readonly publicIp: string;
  readonly cidr: string | null;
}

export interface SitePlan {
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly stack: string;
  readonly bgpAsn: number;
  readonly uplinks: readonly UplinkVpnPlan[];
  /** Regions it has VPN connections to. */
  readonly regions: readonly string[];
}

export interface VoiceConnectorPlan {
  readonly trunk: string;
  readonly path: string;
  readonly stack: string;
  readonly name: string;
  readonly region: string;
  readonly routes: readonly { readonly gateway: string; readonly region: string; readonly priority: number; readonly weight: number }[];
  /** ISO country codes calls may go to; empty: no termination. */
  readonly callingRegions: readonly string[];
}

/** One member of a failover group in DNS. */
export interface DnsTarget {
  readonly gateway: string;
  /** A cloud gateway's Elastic IP, or the public address of an on-premises gateway. */
  readonly target: { readonly eipOf: string } | { readonly address: string };
}

export interface HealthCheckPlan {
  readonly stack: string;
  readonly gateway: string;
  readonly path: string;
  readonly target: DnsTarget['target'];
  readonly ports: readonly number[];
  readonly requestInterval: 10 | 30;
  readonly failureThreshold: number;
}

export interface RecordPlan {
  readonly stack: string;
  /** Logical id suffix, unique per stack. */
  readonly key: string;
  readonly path: string;
  readonly name: string;
  readonly type: 'A' | 'SRV';
  readonly ttl: number;
  /** Literal values (SRV) or one target (A). */
  readonly values: readonly string[];
  readonly target: DnsTarget['target'] | null;
  readonly failover: { readonly type: 'PRIMARY' | 'SECONDARY'; readonly setIdentifier: string; readonly healthCheckOf: string | null } | null;
}

export interface FailoverGroupPlan {
  readonly primary: string;
  readonly path: string;
  /** The SIP domain of the group. */
  readonly domain: string;
  readonly members: readonly { readonly gateway: string; readonly role: GatewayRole; readonly priority: number }[];
  readonly dns: { readonly ttl: number; readonly requestInterval: 10 | 30; readonly failureThreshold: number; readonly reRegistrationSeconds: number; readonly secondary: string } | null;
}

export interface BackupPlanPlan {
  readonly rpoHours: number;
  readonly intervalHours: number;
  readonly schedule: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly retentionDays: number;
  readonly vaults: readonly { readonly region: string; readonly name: string; readonly copyTo: string | null }[];
  readonly selectionTag: { readonly key: string; readonly value: string };
}

export interface SharedPlan {
  readonly stack: string;
  readonly alertRegions: readonly string[];
  readonly alertTopicName: string;
  readonly alertEmails: readonly string[];
  readonly zone: string | null;
  readonly configBucket: {
    readonly name: string;
    readonly region: string;
    readonly replica: { readonly name: string; readonly region: string } | null;
    /** On-premises gateways that upload their configuration backups (a policy to attach to their identity). */
    readonly onPremisesWriters: readonly { readonly gateway: string; readonly path: string }[];
  } | null;
  readonly backup: BackupPlanPlan | null;
}

export type BackendPlan =
  | { readonly kind: 's3'; readonly bucket: string; readonly region: string; readonly keyPrefix: string; readonly lockTable: string | null }
  | { readonly kind: 'local'; readonly dir: string };

export interface CloudPlan {
  readonly deployment: string;
  readonly account: string;
  readonly homeRegion: string;
  readonly instanceType: string;
  /** SSM parameter holding the gateway image (AMI) id, in every region with gateways. */
  readonly imageParameter: string;
  readonly backend: BackendPlan;
  readonly shared: SharedPlan;
  readonly regions: readonly RegionPlan[];
  readonly sites: readonly SitePlan[];
  readonly voiceConnectors: readonly VoiceConnectorPlan[];
  readonly groups: readonly FailoverGroupPlan[];
  readonly healthChecks: readonly HealthCheckPlan[];
  readonly records: readonly RecordPlan[];
  /** Every stack in dependency order: shared, regions, sites, trunks. */
  readonly stacks: readonly string[];
}

export interface PlanResult {
  readonly plan: CloudPlan | null;
  readonly diagnostics: readonly Diagnostic[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort(byString);

/** The role a gateway plays: primary unless it stands in for another. */
export function gatewayRole(g: Gateway): GatewayRole {
  if (g.standbyFor.length === 0 || g.serves.length > 0) return 'primary';
  return g.standbyFor.some((s) => s.mode === 'hot') ? 'hot-standby' : 'cold-standby';
}

/** Route 53's request interval for a probe interval: the fastest it allows that is not faster than asked. */
export function route53Interval(probeIntervalSeconds: number): 10 | 30 {
  return probeIntervalSeconds <= 10 ? 10 : 30;
}

/** The Voice Connector region for a home region: the same region, else the nearest one offered. */
export function voiceConnectorRegion(region: string): string {
  if ((VOICE_CONNECTOR_REGIONS as readonly string[]).includes(region)) return region;
  if (region.startsWith('eu-')) return 'eu-central-1';
  if (region.startsWith('ca-')) return 'ca-central-1';
  if (region.startsWith('us-west')) return 'us-west-2';
  if (region.startsWith('ap-northeast')) return 'ap-northeast-1';
  if (region.startsWith('ap-')) return 'ap-southeast-1';
  return 'us-east-1';
}

/** AWS Backup frequency for an RPO: the longest interval dividing a day that meets it. */
export function backupSchedule(rpoHours: number): { intervalHours: number; schedule: string } {
  const intervalHours = [24, 12, 8, 6, 4, 3, 2, 1].find((h) => h <= rpoHours) ?? 1;
  const schedule = intervalHours === 24 ? 'cron(0 3 * * ? *)' : intervalHours === 1 ? 'cron(0 * * * ? *)' : `cron(0 0/${intervalHours} * * ? *)`;
  return { intervalHours, schedule };
}

/** A 4-byte private ASN per site (RFC 6996), stable under adding or removing other sites. */
export function siteAsn(deployment: string, site: string): number {
  return 4_200_000_000 + (fnv1a(`${deployment}/${site}`) % 94_967_294);
}

/** A trunk that the Voice Connector carries: no site, only cloud gateways, no carrier registrar. */
export function isVoiceConnectorTrunk(t: Trunk, gateways: ReadonlyMap<string, Gateway>): boolean {
  return t.site === null && t.kind === 'sip' && t.registrar === null && t.gateways.length > 0 && t.gateways.every((g) => gateways.get(g)?.placement.type === 'cloud');
}

export function buildPlan(model: Model): PlanResult {
  const cloud = model.cloud;
  const diagnostics: Diagnostic[] = [];
  if (!cloud) return { plan: null, diagnostics };
  const dep = model.deployment.id;
  const home = cloud.regions[0]!.id;
  const gateways = new Map(model.gateways.map((g) => [g.id, g]));
  const sites = new Map(model.sites.map((s) => [s.id, s]));
  const cloudGateways = model.gateways.filter((g) => g.placement.type === 'cloud');
  const zone = cloud.dnsZone;

  // --- who talks to whom -------------------------------------------------------------------
  // Lists grow in place: a primary of a large fleet has thousands of standbys.
  const standbysOf = new Map<string, Gateway[]>();
  const slavesOf = new Map<string, Gateway[]>();
  const trunksOf = new Map<string, Trunk[]>();
  const append = <T>(m: Map<string, T[]>, key: string, value: T) => {
    const list = m.get(key);
    if (list) list.push(value);
    else m.set(key, [value]);
  };
  for (const g of model.gateways) for (const s of g.standbyFor) append(standbysOf, s.gateway, g);
  for (const g of model.gateways) if (g.master) append(slavesOf, g.master, g);
  for (const t of model.trunks) for (const g of new Set(t.gateways)) append(trunksOf, g, t);

  /** Sites whose phones or devices reach a gateway: its own, its primaries', its standbys' and slaves'. */
  const sitesOf = (g: Gateway): string[] => {
    const out = new Set<string>(g.serves);
    for (const s of g.standbyFor) for (const site of gateways.get(s.gateway)?.serves ?? []) out.add(site);
    for (const other of [...(standbysOf.get(g.id) ?? []), ...(slavesOf.get(g.id) ?? [])]) {
      if (other.placement.type === 'site') out.add(other.placement.site);
    }
    for (const t of trunksOf.get(g.id) ?? []) if (t.site) out.add(t.site);
    return [...out].sort(byString);
  };

  const siteNetworks = (s: Site): Source[] => {
    const out: Source[] = [];
    for (const u of s.uplinks) {
      if (u.cidr) out.push({ cidr: u.cidr, description: `site ${s.id} network (uplink ${u.id})` });
      if (u.publicIp && isPublicIpv4(u.publicIp)) out.push({ cidr: `${u.publicIp}/32`, description: `site ${s.id} public address (uplink ${u.id})` });
    }
    return out;
  };

  // --- VPN sites and regions ----------------------------------------------------------------
  const gatewayRegions = uniqSorted(cloudGateways.map((g) => (g.placement.type === 'cloud' ? g.placement.region : home)));
  // A site connects to the cloud when a cloud gateway serves it, stands in for one of its
  // gateways or has it as a slave; other sites of the blueprint have nothing to reach there.
  const relatedSites = new Set(cloudGateways.flatMap((g) => sitesOf(g)));
  const vpnCandidates = model.sites.filter((s) => relatedSites.has(s.id) && s.uplinks.some((u) => u.vpn));
  const vpnRegions = gatewayRegions.length > 0 ? gatewayRegions : vpnCandidates.length > 0 ? [home] : [];
  const sitePlans: SitePlan[] = [];
  for (const s of vpnCandidates) {
    const uplinks: UplinkVpnPlan[] = [];
    for (const u of s.uplinks) {
      if (!u.vpn) continue;
      const path = `${s.path}/uplinks/${u.id}`;
      if (!u.publicIp || !isPublicIpv4(u.publicIp)) {
        diagnostics.push(createDiagnostic('TerraformVpnWithoutPublicIp', { path }, [u.id, s.id]));
        continue;
      }
      if (!u.cidr) diagnostics.push(createDiagnostic('TerraformVpnWithoutCidr', { path }, [u.id, s.id]));
      uplinks.push({ id: u.id, path, publicIp: u.publicIp, cidr: u.cidr });
    }
    if (uplinks.length === 0) continue;
    sitePlans.push({ id: s.id, path: s.path, name: s.name, stack: siteStackName(s.id), bgpAsn: siteAsn(dep, s.id), uplinks, regions: vpnRegions });
  }
  const vpnSiteNetworks = sitePlans.flatMap((sp) => sp.uplinks.flatMap((u) => (u.cidr ? [u.cidr] : [])));

  // --- failover groups -----------------------------------------------------------------------
  const groups: FailoverGroupPlan[] = [];
  const healthChecks: HealthCheckPlan[] = [];
  const records: RecordPlan[] = [];
  const healthChecked = new Set<string>();
  const publicTarget = (g: Gateway): DnsTarget['target'] | null =>
    g.placement.type === 'cloud' ? { eipOf: g.id } : g.address && isPublicIpv4(g.address) ? { address: g.address } : null;
  const stackOf = (g: Gateway): string | null => (g.placement.type === 'cloud' ? regionStackName(g.placement.region) : null);
  const dnsName = (g: Gateway) => (zone ? `${g.id}.gw.${zone}` : null);
  const hostRecordDone = new Set<string>();

  for (const primary of model.gateways) {
    const standbys = (standbysOf.get(primary.id) ?? []).slice().sort((a, b) => byString(a.id, b.id));
    const members = [primary, ...standbys];
    if (!members.some((m) => m.placement.type === 'cloud') || standbys.length === 0) continue;
    const relation = (s: Gateway) => s.standbyFor.find((r) => r.gateway === primary.id)!;
    const ordered = [
      primary,
      ...standbys.filter((s) => relation(s).mode === 'hot'),
      ...standbys.filter((s) => relation(s).mode === 'cold'),
    ];
    const homeStack = stackOf(primary) ?? stackOf(ordered.find((m) => m.placement.type === 'cloud')!)!;
    const path = primary.path;
    const domain = zone ? `${primary.id}.${zone}` : primary.id;
    const dnsStandbys = ordered.slice(1).filter((s) => relation(s).detection.mechanism === 'dns');
    let dns: FailoverGroupPlan['dns'] = null;
    if (dnsStandbys.length > 0) {
      const secondary = dnsStandbys[0]!;
      const d: Detection = relation(secondary).detection;
      const primaryTarget = publicTarget(primary);
      const secondaryTarget = publicTarget(secondary);
      if (!zone) diagnostics.push(createDiagnostic('TerraformNoDnsZone', { path: secondary.path }, [secondary.id]));
      else if (!primaryTarget) diagnostics.push(createDiagnostic('TerraformNoPublicAddress', { path: primary.path }, [primary.id, secondary.id]));
      else if (!secondaryTarget) diagnostics.push(createDiagnostic('TerraformNoPublicAddress', { path: secondary.path }, [secondary.id, secondary.id]));
      else {
        const requestInterval = route53Interval(d.probeIntervalSeconds);
        if (requestInterval !== d.probeIntervalSeconds) {
          diagnostics.push(createDiagnostic('TerraformHealthCheckInterval', { path: secondary.path }, [d.probeIntervalSeconds, primary.id, requestInterval]));
        }
        if (dnsStandbys.length > 1) {
          diagnostics.push(createDiagnostic('TerraformSecondStandby', { path: primary.path }, [primary.id, secondary.id, dnsStandbys.slice(1).map((s) => s.id).join("', '")]));
        }
        dns = { ttl: d.dnsTtlSeconds, requestInterval, failureThreshold: d.failureThreshold, reRegistrationSeconds: d.reRegistrationSeconds, secondary: secondary.id };
        const secondaryHot = relation(secondary).mode === 'hot';
        for (const [m, target, checked] of [[primary, primaryTarget, true], [secondary, secondaryTarget, secondaryHot]] as const) {
          const stack = stackOf(m) ?? homeStack;
          if (checked && !healthChecked.has(`${stack}/${m.id}`)) {
            healthChecked.add(`${stack}/${m.id}`);
            healthChecks.push({
              stack,
              gateway: m.id,
              path: m.path,
              target,
              ports: uniqSorted([String(m.sipPort), String(SIP_TLS_PORT)]).map(Number).sort((a, b) => a - b),
              requestInterval,
              failureThreshold: d.failureThreshold,
            });
          }
          records.push({
            stack,
            key: `${primary.id}_${m === primary ? 'primary' : 'secondary'}`,
            path: m.path,
            name: domain,
            type: 'A',
            ttl: d.dnsTtlSeconds,
            values: [],
            target,
            failover: { type: m === primary ? 'PRIMARY' : 'SECONDARY', setIdentifier: m.id, healthCheckOf: checked ? m.id : null },
          });
        }
      }
    }
    // SRV records name the primary first; without a public primary they would send every phone
    // to a standby, so there are none.
    const srvMembers = ordered.filter((m) => publicTarget(m) !== null);
    if (zone && publicTarget(primary) !== null) {
      const ttl = dns?.ttl ?? 60;
      for (const m of srvMembers) {
        const stack = stackOf(m) ?? homeStack;
        if (hostRecordDone.has(`${stack}/${m.id}`)) continue;
        hostRecordDone.add(`${stack}/${m.id}`);
        records.push({ stack, key: `${m.id}_host`, path: m.path, name: dnsName(m)!, type: 'A', ttl, values: [], target: publicTarget(m), failover: null });
      }
      const srv = (port: number) => srvMembers.map((m, i) => `${(i + 1) * 10} 10 ${port} ${dnsName(m)}`);
      records.push({ stack: homeStack, key: `${primary.id}_sip_udp`, path, name: `_sip._udp.${domain}`, type: 'SRV', ttl, values: srv(primary.sipPort), target: null, failover: null });
      records.push({ stack: homeStack, key: `${primary.id}_sip_tcp`, path, name: `_sip._tcp.${domain}`, type: 'SRV', ttl, values: srv(primary.sipPort), target: null, failover: null });
      records.push({ stack: homeStack, key: `${primary.id}_sips_tcp`, path, name: `_sips._tcp.${domain}`, type: 'SRV', ttl, values: srv(SIP_TLS_PORT), target: null, failover: null });
    }
    groups.push({
      primary: primary.id,
      path,
      domain,
      members: ordered.map((m, i) => ({ gateway: m.id, role: m === primary ? 'primary' : relation(m).mode === 'hot' ? 'hot-standby' : 'cold-standby', priority: i + 1 })),
      dns,
    });
  }
  // Cloud gateways outside any group still get a host name.
  if (zone) {
    for (const g of cloudGateways) {
      const stack = stackOf(g)!;
      if (hostRecordDone.has(`${stack}/${g.id}`)) continue;
      hostRecordDone.add(`${stack}/${g.id}`);
      records.push({ stack, key: `${g.id}_host`, path: g.path, name: dnsName(g)!, type: 'A', ttl: 300, values: [], target: { eipOf: g.id }, failover: null });
    }
  }
  records.sort((a, b) => byString(`${a.stack}/${a.key}`, `${b.stack}/${b.key}`));
  healthChecks.sort((a, b) => byString(`${a.stack}/${a.gateway}`, `${b.stack}/${b.gateway}`));

  // --- cloud trunks ---------------------------------------------------------------------------
  const voiceConnectors: VoiceConnectorPlan[] = [];
  const vcRegionOf = new Map<string, string>();
  for (const t of model.trunks) {
    if (!isVoiceConnectorTrunk(t, gateways)) continue;
    const rank = (g: Gateway) => (gatewayRole(g) === 'primary' ? 0 : gatewayRole(g) === 'hot-standby' ? 1 : 2);
    const tg = t.gateways.map((id) => gateways.get(id)!).sort((a, b) => rank(a) - rank(b) || byString(a.id, b.id));
    const first = tg[0]!;
    const region = voiceConnectorRegion(first.placement.type === 'cloud' ? first.placement.region : home);
    for (const g of tg) vcRegionOf.set(g.id, region);
    const countries = new Set<string>(t.emergency.areas.map((a) => a.slice(0, 2)));
    for (const g of tg) for (const sid of sitesOf(g)) {
      const c = sites.get(sid)?.emergency.location?.country;
      if (c) countries.add(c);
    }
    const callingRegions = [...countries].sort(byString);
    if (callingRegions.length === 0) diagnostics.push(createDiagnostic('TerraformNoCallingRegion', { path: t.path }, [t.id]));
    voiceConnectors.push({
      trunk: t.id,
      path: t.path,
      stack: trunkStackName(t.id),
      name: awsName(63, dep, t.id),
      region,
      routes: tg.map((g) => ({ gateway: g.id, region: g.placement.type === 'cloud' ? g.placement.region : home, priority: rank(g) + 1, weight: 1 })),
      callingRegions,
    });
  }

  // --- backups --------------------------------------------------------------------------------
  const cloudSites = new Set(cloudGateways.flatMap((g) => sitesOf(g)));
  const rpoCandidates = [
    ...model.policies.filter((p) => p.backupRpoHours !== null && p.sites.some((s) => cloudSites.has(s))).map((p) => p.backupRpoHours!),
    ...cloudGateways.flatMap((g) => (g.backup ? [g.backup.intervalHours] : [])),
  ];
  const rpoHours = rpoCandidates.length > 0 ? Math.min(...rpoCandidates) : 24;
  if (rpoHours < 1) diagnostics.push(createDiagnostic('TerraformBackupBelowHour', { path: 'cloud' }, [rpoHours]));
  const geo = cloud.regions.length > 1 ? cloud.regions[1]!.id : null;
  let backup: BackupPlanPlan | null = null;
  if (cloudGateways.length > 0) {
    const { intervalHours, schedule } = backupSchedule(rpoHours);
    const vaultRegions = uniqSorted([...gatewayRegions, ...(geo ? [geo] : [])]);
    backup = {
      rpoHours,
      intervalHours,
      schedule,
      startWindowMinutes: 60,
      completionWindowMinutes: Math.max(120, Math.min(intervalHours * 60, 1440)),
      retentionDays: BACKUP_RETENTION_DAYS,
      vaults: vaultRegions.map((r) => ({
        region: r,
        name: awsName(50, dep, 'gateways', r),
        copyTo: gatewayRegions.includes(r) ? (r !== home ? home : geo) : null,
      })),
      selectionTag: { key: 'rbc:backup', value: dep },
    };
  }
  const needsBucket = cloud.backupBucket !== null || model.gateways.some((g) => g.backup?.target === 'cloud-bucket');
  const bucketName = cloud.backupBucket ?? awsName(63, dep, 'config-backups', cloud.account);
  const configBucket = needsBucket
    ? {
        name: bucketName,
        region: home,
        replica: geo ? { name: awsName(63, bucketName, 'replica'), region: geo } : null,
        onPremisesWriters: model.gateways.filter((g) => g.placement.type === 'site' && g.backup?.target === 'cloud-bucket').map((g) => ({ gateway: g.id, path: g.path })),
      }
    : null;

  // --- gateways ---------------------------------------------------------------------------
  const secretRef = (ref: string | null, purpose: string): SecretRef[] => {
    if (!ref) return [];
    const i = ref.indexOf(':');
    const kind = ref.slice(0, i);
    if (kind !== 'aws-sm' && kind !== 'ssm') return [];
    return [{ kind, name: ref.slice(i + 1), purpose }];
  };
  const healthCheckedGateways = new Set(healthChecks.map((h) => h.gateway));
  const gatewayPlans: CloudGatewayPlan[] = cloudGateways.map((g) => {
    const placement = g.placement as { type: 'cloud'; region: string; az: string };
    const role = gatewayRole(g);
    const voiceSources: Source[] = [];
    for (const sid of sitesOf(g)) {
      const s = sites.get(sid);
      if (s) voiceSources.push(...siteNetworks(s));
    }
    const trunks = trunksOf.get(g.id) ?? [];
    for (const t of trunks) for (const c of t.cidrs) voiceSources.push({ cidr: c, description: `trunk ${t.id} (${t.provider})` });
    const exact = new Map<string, string>();
    for (const s of voiceSources) if (!exact.has(s.cidr)) exact.set(s.cidr, s.description);
    const { cidrs, summarised, dropped } = summariseCidrs([...exact.keys()], MAX_EXACT_NETWORKS);
    if (summarised) diagnostics.push(createDiagnostic('TerraformSummarisedCidrs', { path: g.path }, [`The security group of '${g.id}'`, exact.size, cidrs.join(', ')]));
    if (dropped.length > 0) diagnostics.push(createDiagnostic('TerraformPublicSourcesDropped', { path: g.path }, [g.id, dropped.length]));
    const sources = cidrs.map((c) => ({ cidr: c, description: exact.get(c) ?? 'summarised site networks' }));
    const secrets = [
      ...trunks.flatMap((t) => secretRef(t.credentials, `trunk ${t.id} credentials`)),
      ...secretRef(model.monitoring.snmp?.credentials ?? null, 'SNMPv3 keys'),
    ];
    const ipv4Host = (h: string | undefined | null) => (h && parseCidr(`${h}/32`) ? h : null);
    return {
      id: g.id,
      path: g.path,
      name: g.name,
      model: g.model,
      region: placement.region,
      az: placement.az,
      stack: regionStackName(placement.region),
      role,
      running: role !== 'cold-standby',
      standbyFor: g.standbyFor.map((s) => ({ gateway: s.gateway, mode: s.mode })),
      sipPort: g.sipPort,
      privateIp: null,
      voiceSources: sources,
      healthChecked: healthCheckedGateways.has(g.id),
      voiceConnectorRegion: vcRegionOf.get(g.id) ?? null,
      adminSources: cloud.adminCidrs.map((c) => ({ cidr: c, description: 'administration network (cloud.adminCidrs)' })),
      snmpManager: ipv4Host(model.monitoring.snmp?.manager),
      syslog: model.monitoring.syslog && ipv4Host(model.monitoring.syslog.host) ? { host: model.monitoring.syslog.host, port: model.monitoring.syslog.port } : null,
      secrets: secrets.sort((a, b) => byString(`${a.kind}:${a.name}`, `${b.kind}:${b.name}`)).filter((s, i, all) => i === 0 || `${s.kind}:${s.name}` !== `${all[i - 1]!.kind}:${all[i - 1]!.name}`),
      backupPrefixes: configBucket ? { write: `${g.id}/`, read: uniqSorted(g.standbyFor.map((s) => `${s.gateway}/`)) } : null,
      awsBackup: backup !== null,
      dnsName: dnsName(g),
      formerId: g.formerId,
    };
  });

  // --- regions ----------------------------------------------------------------------------
  const regionIds = uniqSorted([...gatewayRegions, ...(sitePlans.length > 0 ? vpnRegions : [])]);
  const siteRoutes = summariseCidrs(vpnSiteNetworks, MAX_EXACT_NETWORKS);
  if (siteRoutes.summarised) diagnostics.push(createDiagnostic('TerraformSummarisedCidrs', { path: 'cloud' }, ['The routes to the sites', normaliseCidrs(vpnSiteNetworks).length, siteRoutes.cidrs.join(', ')]));
  const regions: RegionPlan[] = regionIds.map((r) => {
    const rc = cloud.regions.find((x) => x.id === r)!;
    const vpc = parseCidr(rc.vpcCidr)!;
    const subnetPrefix = Math.max(24, vpc.prefix + 2);
    const publicBits = subnetPrefix - vpc.prefix;
    const count = 2 ** publicBits;
    const tgwBits = 28 - vpc.prefix;
    // The top block holds the transit gateway's /28 subnets. An AZ whose gateway has an address
    // in the VPC gets the block containing it, so the address can be the gateway's private IP.
    const taken = new Set<number>([count - 1]);
    const indexOf = new Map<string, number>();
    const regionGateways = gatewayPlans.filter((g) => g.region === r).sort((a, b) => byString(a.id, b.id));
    for (const g of regionGateways) {
      const ip = gateways.get(g.id)?.address ?? null;
      const n = ip ? parseCidr(`${ip}/32`) : null;
      if (!n || indexOf.has(g.az) || !contains(vpc, n)) continue;
      const i = Math.floor((n.base - vpc.base) / 2 ** (32 - subnetPrefix));
      if (!taken.has(i)) {
        taken.add(i);
        indexOf.set(g.az, i);
      }
    }
    for (const az of rc.azs) {
      if (indexOf.has(az)) continue;
      let i = 0;
      while (taken.has(i)) i++;
      taken.add(i);
      indexOf.set(az, i);
    }
    const azs = rc.azs.map((az, i) => ({ az, publicSubnet: cidrSubnet(rc.vpcCidr, publicBits, indexOf.get(az)!), tgwSubnet: cidrSubnet(rc.vpcCidr, tgwBits, 2 ** tgwBits - 1 - i) }));
    const placed = regionGateways.map((g) => {
      const ip = gateways.get(g.id)?.address ?? null;
      if (!ip) return g;
      const subnet = parseCidr(azs.find((a) => a.az === g.az)!.publicSubnet)!;
      const n = parseCidr(`${ip}/32`);
      const offset = n ? n.base - subnet.base : -1;
      // AWS reserves the first four addresses and the last one of every subnet.
      if (n && contains(subnet, n) && offset >= 4 && offset < 2 ** (32 - subnet.prefix) - 1) return { ...g, privateIp: ip };
      diagnostics.push(createDiagnostic('TerraformAddressOutsideSubnet', { path: g.path }, [g.id, ip, subnet ? formatCidr(subnet) : '']));
      return g;
    });
    return {
      id: r,
      stack: regionStackName(r),
      vpcCidr: rc.vpcCidr,
      azs,
      gateways: placed,
      transitGateway: sitePlans.length > 0 && vpnRegions.includes(r),
      siteRoutes: sitePlans.length > 0 && vpnRegions.includes(r) ? siteRoutes.cidrs : [],
      resolver: formatIpv4(vpc.base + 2),
    };
  });

  // --- shared -------------------------------------------------------------------------------
  const alertRegions = uniqSorted([
    home,
    ...regionIds,
    ...(backup ? backup.vaults.map((v) => v.region) : []),
    ...(healthChecks.length > 0 ? [ROUTE53_METRICS_REGION] : []),
  ]);
  const shared: SharedPlan = {
    stack: SHARED_STACK,
    alertRegions,
    alertTopicName: awsName(256, dep, 'alerts'),
    alertEmails: [...model.monitoring.alertEmails],
    zone,
    configBucket,
    backup,
  };

  const backend: BackendPlan = cloud.stateBackend
    ? { kind: 's3', bucket: cloud.stateBackend.bucket, region: cloud.stateBackend.region, keyPrefix: `rbc/${dep}`, lockTable: cloud.stateBackend.lockTable }
    : { kind: 'local', dir: `../../../../rbc-terraform-state/${dep}` };

  const plan: CloudPlan = {
    deployment: dep,
    account: cloud.account,
    homeRegion: home,
    instanceType: cloud.instanceType,
    imageParameter: cloud.imageSsmParameter,
    backend,
    shared,
    regions,
    sites: sitePlans.sort((a, b) => byString(a.id, b.id)),
    voiceConnectors: voiceConnectors.sort((a, b) => byString(a.trunk, b.trunk)),
    groups,
    healthChecks,
    records,
    stacks: [SHARED_STACK, ...regions.map((r) => r.stack), ...sitePlans.map((s) => s.stack), ...voiceConnectors.map((v) => v.stack)],
  };
  return { plan, diagnostics };
}
