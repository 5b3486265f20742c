// The blueprint format: one TypeBox source for the JSON Schema (schema/blueprint.schema.json,
// `rbc schema`), the TypeScript types of the blueprint, and the generated reference in
// docs/blueprint-reference.md. Every description here is user documentation.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ID_PATTERN } from './patterns.js';

/** Ids become file names, Terraform addresses and config identifiers, so they are restricted. */
export { ID_PATTERN };

const Id = (description: string) => Type.String({ pattern: ID_PATTERN, description });
const Ids = (description: string) => Type.Array(Id(description), { uniqueItems: true, description });
/** Free text meant for humans (names, descriptions). Single line, no control characters. */
const Text = (description: string, maxLength = 200) =>
  Type.String({ minLength: 1, maxLength, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description });
const Minutes = (description: string) => Type.Number({ minimum: 0, maximum: 525600, description });
const Seconds = (description: string) => Type.Number({ minimum: 0, maximum: 86400, description });
const Count = (description: string, minimum = 0) => Type.Integer({ minimum, maximum: 10_000_000, description });
const Obj = <T extends Record<string, TSchema>>(props: T, description: string) =>
  Type.Object(props, { additionalProperties: false, description });

export const Phone = Type.String({
  pattern: '^\\+?[0-9][0-9 ()/-]{1,30}$',
  description: 'Telephone number, digits with optional leading + and separators (space ( ) / -).',
});
export const Email = Type.String({
  pattern: '^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}$',
  description: 'E-mail address.',
});
/** A reference to a secret stored outside the blueprint; the value never enters rbc. */
export const SecretRef = Type.String({
  pattern: '^(aws-sm|ssm|env):[A-Za-z0-9/_.+=@-]{1,256}$',
  description:
    'Reference to a secret, never its value: `aws-sm:NAME` (AWS Secrets Manager), `ssm:/PATH` (SSM Parameter Store) or `env:NAME` (an environment variable resolved on the device).',
});
export const Host = Type.String({
  pattern: '^(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]{2,39}|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*)$',
  description: 'Host name, IPv4 or IPv6 address.',
});
export const Cidr = Type.String({
  pattern: '^[0-9]{1,3}(?:\\.[0-9]{1,3}){3}/[0-9]{1,2}$',
  description: 'IPv4 network in CIDR notation, e.g. 203.0.113.0/24.',
});
export const Port = Type.Integer({ minimum: 1, maximum: 65535, description: 'TCP/UDP port.' });

export const Contact = Obj(
  {
    name: Text('Person or desk.'),
    phone: Type.Optional(Phone),
    email: Type.Optional(Email),
    role: Type.Optional(Text('What this contact is for, e.g. "escalation".')),
  },
  'A person or desk to call.',
);

export const OnCallHours = Type.Union(
  [Type.Literal('24x7'), Type.Literal('business')],
  { description: '`24x7`: someone answers at any time. `business`: only during businessHours; outside them the worst case waits until they resume. @default business' },
);

