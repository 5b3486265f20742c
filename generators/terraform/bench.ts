// Terraform synthesis benchmark: a fleet of N cloud-connected branches (each with two VPN
// uplinks and a local survivable gateway standing in for a cloud PBX pair in two AZs), loaded
// through the real loader, then planned, synthesized, checked by the rules and rendered.
// Run: node dist/generators/terraform/bench.js [sites=1000] [memory|disk] [emit]
// With `emit`, each file is handed over and dropped as the CLI's staging writer would (only its
// size is counted) instead of being returned. Prints one JSON line with the timings (ms) and the
// peak resident set (MB) of this process.
import { loadBlueprintText } from '../../load/load.js';
import type { Blueprint } from '../../schema/blueprint.js';
import type { GeneratedFile } from '../types.js';

/** A deployment with `sites` branches connected to a cloud PBX pair; ids and addresses are unique. */
export function fleetBlueprint(sites: number): Blueprint {
  const branch = (i: number): Blueprint['sites'][number] => {
    const a = Math.floor(i / 250);
    const b = i % 250;
    return {
      id: `branch-${String(i).padStart(4, '0')}`,
      name: `Branch ${i}`,
      role: 'branch',
      users: 25,
      emergency: { location: { street: `Street ${i}`, postalCode: '10115', city: 'Berlin', country: 'DE', area: 'DE-030', floor: '1' } },
      buildings: [{ id: 'shop', fireZones: [{ id: 'zone-a' }] }],
      power: { feeds: [{ id: 'mains' }], ups: [{ id: 'ups-1', autonomyMinutes: 60, inputs: ['mains'] }] },
      supplyLines: [{ id: 'duct', building: 'shop' }],
      uplinks: [
        { id: 'dsl', provider: 'isp-a', supplyLine: 'duct', publicIp: `20.${10 + a}.${b}.1`, cidr: `10.${10 + a}.${b}.0/24` },
        { id: 'lte', provider: 'isp-b', kind: 'lte', publicIp: `20.${100 + a}.${b}.1`, cidr: `10.${10 + a}.${b}.0/24` },
      ],
    };
  };
  const list = Array.from({ length: sites }, (_, i) => branch(i));
  return {
    rbc: 1,
    deployment: {
      id: 'fleet',
      name: 'Fleet benchmark',
      owner: 'Benchmark',
      onCall: { team: 'NOC', hours: '24x7', contacts: [{ name: 'NOC', email: 'noc@fleet.example' }] },
    },
    providers: [
      { id: 'aws', name: 'AWS', kind: 'cloud' },
      { id: 'voice', name: 'Voice Connector', kind: 'carrier' },
      { id: 'isp-a', name: 'ISP A', kind: 'isp' },
      { id: 'isp-b', name: 'ISP B', kind: 'isp' },
    ],
    sites: list,
    gateways: [
      { id: 'pbx-a', form: 'cloud', placement: { region: 'eu-central-1', az: 'eu-central-1a' }, serves: list.map((s) => s.id) },
      {
        id: 'pbx-b',
        form: 'cloud',
        placement: { region: 'eu-central-1', az: 'eu-central-1b' },
        standbyFor: [{ gateway: 'pbx-a', mode: 'hot', detection: { mechanism: 'dns', probeIntervalSeconds: 10, failureThreshold: 3, dnsTtlSeconds: 30 } }],
      },
      ...list.map((s, i) => ({
        id: `lsg-${String(i).padStart(4, '0')}`,
        form: 'appliance' as const,
        placement: { site: s.id },
        address: `10.${10 + Math.floor(i / 250)}.${i % 250}.10`,
        services: ['internal' as const, 'outbound' as const, 'emergency' as const],
        standbyFor: [{ gateway: 'pbx-a', mode: 'hot' as const, detection: { mechanism: 'registration' as const } }],
      })),
    ],
    trunks: [{ id: 'cloud-sip', provider: 'voice', kind: 'sip', gateways: ['pbx-a', 'pbx-b'], emergency: { capable: true, areas: ['DE-030'] } }],
    policies: [{ id: 'telephony', services: ['internal', 'outbound'], scenarios: [{ class: 'cloud-az' }], maxSwitchoverSeconds: 120, backupRpoHours: 24 }],
    cloud: {
      provider: 'aws',
      account: '123456789012',
      regions: [{ id: 'eu-central-1', azs: ['eu-central-1a', 'eu-central-1b'], vpcCidr: '10.200.0.0/16' }, { id: 'eu-west-1', azs: ['eu-west-1a'] }],
      dnsZone: 'voice.fleet.example',
      adminCidrs: ['192.0.2.0/28'],
      stateBackend: { bucket: 'fleet-terraform-state', region: 'eu-central-1' },
    },
  };
}

export interface BenchFigures {
  readonly sites: number;
  readonly mode: string;
  readonly emit: boolean;
  readonly stacks: number;
  readonly resources: number;
  readonly bytes: number;
  readonly loadMs: number;
  readonly importMs: number;
  readonly generateMs: number;
  /** Per phase of the generator: plan, synth, rules, files. */
  readonly phasesMs: Readonly<Record<string, number>>;
  readonly totalMs: number;
  /** CPU time of the whole run (user + system): stable on a shared machine, unlike wall time. */
  readonly cpuMs: number;
  readonly peakRssMb: number;
}

export async function benchTerraform(sites: number, mode: 'memory' | 'disk' = 'memory', emit = false): Promise<BenchFigures> {
  const t0 = performance.now();
  const text = Buffer.from(JSON.stringify(fleetBlueprint(sites)));
  const load = loadBlueprintText('fleet.json', text);
  if (!load.model) throw new Error(`fleet blueprint did not load: ${load.diagnostics.map((d) => d.message).join('; ')}`);
  const t1 = performance.now();
  const { generateTerraform } = await import('./generator.js');
  const t2 = performance.now();
  const size = (f: GeneratedFile) => (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength);
  let emitted = 0;
  const result = generateTerraform(load.model, { today: '2026-01-01', synthMode: mode, ...(emit ? { emit: (f: GeneratedFile) => void (emitted += size(f)) } : {}) });
  const t3 = performance.now();
  return {
    sites,
    mode,
    emit,
    stacks: result.counts.stacks,
    resources: result.counts.resources,
    bytes: emitted + result.files.reduce((n, f) => n + size(f), 0),
    loadMs: Math.round(t1 - t0),
    importMs: Math.round(t2 - t1),
    generateMs: Math.round(t3 - t2),
    phasesMs: result.timings,
    totalMs: Math.round(t3 - t0),
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const sites = Number(process.argv[2] ?? 1000);
  const mode = process.argv.slice(3).includes('disk') ? 'disk' : 'memory';
  process.stdout.write(JSON.stringify(await benchTerraform(sites, mode, process.argv.slice(3).includes('emit'))) + '\n');
}
