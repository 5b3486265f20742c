// Words and numbers as a runbook prints them. Pure functions, no escaping (templates escape).
import type { ScenarioClass, ServiceKind, Site, OnCall, Contact, Provider } from '../../model/types.js';
import type { Scenario } from '../../analysis/types.js';
import { SERVICE_LABELS } from '../../model/services.js';

/** 0 -> "0 s", 45 -> "45 s", 150 -> "2 min 30 s", 15300 -> "4 h 15 min", 216000 -> "2 d 12 h". */
export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds)) return 'unbounded';
  const s = Math.max(0, Math.round(totalSeconds * 10) / 10);
  if (s < 60) return `${trimNumber(s)} s`;
  const whole = Math.round(s);
  const days = Math.floor(whole / 86400);
  const hours = Math.floor((whole % 86400) / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

export const formatMinutes = (minutes: number): string => formatDuration(minutes * 60);

const trimNumber = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Order and names of the scenario classes, following the whitepaper's checklist. */
export const SCENARIO_CLASSES: readonly { readonly id: ScenarioClass; readonly label: string }[] = [
  { id: 'fire-zone', label: 'Fire / flooding of a fire zone' },
  { id: 'building', label: 'Fire / flooding of a building' },
  { id: 'site', label: 'Fire / flooding of the whole site' },
  { id: 'supply-line', label: 'External damage to a supply line' },
  { id: 'overheating', label: 'Overheating' },
  { id: 'power-outage', label: 'Power outage' },
  { id: 'technical-damage', label: 'Technical damage' },
  { id: 'provider-outage', label: 'Provider outage' },
  { id: 'wan-outage', label: 'WAN outage' },
  { id: 'cloud-az', label: 'Cloud availability zone outage' },
  { id: 'cloud-region', label: 'Cloud region outage' },
];

const CLASS_RANK = new Map(SCENARIO_CLASSES.map((c, i) => [c.id, i]));
const CLASS_LABEL = new Map<string, string>(SCENARIO_CLASSES.map((c) => [c.id, c.label]));

export const classLabel = (c: ScenarioClass): string => CLASS_LABEL.get(c) ?? c;
export const classRank = (c: ScenarioClass): number => CLASS_RANK.get(c) ?? SCENARIO_CLASSES.length;

const ORIGIN_RANK: Record<Scenario['origin'], number> = { policy: 0, single: 1, double: 2 };

/** Procedures and matrix rows: single failures first, then double ones; each by class in checklist order, then id. */
export function compareScenarios(a: Scenario, b: Scenario): number {
  const oa = a.origin === 'double' ? 1 : 0;
  const ob = b.origin === 'double' ? 1 : 0;
  if (oa !== ob) return oa - ob;
  const ca = classRank(a.class);
  const cb = classRank(b.class);
  if (ca !== cb) return ca - cb;
  if ((a.durationMinutes ?? 0) !== (b.durationMinutes ?? 0)) return (a.durationMinutes ?? 0) - (b.durationMinutes ?? 0);
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin];
}

/** Checklist order of the services (the whitepaper's list), used for columns and lists. */
export const SERVICE_ORDER: readonly ServiceKind[] = [
  'internal', 'incoming', 'outbound', 'emergency', 'operator-desk',
  'call-centre-telephony', 'call-centre-chat', 'call-centre-email',
  'cti', 'video', 'application-sharing', 'crm', 'erp', 'trouble-ticket', 'alerting',
  'fax', 'presence', 'other',
];
const SERVICE_RANK = new Map(SERVICE_ORDER.map((k, i) => [k, i]));
export const serviceRank = (k: ServiceKind): number => SERVICE_RANK.get(k) ?? SERVICE_ORDER.length;
export const serviceLabel = (k: ServiceKind): string => SERVICE_LABELS[k] ?? k;

export const ROLE_LABELS: Readonly<Record<Site['role'], string>> = {
  headquarters: 'Headquarters',
  branch: 'Branch',
  datacenter: 'Data centre',
};

const DAYS: Record<OnCall['businessHours']['days'], string> = { 'mon-fri': 'Mon–Fri', 'mon-sat': 'Mon–Sat', 'mon-sun': 'Mon–Sun' };

export function onCallHours(o: OnCall): string {
  if (o.hours === '24x7') return '24x7 (around the clock)';
  return `business hours only: ${DAYS[o.businessHours.days]} ${o.businessHours.from}–${o.businessHours.to} (local time)`;
}

/** "Name (role), phone, e-mail" on one line. */
export function contactLine(c: Contact): string {
  const parts = [c.role ? `${c.name} (${c.role})` : c.name];
  if (c.phone) parts.push(`phone ${c.phone}`);
  if (c.email) parts.push(`e-mail ${c.email}`);
  return parts.join(', ');
}

export function reroutingText(p: Provider): string {
  switch (p.rerouting.mode) {
    case 'automatic':
      return p.rerouting.leadTimeMinutes > 0
        ? `automatic (pre-arranged), takes effect after ${formatMinutes(p.rerouting.leadTimeMinutes)}`
        : 'automatic (pre-arranged), no call needed';
    case 'on-request':
      return `on request only: call the provider's support; calls arrive on the other trunk about ${formatMinutes(p.rerouting.leadTimeMinutes)} after the request`;
    case 'none':
      return 'none: the provider does not move number blocks to another trunk';
  }
}

export const PROVIDER_KIND_LABELS: Readonly<Record<Provider['kind'], string>> = {
  carrier: 'Carrier (telephony)',
  isp: 'Internet / WAN provider',
  cloud: 'Cloud platform',
};

/** "a, b and c". */
export function joinWords(words: readonly string[], last = 'and'): string {
  const n = words.length;
  if (n <= 1) return words.join('');
  // Written out rather than sliced and joined: procedures call this tens of times each.
  let out = words[0]!;
  for (let i = 1; i < n - 1; i++) out += `, ${words[i]}`;
  return `${out} ${last} ${words[n - 1]}`;
}

/** Stable sort helper for strings. */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A short list for evidence: the first `max`, then "and N more". */
export function capList(items: readonly string[], max: number): string[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max), `… and ${items.length - max} more (see the matrix in section 3)`];
}

/** Ordinal number of a section item, e.g. "5.3". */
export const numbered = (section: number, index: number): string => `${section}.${index + 1}`;

/** An HTML anchor from a section number, e.g. "s5-3". */
export const anchorOf = (number: string): string => `s${number.replace(/\./g, '-')}`;

/** A scenario's label as a title: "Fire or flood in fire zone zone-a (...)". */
export function scenarioTitle(s: Pick<Scenario, 'label'>): string {
  return s.label.charAt(0).toUpperCase() + s.label.slice(1);
}

/** Ends a text with a full stop unless it ends with punctuation already. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