export const BusinessHours = Obj(
  {
    days: Type.Optional(Type.Union([Type.Literal('mon-fri'), Type.Literal('mon-sat'), Type.Literal('mon-sun')], { description: 'Days on which the on-call works. @default mon-fri' })),
    from: Type.Optional(Type.String({ pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Start, local time HH:MM. @default 08:00' })),
    to: Type.Optional(Type.String({ pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$', description: 'End, local time HH:MM. @default 18:00' })),
  },
  'When a business-hours on-call answers.',
);

export const OnCall = Obj(
  {
    team: Text('Name of the on-call team.'),
    contacts: Type.Array(Contact, { minItems: 1, description: 'Who is called, in order.' }),
    hours: Type.Optional(OnCallHours),
    businessHours: Type.Optional(BusinessHours),
    responseMinutes: Type.Optional(Minutes('Minutes from an alert until the on-call acts, within their hours. @default 30')),
  },
  'The on-call that reacts to alerts and carries out manual switchovers.',
);

export const Deployment = Obj(
  {
    id: Id('Deployment id; names the Terraform stacks and the outputs.'),
    name: Text('Customer or system name.'),
    owner: Text('Who is in charge of supplying redundancy (the integrator or the customer\'s IT).'),
    description: Type.Optional(Text('What this deployment is.', 2000)),
    onCall: OnCall,
    sla: Type.Optional(
      Obj(
        {
          recoveryMinutes: Type.Optional(Minutes('Agreed time to recover a failed component without redundancy (e.g. hardware replacement). @default 1440')),
          backupResponsibility: Type.Optional(Text('Who makes and checks backups, and of what.')),
        },
        'Service level agreed with the integrator.',
      ),
    ),
  },
  'The deployment as a whole.',
);

export const Rerouting = Obj(
  {
    mode: Type.Union([Type.Literal('automatic'), Type.Literal('on-request'), Type.Literal('none')], {
      description: 'How the provider moves a number block to another trunk when its trunk fails: `automatic` (pre-arranged), `on-request` (after a call, with leadTimeMinutes) or `none`.',
    }),
    leadTimeMinutes: Type.Optional(Minutes('Time from the request until calls arrive on the other trunk. @default 0 for automatic, 240 for on-request')),
  },
  'Number-block rerouting terms of a provider.',
);

export const Provider = Obj(
  {
    id: Id('Provider id.'),
    name: Text('Provider name.'),
    kind: Type.Union([Type.Literal('carrier'), Type.Literal('isp'), Type.Literal('cloud')], { description: '`carrier` (telephony trunks), `isp` (uplinks) or `cloud` (a cloud platform).' }),
    emergencyCalls: Type.Optional(Type.Boolean({ description: 'Whether the provider delivers emergency calls to the public safety answering point. @default true for carriers' })),
    rerouting: Type.Optional({ ...Rerouting, description: 'Number-block rerouting terms. @default { mode: none }' }),
    support: Type.Optional(Contact),
  },
  'A carrier, internet provider or cloud platform.',
);

export const EmergencyLocation = Obj(
  {
    street: Type.Optional(Text('Street and number.')),
    postalCode: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9 -]{2,12}$', description: 'Postal code.' })),
    city: Type.Optional(Text('City.')),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166 country code, e.g. DE.' }),
    area: Type.String({
      pattern: '^[A-Z]{2}-[A-Za-z0-9-]{1,16}$',
      description: 'Emergency routing area, e.g. DE-0731 (country and local area code): a trunk is valid for emergency calls here only if it lists this area.',
    }),
    floor: Type.Optional(Text('Floor, for the dispatchable location.')),
    room: Type.Optional(Text('Room or wing, for the dispatchable location.')),
  },
  'The dispatchable location sent with emergency calls.',
);

export const EmergencyNotification = Obj(
  {
    desk: Text('The central place told of every emergency call, e.g. "Reception".'),
    fireZone: Id('Fire zone (of this site) in which the desk\'s phone is.'),
    poeSwitch: Type.Optional(Id('PoE switch powering the desk\'s phone. @default the site\'s phones in general')),
  },
  'Notification of every emergency call to a central place (e.g. US Kari\'s Law); it must survive too.',
);

export const SiteEmergency = Obj(
  {
    numbers: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{2,6}$' }), { minItems: 1, uniqueItems: true, description: 'Emergency numbers dialled at this site. @default ["112"]' })),
    location: EmergencyLocation,
    notification: Type.Optional(EmergencyNotification),
    testCallsPermitted: Type.Optional(Type.Boolean({ description: 'Whether the local authority permits announced test calls to the emergency number in drills. @default false' })),
  },
  'Emergency calling at a site.',
);

export const FireZone = Obj(
  { id: Id('Fire zone id, unique within the site.'), name: Type.Optional(Text('Name.')) },
  'A fire compartment: a fire or flood inside it does not spread to other zones.',
);

export const Building = Obj(
  {
    id: Id('Building id, unique within the site.'),
    name: Type.Optional(Text('Name.')),
    fireZones: Type.Array(FireZone, { minItems: 1, description: 'Fire zones of the building.' }),
  },
  'A building of a site.',
);

export const Room = Obj(
  {
    id: Id('Room id, unique within the site.'),
    name: Type.Optional(Text('Name.')),
    fireZone: Id('Fire zone the room is in.'),
    cooling: Type.Optional(Ids('Cooling units that cool this room; it overheats when all of them fail. @default [] (not cooled: no overheating domain)')),
  },
  'A room holding equipment.',
);

export const CoolingUnit = Obj(
  { id: Id('Cooling unit id, unique within the site.'), name: Type.Optional(Text('Name.')) },
  'An air-conditioning unit.',
);

export const Feed = Obj(
  { id: Id('Power source id, unique within the site.'), name: Type.Optional(Text('Name.')) },
  'A mains feed.',
);

export const Ups = Obj(
  {
    id: Id('Power source id, unique within the site.'),
    name: Type.Optional(Text('Name.')),
    autonomyMinutes: Minutes('Minutes the UPS carries its load on battery.'),
    inputs: Ids('Mains feeds (or generators) feeding the UPS.'),
    generator: Type.Optional(Id('Generator that takes over before the battery runs out.')),
    fireZone: Type.Optional(Id('Fire zone the UPS stands in. @default none (not exposed to a zone fire)')),
  },
  'An uninterruptible power supply.',
);

export const Generator = Obj(
  {
    id: Id('Power source id, unique within the site.'),
    name: Type.Optional(Text('Name.')),
    runtimeHours: Type.Number({ minimum: 0, maximum: 8760, description: 'Hours the generator runs on its fuel.' }),
    startSeconds: Type.Optional(Seconds('Seconds until the generator carries the load. @default 30')),
  },
  'A standby power generator.',
);

export const Power = Obj(
  {
    feeds: Type.Array(Feed, { minItems: 1, description: 'Mains feeds.' }),
    ups: Type.Optional(Type.Array(Ups, { description: 'UPS units. @default []' })),
    generators: Type.Optional(Type.Array(Generator, { description: 'Generators. @default []' })),
  },
  'Power at a site.',
);

export const PoeSwitch = Obj(
  {
    id: Id('PoE switch id, unique within the site.'),
    fireZone: Id('Fire zone the switch is in.'),
    power: Id('Power source (feed or UPS) the switch is plugged into.'),
    phones: Type.Optional(Count('Phones (users) on this switch. @default an equal share of the site\'s users')),
  },
  'A switch that powers phones over Ethernet.',
);

export const SupplyLine = Obj(
  {
    id: Id('Supply line id, unique within the site.'),
    name: Type.Optional(Text('Name.')),
    building: Id('Building the cable enters.'),
    route: Type.Optional(Text('Physical route, e.g. "north duct, Karlstrasse".')),
  },
  'A physical cable entry into a building: a dredger cuts every cable in it.',
);

export const Uplink = Obj(
  {
    id: Id('Uplink id, unique within the site.'),
    provider: Id('Internet or WAN provider.'),
    supplyLine: Type.Optional(Id('Supply line the uplink runs through. @default none (radio)')),
    kind: Type.Optional(Type.Union([Type.Literal('internet'), Type.Literal('mpls'), Type.Literal('lte')], { description: 'Kind of uplink. @default internet' })),
    vpn: Type.Optional(Type.Boolean({ description: 'Whether a site-to-site VPN to the cloud runs over this uplink. @default true when the deployment has a cloud' })),
    publicIp: Type.Optional(Host),
    cidr: Type.Optional(Cidr),
    fireZone: Type.Optional(Id('Fire zone of the router. @default none')),
    power: Type.Optional(Id('Power source of the router. @default the site\'s power in general')),
  },
  'A WAN/internet connection of a site.',
);

export const NumberBlock = Obj(
  {
    id: Id('Number block id, unique within the site.'),
    range: Type.String({ pattern: '^\\+[0-9]{4,15}(?:-[0-9]{1,6})?$', description: 'E.164 prefix and optional extension range, e.g. +49731400-0 or +4973140000.' }),
    provider: Id('Carrier that owns and routes the block.'),
  },
  'A block of public telephone numbers.',
);

export const VmHost = Obj(
  {
    id: Id('Host id, unique within the site.'),
    room: Type.Optional(Id('Room the host is in.')),
    fireZone: Type.Optional(Id('Fire zone the host is in (if no room is given).')),
    psus: Type.Optional(Ids('Power sources of the host\'s power supplies. @default one PSU on the site\'s first feed')),
  },
  'A virtualization host.',
);

export const VmCluster = Obj(
  {
    id: Id('Cluster id, unique within the site.'),
    hosts: Ids('Hosts of the cluster.'),
    mode: Type.Union([Type.Literal('none'), Type.Literal('ha'), Type.Literal('ft')], { description: '`ha`: a VM restarts on another host; `ft`: a shadow VM takes over at once; `none`: no failover.' }),
    restartSeconds: Type.Optional(Seconds('Seconds HA needs to restart a VM on another host. @default 120')),
  },
  'A cluster of virtualization hosts (VMware HA/FT, Hyper-V failover cluster).',
);

export const Site = Obj(
  {
    id: Id('Site id.'),
    name: Text('Site name.'),
    role: Type.Union([Type.Literal('headquarters'), Type.Literal('branch'), Type.Literal('datacenter')], { description: 'Role of the site.' }),
    users: Count('Users (phones) at the site.'),
    emergency: Type.Optional(SiteEmergency),
    onCall: Type.Optional(OnCall),
    buildings: Type.Array(Building, { minItems: 1, description: 'Buildings.' }),
    rooms: Type.Optional(Type.Array(Room, { description: 'Rooms with equipment. @default []' })),
    cooling: Type.Optional(Type.Array(CoolingUnit, { description: 'Cooling units. @default []' })),
    power: Power,
    poeSwitches: Type.Optional(Type.Array(PoeSwitch, { description: 'PoE switches powering the phones. @default [] (phones powered locally)' })),
    supplyLines: Type.Optional(Type.Array(SupplyLine, { description: 'Cable entries. @default []' })),
    uplinks: Type.Optional(Type.Array(Uplink, { description: 'WAN/internet uplinks. @default []' })),
    numberBlocks: Type.Optional(Type.Array(NumberBlock, { description: 'Public number blocks. @default []' })),
    virtualization: Type.Optional(
      Obj({ hosts: Type.Array(VmHost, { minItems: 1, description: 'Hosts.' }), clusters: Type.Array(VmCluster, { minItems: 1, description: 'Clusters.' }) }, 'Virtualization platform at the site.'),
    ),
  },
  'A site: headquarters, branch or data centre.',
);

export const Region = Type.String({ pattern: '^[a-z]{2}(?:-[a-z]+)+-[0-9]$', description: 'Cloud region, e.g. eu-central-1.' });
export const Az = Type.String({ pattern: '^[a-z]{2}(?:-[a-z]+)+-[0-9][a-z]$', description: 'Availability zone, e.g. eu-central-1a.' });

export const Placement = Obj(
  {
    site: Type.Optional(Id('Site, for appliances and virtual gateways.')),
    room: Type.Optional(Id('Room at the site.')),
    fireZone: Type.Optional(Id('Fire zone at the site (follows from the room when a room is given; may be left out at a site with one fire zone).')),
    cluster: Type.Optional(Id('Virtualization cluster at the site, for form `virtual`.')),
    region: Type.Optional(Type.String({ pattern: '^[a-z]{2}(?:-[a-z]+)+-[0-9]$', description: 'Cloud region, e.g. eu-central-1, for form `cloud`.' })),
    az: Type.Optional(Type.String({ pattern: '^[a-z]{2}(?:-[a-z]+)+-[0-9][a-z]$', description: 'Availability zone, e.g. eu-central-1a, for form `cloud`.' })),
  },
  'Where a gateway runs: site (+ room or fire zone, or cluster) for appliances and VMs; region + az for cloud instances.',
)

export const StandbyDetection = Obj(
  {
    mechanism: Type.Optional(Type.Union([Type.Literal('registration'), Type.Literal('vrrp'), Type.Literal('dns'), Type.Literal('dispatcher')], {
      description: 'How the failure is detected and traffic moved: `registration` (phones re-register to the standby), `vrrp` (virtual IP, keepalived), `dns` (Route 53 failover records), `dispatcher` (a SIP edge probing with OPTIONS). @default registration (dns for cloud gateways)',
    })),
    probeIntervalSeconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 3600, description: 'Seconds between probes (VRRP advert interval for vrrp; Route 53 allows only 10 or 30). @default 5 (1 for vrrp, 10 for dns)' })),
    failureThreshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'Failed probes before the primary is declared dead (vrrp: always 3). @default 3' })),
    reRegistrationSeconds: Type.Optional(Seconds('Seconds phones and trunks need to register at the standby. @default 30 (0 for vrrp)')),
    dnsTtlSeconds: Type.Optional(Seconds('TTL of failover DNS records, for dns. @default 60')),
    activationMinutes: Type.Optional(Minutes('Manual work to activate a cold standby once the on-call acts. @default 30')),
  },
  'How fast a standby takes over.',
);

