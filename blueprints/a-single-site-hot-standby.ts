// Scenario (a) of the whitepaper, written with the typed constructs: the same deployment as
// a-single-site-hot-standby.yaml (a test proves both give the same model).
//
// - Two PBX appliances in hot standby, in two different fire zones of the same building.
// - Two trunks from two providers that enter the building through two physically separate
//   supply lines, both emergency-capable.
// - A UPS with a generator behind it, and the phones' PoE switches on the UPS.
// - Policies that write down what was promised to the customer.
//
// Check it with `rbc check blueprints/a-single-site-hot-standby.ts`.
import { Deployment, Gateway, Monitoring, Policy, Provider, Site, Trunk } from '../constructs/index.js';

export default function meyerLogistics(): Deployment {
  const deployment = new Deployment('meyer-logistics', {
    name: 'Meyer Logistik GmbH',
    owner: 'Integrator Nord GmbH (service desk)',
    description: 'Headquarters telephony of Meyer Logistik in Ulm, one site, hot standby.',
    onCall: {
      team: 'Integrator Nord on-call',
      hours: '24x7',
      responseMinutes: 30,
      contacts: [
        { name: 'On-call engineer', phone: '+49 731 555 0100', email: 'oncall@integrator-nord.example' },
        { name: 'Head of IT, Meyer Logistik', phone: '+49 731 400 200', email: 'it@meyer-logistik.example', role: 'escalation' },
      ],
    },
    sla: {
      recoveryMinutes: 480,
      backupResponsibility: 'Integrator Nord backs up the PBX configuration nightly and tests a restore each quarter.',
    },
  });

  // The number block moves to another trunk only when the customer asks, after about 4 hours.
  const telekom = new Provider(deployment, 'telekom', {
    name: 'Deutsche Telekom',
    kind: 'carrier',
    emergencyCalls: true,
    rerouting: { mode: 'on-request', leadTimeMinutes: 240 },
    support: { name: 'Telekom business support', phone: '+49 800 330 1300' },
  });
  const swu = new Provider(deployment, 'stadtwerke-net', {
    name: 'SWU TeleNet',
    kind: 'carrier',
    emergencyCalls: true,
    rerouting: { mode: 'automatic' },
    support: { name: 'SWU TeleNet NOC', phone: '+49 731 166 0', email: 'noc@swu-telenet.example' },
  });

  const ulm = new Site(deployment, 'ulm', {
    name: 'Ulm headquarters',
    role: 'headquarters',
    users: 180,
    emergency: {
      numbers: ['112', '110'],
      location: { street: 'Karlstrasse 12', postalCode: '89073', city: 'Ulm', country: 'DE', area: 'DE-0731', floor: 'Ground floor' },
      testCallsPermitted: false,
    },
  });
  const main = ulm.addBuilding('main', { name: 'Main building' });
  const zoneA = main.addFireZone('zone-a', { name: 'East wing' });
  const zoneB = main.addFireZone('zone-b', { name: 'West wing' });

  // Each server room has its own air conditioning: one failing cooling unit heats one room only.
  const acEast = ulm.addCoolingUnit('ac-east');
  const acWest = ulm.addCoolingUnit('ac-west');
  const serverEast = ulm.addRoom('server-east', { name: 'Server room east', fireZone: zoneA, cooling: [acEast] });
  const serverWest = ulm.addRoom('server-west', { name: 'Server room west', fireZone: zoneB, cooling: [acWest] });

  const mains = ulm.addFeed('mains-1', { name: 'Mains feed 1' });
  const diesel = ulm.addGenerator('diesel', { name: 'Diesel generator', runtimeHours: 48, startSeconds: 30 });
  const upsEast = ulm.addUps('ups-east', { autonomyMinutes: 60, inputs: [mains], generator: diesel, fireZone: zoneA });
  const upsWest = ulm.addUps('ups-west', { autonomyMinutes: 60, inputs: [mains], generator: diesel, fireZone: zoneB });

  // Phones are powered over Ethernet; both switches run on UPS power.
  ulm.addPoeSwitch('poe-east', { fireZone: zoneA, power: upsEast, phones: 90 });
  ulm.addPoeSwitch('poe-west', { fireZone: zoneB, power: upsWest, phones: 90 });

  // Two cable entries on opposite sides of the building.
  const ductNorth = ulm.addSupplyLine('duct-north', { building: main, route: 'North duct from Karlstrasse' });
  const ductSouth = ulm.addSupplyLine('duct-south', { building: main, route: 'South duct from Neutorstrasse' });
  const fibre = ulm.addUplink('fibre-1', { provider: swu, supplyLine: ductSouth, kind: 'internet' });
  const mainBlock = ulm.addNumberBlock('main-block', { range: '+49731400-0', provider: telekom });

  const services = ['internal', 'incoming', 'outbound', 'emergency', 'operator-desk', 'presence', 'cti', 'video', 'application-sharing'] as const;
  const pbxEast = new Gateway(ulm, 'pbx-east', {
    name: 'PBX east (primary)',
    model: 'innovaphone IP811',
    form: 'appliance',
    placement: { room: serverEast },
    psus: [upsEast, mains],
    nics: 2,
    capacity: { users: 500, channels: 60 },
    licences: { users: 180 },
    services,
    address: '10.10.1.10',
    configs: ['prometheus'],
    backup: { intervalHours: 24, target: 'local' },
  });
  // Phones register to the standby when the primary stops answering: 5 s probes, 3 missed,
  // then about 30 s for the phones to re-register.
  const pbxWest = new Gateway(ulm, 'pbx-west', {
    name: 'PBX west (hot standby)',
    model: 'innovaphone IP811',
    form: 'appliance',
    placement: { room: serverWest },
    psus: [upsWest, mains],
    nics: 2,
    capacity: { users: 500, channels: 60 },
    licences: { standby: 180 },
    services,
    standbyFor: [
      { gateway: pbxEast, mode: 'hot', detection: { mechanism: 'registration', probeIntervalSeconds: 5, failureThreshold: 3, reRegistrationSeconds: 30 } },
    ],
    address: '10.10.2.10',
    configs: ['prometheus'],
    backup: { intervalHours: 24, target: 'local' },
  });

  // ISDN primary rate from Telekom through the north duct, carrying the main number block.
  new Trunk(ulm, 'telekom-pri', {
    provider: telekom,
    kind: 'isdn-pri',
    supplyLine: ductNorth,
    gateways: [pbxEast, pbxWest],
    channels: 30,
    numberBlocks: [mainBlock],
    emergency: { capable: true, areas: ['DE-0731'] },
  });
  // SIP trunk from the city carrier over the fibre in the south duct: outbound and emergency
  // calls keep working when the north duct is cut.
  new Trunk(ulm, 'swu-sip', {
    provider: swu,
    kind: 'sip',
    uplink: fibre,
    gateways: [pbxEast, pbxWest],
    channels: 20,
    registrar: 'sip.swu-telenet.example',
    transport: 'tls',
    credentials: 'aws-sm:meyer/trunks/swu-sip',
    emergency: { capable: true, areas: ['DE-0731'] },
  });

  new Policy(deployment, 'emergency-always', {
    description: 'Emergency calls work after any single failure, within a minute, without anyone acting.',
    services: ['emergency'],
    scenarios: [
      { class: 'fire-zone' },
      { class: 'supply-line' },
      { class: 'power-outage', durationMinutes: 240 },
      { class: 'technical-damage' },
      { class: 'overheating' },
      { class: 'provider-outage' },
    ],
    maxSwitchoverSeconds: 60,
    automatic: true,
    owner: 'Head of IT, Meyer Logistik',
  });
  new Policy(deployment, 'telephony-fire', {
    description: 'Internal and outbound calls survive a fire in one fire zone within a minute.',
    services: ['internal', 'outbound'],
    scenarios: [{ class: 'fire-zone' }, { class: 'technical-damage' }],
    maxSwitchoverSeconds: 60,
    automatic: true,
    backupRpoHours: 24,
    owner: 'Head of IT, Meyer Logistik',
  });

  new Monitoring(deployment, 'monitoring', {
    snmp: { credentials: 'aws-sm:meyer/snmp', manager: '10.10.0.5' },
    alertEmails: ['oncall@integrator-nord.example', 'it@meyer-logistik.example'],
    syslog: { host: '10.10.0.5', port: 514 },
    configChangeLogging: true,
  });

  return deployment;
}
