// A fleet blueprint generator: N realistic sites, deterministic for a seed. Headquarters with
// branches in the whitepaper's option 1/2/3 mixes, cloud PBX customers with local survivable
// gateways, two carriers and an ISP, fire zones, UPS, the usual services and policies.
// Used by `npm run bench` and by the fleet-scale tests.
import type { Blueprint, BlueprintGateway, BlueprintSite, BlueprintTrunk } from '../schema/blueprint.js';

/** Small deterministic PRNG (mulberry32): the same seed gives the same fleet. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FleetOptions {
  /** Number of sites. */
  readonly sites: number;
  /** PRNG seed. @default 1 */
  readonly seed?: number;
}

type Customer = { sites: BlueprintSite[]; gateways: BlueprintGateway[]; trunks: BlueprintTrunk[] };

const AREA = (n: number) => `DE-0${700 + (n % 200)}`;
/** Public addresses from the benchmarking range 198.18.0.0/15, two per site. */
const publicIp = (n: number, k: number) => {
  const a = n * 2 + k;
  return `198.${18 + ((a >> 16) & 1)}.${(a >> 8) & 255}.${a & 255}`;
};
const lan = (n: number) => `10.${(n >> 8) & 255}.${n & 255}.0/24`;

function site(id: string, name: string, role: BlueprintSite['role'], users: number, n: number, twoZones: boolean): BlueprintSite {
  const zones = twoZones ? [{ id: 'zone-a' }, { id: 'zone-b' }] : [{ id: 'zone-a' }];
  return {
    id,
    name,
    role,
    users,
    emergency: {
      location: { street: `Hauptstrasse ${1 + (n % 200)}`, postalCode: String(10000 + (n % 89999)), city: `Stadt ${n}`, country: 'DE', area: AREA(n), floor: 'Ground floor' },
    },
    buildings: [{ id: 'main', fireZones: zones }],
    cooling: twoZones ? [{ id: 'ac-a' }, { id: 'ac-b' }] : [{ id: 'ac-a' }],
    rooms: twoZones
      ? [
          { id: 'srv-a', fireZone: 'zone-a', cooling: ['ac-a'] },
          { id: 'srv-b', fireZone: 'zone-b', cooling: ['ac-b'] },
        ]
      : [{ id: 'srv-a', fireZone: 'zone-a', cooling: ['ac-a'] }],
    power: {
      feeds: [{ id: 'mains' }],
      generators: n % 3 === 0 ? [{ id: 'diesel', runtimeHours: 24 }] : [],
      ups: ['ups-a', 'ups-b'].map((id) => ({ id, autonomyMinutes: 30 + (n % 4) * 30, inputs: ['mains'], ...(n % 3 === 0 ? { generator: 'diesel' } : {}) })),
    },
    // Two phone switches on two UPSs, so neither a switch nor a UPS silences every phone.
    poeSwitches: [
      { id: 'poe-1', fireZone: zones[0]!.id, power: 'ups-a' },
      { id: 'poe-2', fireZone: zones[zones.length - 1]!.id, power: 'ups-b' },
    ],
    supplyLines: [
      { id: 'duct-1', building: 'main' },
      { id: 'duct-2', building: 'main' },
    ],
    uplinks: [
      { id: 'wan-1', provider: 'citynet', supplyLine: 'duct-1', publicIp: publicIp(n, 0), cidr: lan(n) },
      { id: 'lte', provider: 'mobilfunk', kind: 'lte', publicIp: publicIp(n, 1), cidr: lan(n) },
    ],
    numberBlocks: [{ id: 'block', range: `+49${700 + (n % 200)}${String(n).padStart(6, '0')}-0`, provider: 'telco-a' }],
  };
}

const ip = (n: number, host: number) => `10.${(n >> 8) & 255}.${n & 255}.${host}`;

function pbx(id: string, siteId: string, room: string, n: number, host: number, extra: Partial<BlueprintGateway> = {}): BlueprintGateway {
  return {
    id,
    form: 'appliance',
    model: 'innovaphone IP811',
    placement: { site: siteId, room },
    psus: ['ups-a', 'ups-b'],
    nics: 2,
    capacity: { users: 1000, channels: 120 },
    licences: { users: 500, standby: 500 },
    address: ip(n, host),
    configs: ['prometheus'],
    backup: { intervalHours: 24 },
    ...extra,
  };
}