export const VrrpPair = Obj(
  {
    virtualIp: Type.Optional(Type.String({
      pattern: '^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:/(?:[0-9]|[12][0-9]|3[0-2]))?$',
      description: 'Virtual IPv4 address the pair shares, with an optional prefix length, e.g. 10.10.0.10/24. Phones and trunks use this address; without it no keepalived config is generated for the pair.',
    })),
    interface: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$', description: 'Network interface carrying the VRRP adverts and the virtual IP on both members. @default eth0' })),
    vrid: Type.Optional(Type.Integer({ minimum: 1, maximum: 255, description: 'VRRP virtual router id, unique per LAN. @default derived from the two gateway ids (set it when several pairs share a LAN)' })),
  },
  'The VRRP (keepalived) settings of a hot-standby pair with detection mechanism vrrp.',
);

export const StandbyOf = Obj(
  {
    gateway: Id('The gateway this one stands in for.'),
    mode: Type.Union([Type.Literal('hot'), Type.Literal('cold')], { description: '`hot`: runs in parallel and takes over automatically; `cold`: activated by hand by the on-call.' }),
    detection: Type.Optional(StandbyDetection),
    vrrp: Type.Optional(VrrpPair),
  },
  'A standby relation: this gateway takes over the sites of another when it fails.',
);

