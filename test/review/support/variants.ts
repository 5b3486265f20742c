// The kinds of blueprint change a reviewer meets, each applied to the main example
// (blueprints/a-single-site-hot-standby.yaml) as a reviewer's pull request would.
import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { blueprintPath } from '../../support/compile.js';

export const EXAMPLE_A = blueprintPath('a-single-site-hot-standby.yaml');

export const CHANGES = [
  'remove-second-trunk',
  'standby-into-primary-zone',
  'shorter-ups-autonomy',
  'add-branch',
  'rerouting-lead-time',
  'description-rename',
] as const;
export type ChangeKind = (typeof CHANGES)[number];

/* eslint-disable @typescript-eslint/no-explicit-any */
type Bp = any;

const byId = (list: Bp[], id: string) => {
  const x = list.find((e: Bp) => e.id === id);
  if (!x) throw new Error(`no '${id}' in the example; the fixture needs updating`);
  return x;
};

const EDITS: Record<ChangeKind, (bp: Bp) => void> = {
  // The SIP trunk from the second carrier goes: one carrier, one cable entry left.
  'remove-second-trunk': (bp) => {
    bp.trunks = bp.trunks.filter((t: Bp) => t.id !== 'swu-sip');
  },
  // The standby moves into the primary's server room (same fire zone, same cooling, same UPS).
  'standby-into-primary-zone': (bp) => {
    const west = byId(bp.gateways, 'pbx-west');
    west.placement = { site: 'ulm', room: 'server-east' };
    west.psus = ['ups-east', 'mains-1'];
  },
  // Smaller batteries: both UPS bridge 15 minutes instead of 60.
  'shorter-ups-autonomy': (bp) => {
    for (const u of byId(bp.sites, 'ulm').power.ups) u.autonomyMinutes = 15;
  },
  // A branch in Neu-Ulm: one PBX, one ISDN line from Telekom, no standby.
  'add-branch': (bp) => {
    bp.sites.push({
      id: 'neu-ulm',
      name: 'Neu-Ulm branch',
      role: 'branch',
      users: 25,
      emergency: {
        numbers: ['112'],
        location: { street: 'Marienstrasse 3', postalCode: '89231', city: 'Neu-Ulm', country: 'DE', area: 'DE-0731', floor: 'First floor' },
      },
      buildings: [{ id: 'office', name: 'Office', fireZones: [{ id: 'floor-1', name: 'First floor' }] }],
      rooms: [{ id: 'rack', name: 'Network rack', fireZone: 'floor-1' }],
      power: { feeds: [{ id: 'mains', name: 'Mains' }] },
      poeSwitches: [{ id: 'poe', fireZone: 'floor-1', power: 'mains', phones: 25 }],
      supplyLines: [{ id: 'entry', building: 'office', route: 'Street side' }],
      numberBlocks: [{ id: 'branch-block', range: '+49731980-0', provider: 'telekom' }],
    });
    bp.gateways.push({
      id: 'pbx-neu-ulm',
      name: 'PBX Neu-Ulm',
      model: 'innovaphone IP311',
      form: 'appliance',
      placement: { site: 'neu-ulm', room: 'rack' },
      psus: ['mains'],
      capacity: { users: 50, channels: 8 },
      licences: { users: 25 },
      services: ['internal', 'incoming', 'outbound', 'emergency'],
      address: '10.20.1.10',
      configs: ['prometheus'],
    });
    bp.trunks.push({
      id: 'neu-ulm-bri',
      provider: 'telekom',
      kind: 'isdn-bri',
      site: 'neu-ulm',
      supplyLine: 'entry',
      gateways: ['pbx-neu-ulm'],
      channels: 2,
      numberBlocks: ['branch-block'],
      emergency: { capable: true, areas: ['DE-0731'] },
    });
  },
  // Telekom now needs 8 hours instead of 4 to move the number block to another trunk.
  'rerouting-lead-time': (bp) => {
    byId(bp.providers, 'telekom').rerouting = { mode: 'on-request', leadTimeMinutes: 480 };
  },
  // Words only: the deployment's description.
  'description-rename': (bp) => {
    bp.deployment.description = 'Telephony of the Meyer Logistik headquarters in Ulm: one site, two PBXs in hot standby.';
  },
};

export function exampleText(): string {
  return readFileSync(EXAMPLE_A, 'utf8');
}

/** The example with one change applied, as YAML text. */
export function variantText(change: ChangeKind): string {
  const bp = parse(exampleText());
  EDITS[change](bp);
  return stringify(bp, { lineWidth: 0 });
}
