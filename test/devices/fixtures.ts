// A single site with a hot-standby PBX pair behind a hot-standby SIP edge (SBC) pair: the edge
// routes calls to the PBXs with kamailio's dispatcher, the two SBCs share a virtual IP with
// keepalived (VRRP), every device has Prometheus rules. The examples in blueprints/ only use
// the prometheus dialect, so this blueprint is where kamailio and keepalived are exercised.
// Addresses and ports are parameters so the live failover test can put it on loopback.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EdgeBlueprintOptions {
  readonly pbxEast: { readonly address: string; readonly port: number };
  readonly pbxWest: { readonly address: string; readonly port: number };
  readonly sbcEast: { readonly address: string; readonly port: number };
  readonly sbcWest: { readonly address: string; readonly port: number };
  /** Dispatcher probing of the PBX pair. */
  readonly probeIntervalSeconds: number;
  readonly failureThreshold: number;
}

export const EDGE_DEFAULTS: EdgeBlueprintOptions = {
  pbxEast: { address: '10.10.1.10', port: 5060 },
  pbxWest: { address: '10.10.2.10', port: 5060 },
  sbcEast: { address: '10.10.1.20', port: 5060 },
  sbcWest: { address: '10.10.2.20', port: 5060 },
  probeIntervalSeconds: 2,
  failureThreshold: 2,
};

export function edgeBlueprintYaml(o: EdgeBlueprintOptions = EDGE_DEFAULTS): string {
  return `rbc: 1
deployment:
  id: edge-test
  name: SIP edge test
  owner: rbc tests
  onCall:
    team: Test on-call
    hours: 24x7
    contacts:
      - { name: On-call, phone: "+49 731 555 0100", email: oncall@example.com }
providers:
  - { id: carrier-a, name: Carrier A, kind: carrier, emergencyCalls: true, rerouting: { mode: automatic } }
  - { id: carrier-b, name: Carrier B, kind: carrier, emergencyCalls: true }
  - { id: isp, name: ISP, kind: isp }
sites:
  - id: ulm
    name: Ulm
    role: headquarters
    users: 100
    emergency:
      numbers: ["112", "110"]
      location: { street: Karlstrasse 12, postalCode: "89073", city: Ulm, country: DE, area: DE-0731, floor: Ground floor }
    buildings:
      - id: main
        fireZones: [{ id: zone-a }, { id: zone-b }]
    rooms:
      - { id: server-east, fireZone: zone-a }
      - { id: server-west, fireZone: zone-b }
    power:
      feeds: [{ id: mains-1 }]
      ups:
        - { id: ups-east, autonomyMinutes: 60, inputs: [mains-1], fireZone: zone-a }
        - { id: ups-west, autonomyMinutes: 40, inputs: [mains-1], fireZone: zone-b }
    supplyLines:
      - { id: duct-north, building: main }
      - { id: duct-south, building: main }
    uplinks:
      - { id: fibre-1, provider: isp, supplyLine: duct-south }
    numberBlocks:
      - { id: main-block, range: "+49731400-0", provider: carrier-a }
gateways:
  - id: pbx-east
    form: appliance
    placement: { site: ulm, room: server-east }
    psus: [ups-east]
    address: ${o.pbxEast.address}
    sipPort: ${o.pbxEast.port}
    configs: [prometheus]
  - id: pbx-west
    form: appliance
    placement: { site: ulm, room: server-west }
    psus: [ups-west]
    licences: { standby: 100 }
    standbyFor:
      - gateway: pbx-east
        mode: hot
        detection: { mechanism: dispatcher, probeIntervalSeconds: ${o.probeIntervalSeconds}, failureThreshold: ${o.failureThreshold}, reRegistrationSeconds: 0 }
    address: ${o.pbxWest.address}
    sipPort: ${o.pbxWest.port}
    configs: [prometheus]
  - id: sbc-east
    kind: sbc
    form: appliance
    placement: { site: ulm, room: server-east }
    psus: [ups-east]
    address: ${o.sbcEast.address}
    sipPort: ${o.sbcEast.port}
    configs: [kamailio, keepalived, prometheus]
  - id: sbc-west
    kind: sbc
    form: appliance
    placement: { site: ulm, room: server-west }
    psus: [ups-west]
    standbyFor:
      - gateway: sbc-east
        mode: hot
        detection: { mechanism: vrrp, probeIntervalSeconds: 1 }
        vrrp: { virtualIp: 10.10.0.10/24, interface: lan0, vrid: 51 }
    address: ${o.sbcWest.address}
    sipPort: ${o.sbcWest.port}
    configs: [kamailio, keepalived, prometheus]
trunks:
  - id: carrier-a-pri
    provider: carrier-a
    kind: isdn-pri
    site: ulm
    supplyLine: duct-north
    gateways: [pbx-east, pbx-west]
    numberBlocks: [main-block]
    emergency: { capable: true }
  - id: carrier-b-sip
    provider: carrier-b
    kind: sip
    site: ulm
    uplink: fibre-1
    gateways: [pbx-east]
    registrar: sip.carrier-b.example
    credentials: env:CARRIER_B_SIP
    emergency: { capable: false }
monitoring:
  snmp: { credentials: aws-sm:edge-test/snmp, manager: 10.10.0.5 }
  alertEmails: [oncall@example.com]
  syslog: { host: 10.10.0.5 }
  configChangeLogging: true
`;
}

/** Writes a blueprint to a fresh temporary folder and returns its path. */
export function writeTempBlueprint(yaml: string, name = 'blueprint.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'rbc-devices-'));
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return file;
}