export const ServiceKind = Type.Union(
  [
    'internal', 'incoming', 'outbound', 'emergency', 'operator-desk', 'call-centre-telephony', 'call-centre-chat',
    'call-centre-email', 'cti', 'video', 'application-sharing', 'fax', 'presence', 'crm', 'erp', 'trouble-ticket', 'alerting', 'other',
  ].map((k) => Type.Literal(k)),
  { description: 'Kind of communication service (the whitepaper\'s checklist).' },
);

export const Gateway = Obj(
  {
    id: Id('Gateway id.'),
    formerId: Type.Optional(Id('The id the gateway had before it was renamed: its cloud resources move to the new id (Terraform moved blocks) instead of being replaced. Remove it once the rename is applied. @default none')),
    name: Type.Optional(Text('Name.')),
    kind: Type.Optional(Type.Union([Type.Literal('pbx'), Type.Literal('media-gateway'), Type.Literal('sbc'), Type.Literal('application-server')], { description: 'What the device is. @default pbx' })),
    model: Type.Optional(Text('Vendor model, e.g. "innovaphone IP811".')),
    form: Type.Union([Type.Literal('appliance'), Type.Literal('virtual'), Type.Literal('cloud')], { description: 'Hardware appliance, VM on a cluster, or cloud instance.' }),
    placement: Placement,
    psus: Type.Optional(Ids('Power source of each power supply (appliances). @default one PSU on the site\'s first UPS, else its first feed')),
    nics: Type.Optional(Count('Network interfaces on separate switches. @default 1', 1)),
    cpus: Type.Optional(Count('CPUs. @default 1', 1)),
    storage: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('single-disk'), Type.Literal('mirrored')], { description: '`none` (flash, no loose parts), `single-disk` or `mirrored` (RAID 1). @default none' })),
    capacity: Type.Optional(Obj({ users: Type.Optional(Count('Users it can carry.')), channels: Type.Optional(Count('Simultaneous calls.')) }, 'Capacity. @default unlimited')),
    licences: Type.Optional(Obj({ users: Type.Optional(Count('User licences.')), standby: Type.Optional(Count('Standby licences (users it may carry as a standby).')) }, 'Licences. @default none declared')),
    services: Type.Optional(Type.Array(ServiceKind, { uniqueItems: true, description: 'Services it hosts. @default internal, incoming, outbound, emergency for pbx; none otherwise' })),
    serves: Type.Optional(Ids('Sites whose phones register here in normal operation. @default its own site, or [] for a pure standby or a cloud gateway')),
    standbyFor: Type.Optional(Type.Array(StandbyOf, { description: 'Gateways this one stands in for. @default []' })),
    master: Type.Optional(Id('Master gateway (the whitepaper\'s master/slave systems): this one is its slave.')),
    autonomous: Type.Optional(Type.Boolean({ description: 'For a slave: keeps working on its own when the master is unreachable. @default true' })),
    address: Type.Optional(Host),
    sipPort: Type.Optional(Port),
    configs: Type.Optional(Type.Array(Type.Union([Type.Literal('kamailio'), Type.Literal('keepalived'), Type.Literal('prometheus')]), { uniqueItems: true, description: 'Device config dialects to generate for it. @default [] (device.json only)' })),
    monitored: Type.Optional(Type.Boolean({ description: 'Whether monitoring watches it (SNMP/probes with alerts). @default true when the deployment has monitoring' })),
    backup: Type.Optional(Obj({ intervalHours: Type.Number({ minimum: 0.1, maximum: 8760, description: 'Hours between configuration backups.' }), target: Type.Optional(Type.Union([Type.Literal('cloud-bucket'), Type.Literal('local')], { description: '@default cloud-bucket when the deployment has a cloud, else local' })) }, 'Automated configuration backup.')),
  },
  'A PBX, media gateway, SBC or application server.',
);