function trunks(prefix: string, siteId: string, gws: string[]): BlueprintTrunk[] {
  return [
    { id: `${prefix}-pri`, provider: 'telco-a', kind: 'isdn-pri', site: siteId, supplyLine: 'duct-2', gateways: [...gws], numberBlocks: ['block'] },
    { id: `${prefix}-sip`, provider: 'telco-b', kind: 'sip', site: siteId, uplink: 'wan-1', gateways: [...gws], registrar: 'sip.telco-b.example', credentials: `aws-sm:fleet/${prefix}` },
  ];
}

/** Option 1: HQ master with hot standby; branches with autonomous slaves and their own trunks. */
function option1(c: number, branches: number): Customer {
  const hq = `c${c}-hq`;
  const out: Customer = { sites: [site(hq, `Customer ${c} HQ`, 'headquarters', 200, c * 10, true)], gateways: [], trunks: [] };
  out.gateways.push(pbx(`${hq}-pbx-a`, hq, 'srv-a', c * 10, 10), pbx(`${hq}-pbx-b`, hq, 'srv-b', c * 10, 11, { standbyFor: [{ gateway: `${hq}-pbx-a`, mode: 'hot' }] }));
  out.trunks.push(...trunks(hq, hq, [`${hq}-pbx-a`, `${hq}-pbx-b`]));
  for (let b = 1; b <= branches; b++) {
    const id = `c${c}-br${b}`;
    out.sites.push(site(id, `Customer ${c} branch ${b}`, 'branch', 25, c * 10 + b, false));
    out.gateways.push(pbx(`${id}-gw`, id, 'srv-a', c * 10 + b, 10, { master: `${hq}-pbx-a` }));
    out.trunks.push(...trunks(id, id, [`${id}-gw`]));
  }
  return out;
}

/** Option 2: two sites, each PBX the hot standby of the other. */
function option2(c: number): Customer {
  const a = `c${c}-north`;
  const b = `c${c}-south`;
  return {
    sites: [site(a, `Customer ${c} north`, 'headquarters', 120, c * 10, false), site(b, `Customer ${c} south`, 'branch', 100, c * 10 + 1, false)],
    gateways: [
      pbx(`${a}-pbx`, a, 'srv-a', c * 10, 10, { standbyFor: [{ gateway: `${b}-pbx`, mode: 'hot' }], serves: [a] }),
      pbx(`${b}-pbx`, b, 'srv-a', c * 10 + 1, 10, { standbyFor: [{ gateway: `${a}-pbx`, mode: 'hot' }], serves: [b] }),
    ],
    trunks: [...trunks(a, a, [`${a}-pbx`]), ...trunks(b, b, [`${b}-pbx`])],
  };
}

/** Option 3: HQ holds one combined cold standby for its branches. */
function option3(c: number, branches: number): Customer {
  const hq = `c${c}-hq`;
  const out: Customer = { sites: [site(hq, `Customer ${c} HQ`, 'headquarters', 300, c * 10, true)], gateways: [], trunks: [] };
  out.gateways.push(pbx(`${hq}-pbx`, hq, 'srv-a', c * 10, 10));
  const standbyFor: NonNullable<BlueprintGateway['standbyFor']> = [{ gateway: `${hq}-pbx`, mode: 'hot' }];
  for (let b = 1; b <= branches; b++) {
    const id = `c${c}-br${b}`;
    out.sites.push(site(id, `Customer ${c} branch ${b}`, 'branch', 40, c * 10 + b, false));
    out.gateways.push(pbx(`${id}-pbx`, id, 'srv-a', c * 10 + b, 10));
    out.trunks.push(...trunks(id, id, [`${id}-pbx`]));
    standbyFor.push({ gateway: `${id}-pbx`, mode: 'cold' });
  }
  out.gateways.push(pbx(`${hq}-standby`, hq, 'srv-b', c * 10, 11, { standbyFor }));
  out.trunks.push(...trunks(hq, hq, [`${hq}-pbx`, `${hq}-standby`]));
  return out;
}

