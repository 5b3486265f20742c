// Scenario (f) of the whitepaper, written with the typed constructs: the same deployment as
// f-cloud-pbx-local-survivable.yaml (a test proves both give the same model). Read the YAML for
// the scenario; this file shows how a TypeScript app names what repeats: every travel agency is
// an `Agency`, a Site subclass that builds the agency's rack, power, lines, number block, local
// survivable gateway and local trunk from a handful of props.
import {
  Cloud,
  Deployment,
  Gateway,
  Monitoring,
  Policy,
  Provider,
  Site,
  Trunk,
  type EmergencyLocationProps,
} from '../constructs/index.js';
import type { Construct } from 'constructs';

interface AgencyProps {
  /** Agency name. */
  readonly name: string;
  /** Users (phones) of the agency, split over two PoE switches. */
  readonly users: number;
  /** The dispatchable location sent with emergency calls. */
  readonly location: EmergencyLocationProps;
  /** Routes of the two cable entries: the fibre line (VPN to AWS) and the carrier's voice line. */
  readonly routes: { readonly fibre: string; readonly voice: string };
  /** Id of the second cable entry (the voice line's). */
  readonly voiceEntry: string;
  /** Public address of the fibre router. */
  readonly publicIp: string;
  /** The agency's network, reached from the cloud through the VPN. */
  readonly networkCidr: string;
  /** The agency's number block, E.164. */
  readonly numbers: string;
  /** Address of the local survivable gateway. */
  readonly gatewayAddress: string;
  /** The cloud PBX the survivable gateway is a slave and standby of. */
  readonly cloudPbx: Gateway;
  /** Carrier of the local trunk and the number block. */
  readonly carrier: Provider;
  /** Carrier of the GSM gateway's SIM cards (a second one). */
  readonly mobile: Provider;
  /** ISP of the fibre line. */
  readonly isp: Provider;
}

/**
 * A travel agency: one shop, one rack on two UPSs, a survivable gateway, a local SIP trunk and a
 * GSM gateway as the line of last resort.
 */
class Agency extends Site {
  constructor(scope: Construct, id: string, props: AgencyProps) {
    super(scope, id, { name: props.name, role: 'branch', users: props.users, emergency: { location: props.location } });
    const shop = this.addBuilding('shop');
    const zone = shop.addFireZone('zone-1');
    const rack = this.addRoom('rack', { name: 'Network rack', fireZone: zone });
    const mains = this.addFeed('mains');
    // Two small UPSs: one failing takes down neither all phones nor both lines.
    const ups1 = this.addUps('ups-1', { autonomyMinutes: 90, inputs: [mains] });
    const ups2 = this.addUps('ups-2', { autonomyMinutes: 90, inputs: [mains] });
    const half = Math.ceil(props.users / 2);
    this.addPoeSwitch('poe-1', { fireZone: zone, power: ups1, phones: half });
    this.addPoeSwitch('poe-2', { fireZone: zone, power: ups2, phones: props.users - half });
    const front = this.addSupplyLine('entry-front', { building: shop, route: props.routes.fibre });
    const back = this.addSupplyLine(props.voiceEntry, { building: shop, route: props.routes.voice });
    // The VPN to AWS runs over the fibre line only; the carrier's voice line carries only the
    // local SIP trunk.
    this.addUplink('fibre', { provider: props.isp, supplyLine: front, vpn: true, publicIp: props.publicIp, cidr: props.networkCidr, power: ups2 });
    const voiceLine = this.addUplink('voice-line', { provider: props.carrier, supplyLine: back, vpn: false, power: ups1 });
    const block = this.addNumberBlock(`${id}-block`, { range: props.numbers, provider: props.carrier });

    // The local survivable gateway: an autonomous slave of the cloud PBX that the phones fall
    // back to when the cloud PBX is out of reach (5 s probes, 3 misses).
    const lsg = new Gateway(this, `lsg-${id}`, {
      name: `Survivable gateway ${props.name.split(' ')[0]}`,
      model: 'innovaphone IP311',
      form: 'appliance',
      placement: { room: rack },
      psus: [ups1, ups2],
      nics: 2,
      capacity: { users: 60, channels: 12 },
      licences: { standby: props.users },
      services: ['internal', 'incoming', 'outbound', 'emergency'],
      master: props.cloudPbx,
      autonomous: true,
      standbyFor: [
        { gateway: props.cloudPbx, mode: 'hot', detection: { mechanism: 'registration', probeIntervalSeconds: 5, failureThreshold: 3, reRegistrationSeconds: 30 } },
      ],
      address: props.gatewayAddress,
      configs: ['prometheus'],
      backup: { intervalHours: 6, target: 'cloud-bucket' },
    });
    // The local trunk carries the agency's numbers and keeps outbound and emergency calls going
    // when the agency cannot reach the cloud.
    new Trunk(this, `${id}-sip`, {
      provider: props.carrier,
      kind: 'sip',
      uplink: voiceLine,
      gateways: [lsg],
      channels: 8,
      numberBlocks: [block],
      registrar: 'reg.sip-trunk.telekom.example',
      transport: 'tls',
      credentials: `aws-sm:alpenblick/trunks/${id}`,
      emergency: { capable: true, areas: [props.location.area] },
    });
    // The GSM gateway: no cable, no uplink; the carrier forwards the numbers to it on failure.
    new Trunk(this, `${id}-gsm`, {
      provider: props.mobile,
      kind: 'mobile',
      gateways: [lsg],
      channels: 2,
      emergency: { capable: true, areas: [props.location.area] },
    });
  }
}