export const TrunkEmergency = Obj(
  {
    capable: Type.Boolean({ description: 'Whether emergency calls may go out on this trunk.' }),
    areas: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}-[A-Za-z0-9-]{1,16}$' }), { uniqueItems: true, description: 'Emergency routing areas the trunk is valid for (see site emergency.location.area). @default the area of the trunk\'s site' })),
  },
  'Emergency calling on a trunk.',
);

export const Trunk = Obj(
  {
    id: Id('Trunk id.'),
    provider: Id('Carrier.'),
    kind: Type.Union([Type.Literal('sip'), Type.Literal('isdn-pri'), Type.Literal('isdn-bri'), Type.Literal('analog'), Type.Literal('mobile')], { description: 'Trunk technology.' }),
    site: Type.Optional(Id('Site where the trunk enters (not for cloud trunks).')),
    supplyLine: Type.Optional(Id('Supply line of a physical trunk (ISDN, analog).')),
    uplink: Type.Optional(Id('Uplink a SIP trunk runs over (site SIP trunks).')),
    gateways: Ids('Gateways terminating the trunk.'),
    channels: Type.Optional(Count('Simultaneous calls. @default 30')),
    numberBlocks: Type.Optional(Ids('Number blocks of the site carried by this trunk in normal operation. @default []')),
    emergency: Type.Optional(TrunkEmergency),
    registrar: Type.Optional(Host),
    transport: Type.Optional(Type.Union([Type.Literal('udp'), Type.Literal('tcp'), Type.Literal('tls')], { description: 'SIP transport. @default tls' })),
    credentials: Type.Optional(SecretRef),
    cidrs: Type.Optional(Type.Array(Cidr, { description: 'Provider signalling/media networks (for firewalls). @default []' })),
  },
  'A trunk to the public network.',
);

