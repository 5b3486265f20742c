// Short descriptions of model elements, shared by the sections.
import type { Gateway, Model, Site, Trunk } from '../../model/types.js';
import type { PathStep, Switchover, Verdict } from '../../analysis/types.js';
import { formatDuration, joinWords } from './format.js';

export function placeText(g: Gateway, sites: ReadonlyMap<string, Site>): string {
  const p = g.placement;
  if (p.type === 'cloud') return `cloud, region ${p.region}, availability zone ${p.az}`;
  const site = sites.get(p.site);
  const parts: string[] = [];
  if (p.room) {
    const room = site?.rooms.find((r) => r.id === p.room);
    parts.push(room && room.name !== room.id ? `${room.name} (room ${room.id})` : `room ${p.room}`);
  }
  if (p.cluster) parts.push(`virtual machine on cluster ${p.cluster}`);
  const zone = site?.fireZones.find((z) => z.id === p.fireZone);
  if (p.fireZone) parts.push(zone && zone.name !== zone.id ? `fire zone ${zone.name} (${zone.id})` : `fire zone ${p.fireZone}`);
  const building = site?.buildings.find((b) => b.id === p.building);
  if (p.building) parts.push(building && building.name !== building.id ? `${building.name} (building ${building.id})` : `building ${p.building}`);
  parts.push(site ? `site ${site.name}` : `site ${p.site}`);
  return parts.join(', ');
}

const TRUNK_KINDS: Record<Trunk['kind'], string> = {
  sip: 'SIP',
  'isdn-pri': 'ISDN PRI',
  'isdn-bri': 'ISDN BRI',
  analog: 'analog',
  mobile: 'mobile',
};
export const trunkKind = (t: Trunk): string => TRUNK_KINDS[t.kind];

export function trunkPath(t: Trunk): string {
  if (t.supplyLine) return `supply line ${t.supplyLine}`;
  if (t.uplink) return `uplink ${t.uplink}`;
  return t.site ? 'radio' : 'cloud';
}

export function gatewayRole(g: Gateway, model: Model): string {
  const roles: string[] = [];
  if (g.serves.length > 0) roles.push(`primary for ${joinWords(g.serves)}`);
  for (const s of g.standbyFor) roles.push(`${s.mode} standby for ${s.gateway}`);
  if (g.master) roles.push(`slave of ${g.master}${g.autonomous ? ' (autonomous)' : ''}`);
  if (roles.length === 0) roles.push(g.kind === 'application-server' ? 'application server' : 'no role');
  void model;
  return roles.join('; ');
}

export const MECHANISM_LABELS: Record<string, string> = {
  registration: 'phones and trunks re-register at the standby',
  vrrp: 'VRRP moves the virtual address to the standby',
  dns: 'DNS failover records point to the standby',
  dispatcher: 'the SIP edge routes to the next gateway',
};
// A Map: indexing the object with a different mechanism each time made V8 deoptimise its caller.
const MECHANISMS = new Map(Object.entries(MECHANISM_LABELS));

/** How a standby takes over, in words (the mechanism's id when it has none). */
export const mechanismLabel = (mechanism: string): string => MECHANISMS.get(mechanism) ?? mechanism;

/** "45 s, automatic" or "4 h 35 min, manual". */
export function switchoverText(s: Switchover): string {
  return `${formatDuration(s.totalSeconds)}, ${s.automatic ? 'automatic' : 'manual'}`;
}

/** "detection (5 s x 3): 15 s + re-registration: 30 s". */
export function partsText(s: Switchover): string {
  return s.parts.map((p) => `${p.label}: ${formatDuration(p.seconds)}`).join(' + ');
}

/** The gateway and trunk hops of a path: "pbx-west (hot standby for pbx-east) → swu-sip". */
export function pathText(path: readonly PathStep[] | null): string {
  if (!path) return '';
  return path
    .filter((s) => s.kind === 'gateway' || s.kind === 'trunk' || s.kind === 'host')
    .map((s) => (s.kind === 'gateway' && s.note && s.note !== 'normal operation' ? `${s.id} (${s.note})` : s.id))
    .join(' → ');
}

export function verdictOutcome(v: Verdict): string {
  if (!v.survives) return `LOST: ${v.reason.replace(/^Fails:\s*/i, '')}`;
  const s = v.switchover;
  const via = pathText(v.path);
  if (!s || s.totalSeconds === 0) return 'unaffected';
  return `back after ${switchoverText(s)}${via ? `, via ${via}` : ''}${s.parts.length > 0 ? `; ${partsText(s)}` : ''}`;
}