export default function alpenblickReisen(): Deployment {
  const deployment = new Deployment('alpenblick-reisen', {
    name: 'Alpenblick Reisen GmbH',
    owner: 'Wolkenwerk Cloud Services (managed telephony)',
    description: 'Cloud PBX on AWS for two travel agencies, with a local survivable gateway and a local trunk in each.',
    onCall: {
      team: 'Wolkenwerk cloud operations',
      hours: '24x7',
      responseMinutes: 15,
      contacts: [
        { name: 'Cloud operations on-call', phone: '+49 89 555 0150', email: 'ops@wolkenwerk.example' },
        { name: 'Office manager, Alpenblick Reisen', phone: '+49 89 555 0400', email: 'office@alpenblick-reisen.example', role: 'customer contact' },
      ],
    },
    sla: {
      recoveryMinutes: 120,
      backupResponsibility: 'Wolkenwerk backs up the cloud PBX and both local gateways every 6 hours to the S3 bucket.',
    },
  });

  const aws = new Provider(deployment, 'aws', { name: 'Amazon Web Services', kind: 'cloud' });
  const telekom = new Provider(deployment, 'telekom', {
    name: 'Deutsche Telekom',
    kind: 'carrier',
    emergencyCalls: true,
    // Forwarding on failure is set up in advance for each number block.
    rerouting: { mode: 'automatic' },
    support: { name: 'Telekom business support', phone: '+49 800 330 1300' },
  });
  const isarvoice = new Provider(deployment, 'isarvoice', {
    name: 'IsarVoice',
    kind: 'carrier',
    emergencyCalls: true,
    rerouting: { mode: 'none' },
    support: { name: 'IsarVoice NOC', phone: '+49 89 555 0950', email: 'noc@isarvoice.example' },
  });
  const funkmobil = new Provider(deployment, 'funkmobil', {
    name: 'FunkMobil',
    kind: 'carrier',
    emergencyCalls: true,
    support: { name: 'FunkMobil business line', phone: '+49 800 555 0700' },
  });
  const mFibre = new Provider(deployment, 'm-fibre', {
    name: 'M-Fibre Business',
    kind: 'isp',
    support: { name: 'M-Fibre NOC', phone: '+49 89 555 0900', email: 'noc@m-fibre.example' },
  });

  new Cloud(deployment, 'aws-account', {
    provider: aws,
    account: '111122223333',
    regions: [{ id: 'eu-central-1', azs: ['eu-central-1a', 'eu-central-1b'], vpcCidr: '10.60.0.0/16' }],
    dnsZone: 'voice.alpenblick-reisen.example',
    backupBucket: 'alpenblick-pbx-backups',
    // Only the operator's management network may reach the cloud instances' admin interfaces.
    adminCidrs: ['203.0.113.0/28'],
    instanceType: 't3.medium',
  });

  const cloudPbx = {
    model: 'innovaphone IPVA',
    form: 'cloud',
    capacity: { users: 500, channels: 60 },
    services: ['internal', 'incoming', 'outbound', 'emergency', 'presence', 'video', 'application-sharing'],
    configs: ['prometheus'],
    backup: { intervalHours: 6, target: 'cloud-bucket' },
  } as const;
  const agencies = ['muenchen', 'augsburg'];
  // Phones of both agencies register here in normal operation (by DNS name in the dnsZone).
  const pbxA = new Gateway(deployment, 'cloud-pbx-a', {
    ...cloudPbx,
    name: 'Cloud PBX (AZ a)',
    placement: { region: 'eu-central-1', az: 'eu-central-1a' },
    licences: { users: 65 },
    serves: agencies,
    address: '10.60.1.10',
  });
  // Its hot standby in the other AZ: Route 53 probes every 10 s, 3 misses, 30 s TTL, then the
  // phones register again.
  const pbxB = new Gateway(deployment, 'cloud-pbx-b', {
    ...cloudPbx,
    name: 'Cloud PBX (AZ b, hot standby)',
    placement: { region: 'eu-central-1', az: 'eu-central-1b' },
    licences: { standby: 65 },
    standbyFor: [
      { gateway: pbxA, mode: 'hot', detection: { mechanism: 'dns', probeIntervalSeconds: 10, failureThreshold: 3, dnsTtlSeconds: 30, reRegistrationSeconds: 30 } },
    ],
    address: '10.60.2.10',
  });

  // The cloud PBX's own trunk: no site, registered from AWS, terminating on both cloud
  // instances; it carries outbound and emergency calls of both agencies in normal operation.
  new Trunk(deployment, 'cloud-sip', {
    provider: isarvoice,
    kind: 'sip',
    gateways: [pbxA, pbxB],
    channels: 30,
    registrar: 'sip.isarvoice.example',
    transport: 'tls',
    credentials: 'aws-sm:alpenblick/trunks/cloud',
    cidrs: ['192.0.2.128/26'],
    emergency: { capable: true, areas: ['DE-089', 'DE-0821'] },
  });

  new Agency(deployment, 'muenchen', {
    name: 'Muenchen agency',
    users: 40,
    location: { street: 'Sendlinger Strasse 30', postalCode: '80331', city: 'Muenchen', country: 'DE', area: 'DE-089', floor: 'Ground floor' },
    routes: { fibre: 'Front of the shop on Sendlinger Strasse', voice: 'Back yard from Hackenstrasse' },
    voiceEntry: 'entry-yard',
    publicIp: '198.51.100.61', networkCidr: '10.61.0.0/16',
    numbers: '+4989555610-0',
    gatewayAddress: '10.61.1.10',
    cloudPbx: pbxA,
    carrier: telekom,
    mobile: funkmobil,
    isp: mFibre,
  });
  new Agency(deployment, 'augsburg', {
    name: 'Augsburg agency',
    users: 25,
    location: { street: 'Maximilianstrasse 12', postalCode: '86150', city: 'Augsburg', country: 'DE', area: 'DE-0821', floor: 'Ground floor' },
    routes: { fibre: 'Front of the shop on Maximilianstrasse', voice: 'Side entry from the Kesselmarkt' },
    voiceEntry: 'entry-side',
    publicIp: '198.51.100.62', networkCidr: '10.62.0.0/16',
    numbers: '+49821555620-0',
    gatewayAddress: '10.62.1.10',
    cloudPbx: pbxA,
    carrier: telekom,
    mobile: funkmobil,
    isp: mFibre,
  });

  new Policy(deployment, 'survive-cloud-loss', {
    description:
      'Both agencies keep internal, incoming, outbound and emergency calls when their VPN line fails or the cloud PBX\'s zone or region fails, within two minutes, automatically.',
    services: ['internal', 'incoming', 'outbound', 'emergency'],
    scenarios: [{ class: 'wan-outage' }, { class: 'cloud-az' }, { class: 'cloud-region' }],
    maxSwitchoverSeconds: 120,
    automatic: true,
    backupRpoHours: 6,
    owner: 'Managing director, Alpenblick Reisen',
  });
  new Policy(deployment, 'emergency-local', {
    description: 'Emergency calls work after a broken device, a cut cable entry or a power cut of an hour.',
    services: ['emergency'],
    scenarios: [{ class: 'technical-damage' }, { class: 'supply-line' }, { class: 'power-outage', durationMinutes: 60 }],
    maxSwitchoverSeconds: 120,
    automatic: true,
    owner: 'Managing director, Alpenblick Reisen',
  });

  new Monitoring(deployment, 'monitoring', {
    snmp: { credentials: 'aws-sm:alpenblick/snmp', manager: '10.60.0.5' },
    alertEmails: ['ops@wolkenwerk.example'],
    syslog: { host: '10.60.0.6' },
    configChangeLogging: true,
  });

  return deployment;
}