export const ServiceDef = Obj(
  {
    id: Id('Service id.'),
    kind: ServiceKind,
    name: Type.Optional(Text('Name, e.g. "Salesforce CTI".')),
    hosts: Type.Optional(Ids('Gateways or application servers it runs on. @default the gateways that list its kind')),
    requires: Type.Optional(Ids('Other services (by id or kind) it needs. @default [] (telephony kinds need internal)')),
  },
  'A third-party or additional service (CTI, CRM, ERP, call centre, alerting, ...).',
);

export const ScenarioSpec = Obj(
  {
    class: Type.Union(
      ['fire-zone', 'building', 'site', 'supply-line', 'overheating', 'power-outage', 'technical-damage', 'provider-outage', 'wan-outage', 'cloud-az', 'cloud-region'].map((k) => Type.Literal(k)),
      { description: 'Scenario class from the whitepaper\'s checklist: fire/flood of a fire zone, building or site; external damage of a supply line; overheating; power outage; technical damage of a device; provider, WAN and cloud outages.' },
    ),
    durationMinutes: Type.Optional(Minutes('For power-outage: how long the mains are out. @default 60')),
  },
  'A class of failures a policy protects against.',
);

export const Policy = Obj(
  {
    id: Id('Policy id.'),
    description: Type.Optional(Text('What was promised, in the customer\'s words.', 500)),
    services: Type.Array(ServiceKind, { minItems: 1, uniqueItems: true, description: 'Services that must survive.' }),
    sites: Type.Optional(Ids('Sites it applies to. @default all sites')),
    scenarios: Type.Array(ScenarioSpec, { minItems: 1, description: 'Failures the services must survive (each single failure of these classes).' }),
    maxSwitchoverSeconds: Type.Optional(Seconds('Longest switchover allowed (RTO). @default no limit')),
    automatic: Type.Optional(Type.Boolean({ description: 'Whether the switchover must happen without manual steps. @default false' })),
    backupRpoHours: Type.Optional(Type.Number({ minimum: 0, maximum: 8760, description: 'Longest allowed interval between backups of the gateways serving these sites. @default no requirement' })),
    owner: Type.Optional(Text('Who is in charge of this promise.')),
  },
  'A redundancy promise made to the customer.',
);