/** Cloud PBX in two AZs with a local survivable gateway per branch. */
function cloudCustomer(c: number, branches: number): Customer {
  const out: Customer = { sites: [], gateways: [], trunks: [] };
  const primary = `c${c}-cloud-a`;
  out.gateways.push(
    { id: primary, form: 'cloud', placement: { region: 'eu-central-1', az: 'eu-central-1a' }, serves: [], capacity: { users: 5000 }, configs: ['prometheus'], backup: { intervalHours: 4 } },
    { id: `c${c}-cloud-b`, form: 'cloud', placement: { region: 'eu-central-1', az: 'eu-central-1b' }, standbyFor: [{ gateway: primary, mode: 'hot', detection: { mechanism: 'dns', probeIntervalSeconds: 10, failureThreshold: 3, dnsTtlSeconds: 30 } }], configs: ['prometheus'], backup: { intervalHours: 4 } },
  );
  const served: string[] = [];
  for (let b = 1; b <= branches; b++) {
    const id = `c${c}-br${b}`;
    served.push(id);
    out.sites.push(site(id, `Customer ${c} branch ${b}`, 'branch', 30, c * 10 + b, false));
    out.gateways.push(pbx(`${id}-lsg`, id, 'srv-a', c * 10 + b, 10, { master: primary, serves: [], standbyFor: [{ gateway: primary, mode: 'hot' }] }));
    out.trunks.push(...trunks(id, id, [`${id}-lsg`]));
  }
  (out.gateways[0] as { serves: string[] }).serves = served;
  return out;
}

/** A deterministic fleet of exactly `sites` sites. */
export function generateFleet(options: FleetOptions): Blueprint {
  const rnd = random(options.seed ?? 1);
  const all: Customer = { sites: [], gateways: [], trunks: [] };
  let c = 0;
  while (all.sites.length < options.sites) {
    c++;
    const left = options.sites - all.sites.length;
    const pick = rnd();
    let customer: Customer;
    if (left === 1) customer = option1(c, 0);
    else if (pick < 0.35) customer = option1(c, Math.min(left - 1, 1 + Math.floor(rnd() * 4)));
    else if (pick < 0.55) customer = option2(c);
    else if (pick < 0.8) customer = option3(c, Math.min(left - 1, 2 + Math.floor(rnd() * 3)));
    else customer = cloudCustomer(c, Math.min(left, 2 + Math.floor(rnd() * 3)));
    all.sites.push(...customer.sites);
    all.gateways.push(...customer.gateways);
    all.trunks.push(...customer.trunks);
  }
  return {
    rbc: 1,
    deployment: {
      id: 'fleet',
      name: `Fleet of ${options.sites} sites`,
      owner: 'Carrier managed services',
      onCall: { team: 'NOC', hours: '24x7', responseMinutes: 15, contacts: [{ name: 'NOC', phone: '+49 89 1234 0', email: 'noc@carrier.example' }] },
    },
    providers: [
      { id: 'telco-a', name: 'Telco A', kind: 'carrier', rerouting: { mode: 'on-request', leadTimeMinutes: 120 } },
      { id: 'telco-b', name: 'Telco B', kind: 'carrier', rerouting: { mode: 'automatic' } },
      { id: 'citynet', name: 'CityNet', kind: 'isp' },
      { id: 'mobilfunk', name: 'Mobilfunk', kind: 'isp' },
      { id: 'aws', name: 'Amazon Web Services', kind: 'cloud' },
    ],
    sites: all.sites,
    gateways: all.gateways,
    trunks: all.trunks,
    policies: [
      { id: 'emergency', services: ['emergency'], scenarios: [{ class: 'fire-zone' }, { class: 'technical-damage' }, { class: 'provider-outage' }, { class: 'power-outage', durationMinutes: 60 }], maxSwitchoverSeconds: 3600 },
      { id: 'telephony', services: ['internal', 'outbound'], scenarios: [{ class: 'technical-damage' }, { class: 'wan-outage' }], maxSwitchoverSeconds: 600 },
    ],
    monitoring: { alertEmails: ['noc@carrier.example'], configChangeLogging: true },
    cloud: {
      provider: 'aws',
      account: '123456789012',
      regions: [{ id: 'eu-central-1', azs: ['eu-central-1a', 'eu-central-1b'], vpcCidr: '172.16.0.0/16' }],
      dnsZone: 'voice.carrier.example',
      backupBucket: 'carrier-fleet-backups',
      adminCidrs: ['198.51.100.0/24'],
    },
  };
}