export const Monitoring = Obj(
  {
    snmp: Type.Optional(Obj({ version: Type.Optional(Type.Literal('v3', { description: 'Only SNMPv3. @default v3' })), credentials: SecretRef, manager: Host }, 'SNMP polling.')),
    alertEmails: Type.Optional(Type.Array(Email, { uniqueItems: true, description: 'Where alerts are mailed. @default the on-call contacts\' e-mails' })),
    syslog: Type.Optional(Obj({ host: Host, port: Type.Optional(Port) }, 'Remote syslog.')),
    configChangeLogging: Type.Optional(Type.Boolean({ description: 'Whether configuration changes are logged and alerted. @default false' })),
    prometheus: Type.Optional(Type.Boolean({ description: 'Whether Prometheus alert rules are generated. @default true' })),
  },
  'How failures are noticed.',
);

export const Cloud = Obj(
  {
    provider: Id('Cloud provider (a provider of kind cloud).'),
    account: Type.String({ pattern: '^[0-9]{12}$', description: 'AWS account id.' }),
    regions: Type.Array(
      Obj({ id: Region, azs: Type.Array(Az, { minItems: 1, uniqueItems: true, description: 'AZs used.' }), vpcCidr: Type.Optional(Cidr) }, 'A region.'),
      { minItems: 1, description: 'Regions used; the first is the home region.' },
    ),
    dnsZone: Type.Optional(Type.String({ pattern: '^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}$', description: 'DNS zone for SIP records, e.g. voice.example.com.' })),
    backupBucket: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'S3 bucket name for configuration backups.' })),
    adminCidrs: Type.Optional(Type.Array(Cidr, { description: 'Networks allowed to manage cloud gateways. @default [] (no management access)' })),
    instanceType: Type.Optional(Type.String({ pattern: '^[a-z0-9]+\\.[a-z0-9]+$', description: 'EC2 instance type of cloud gateways. @default t3.medium' })),
    imageSsmParameter: Type.Optional(Type.String({ pattern: '^/[A-Za-z0-9/_.-]{1,200}$', description: 'SSM parameter holding the gateway image (AMI) id. @default /rbc/gateway-ami' })),
    stateBackend: Type.Optional(Obj({ bucket: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' }), region: Region, lockTable: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{3,255}$' })) }, 'Remote Terraform state in S3, one key per stack.')),
  },
  'The cloud account hosting cloud gateways, DNS and backups (AWS).',
);

export const Acknowledgement = Obj(
  {
    rule: Type.String({ pattern: '^RBC-[RT][0-9]{3}$', description: 'Rule id: RBC-Rnnn for redundancy rules (e.g. RBC-R001), RBC-Tnnn for rules on the generated Terraform (e.g. RBC-T014).' }),
    target: Type.String({ pattern: '^(?:\\*|[a-z0-9][a-z0-9/-]{0,200})$', description: 'Construct path the finding is on, e.g. sites/ulm/gateways/gw-a; or * for all.' }),
    reason: Type.String({ minLength: 10, maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'Why the risk is accepted (at least 10 characters).' }),
    owner: Text('Who accepted the risk.'),
    expires: Type.String({ format: 'date', description: 'Date (YYYY-MM-DD) after which the finding shows again.' }),
  },
  'An accepted risk: hides one rule finding until it expires.',
);

export const Blueprint = Obj(
  {
    $schema: Type.Optional(Type.String({ description: 'Schema URL for editors; ignored.' })),
    rbc: Type.Literal(1, { description: 'Blueprint format version.' }),
    deployment: Deployment,
    providers: Type.Array(Provider, { minItems: 1, description: 'Carriers, ISPs and cloud platforms.' }),
    sites: Type.Array(Site, { minItems: 1, description: 'Sites.' }),
    gateways: Type.Array(Gateway, { minItems: 1, description: 'PBXs, gateways, SBCs and application servers.' }),
    trunks: Type.Optional(Type.Array(Trunk, { description: 'Trunks. @default []' })),
    services: Type.Optional(Type.Array(ServiceDef, { description: 'Additional services (third-party integrations). @default []' })),
    policies: Type.Optional(Type.Array(Policy, { description: 'Redundancy promises. @default []' })),
    monitoring: Type.Optional(Monitoring),
    cloud: Type.Optional(Cloud),
    acknowledgements: Type.Optional(Type.Array(Acknowledgement, { description: 'Accepted risks. @default []' })),
  },
  'An rbc blueprint: the redundancy design of one telephony deployment.',
);

export type Blueprint = Static<typeof Blueprint>;
export type BlueprintSite = Static<typeof Site>;
export type BlueprintGateway = Static<typeof Gateway>;
export type BlueprintTrunk = Static<typeof Trunk>;
export type BlueprintPolicy = Static<typeof Policy>;
export type BlueprintProvider = Static<typeof Provider>;
export type ServiceKind = Static<typeof ServiceKind>;
export type ScenarioClass = Static<typeof ScenarioSpec>['class'];
