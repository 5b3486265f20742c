// Scenarios: the failure sets the analysis evaluates, named after the whitepaper's checklist.
// Ids are the sorted domain ids joined by `+`, with `@<minutes>m` when mains feeds are out.
import type { Model, ScenarioClass } from '../model/types.js';
import type { DomainTable } from './domains.js';
import type { DomainKind, FailureDomain, Scenario } from './types.js';

/** The scenario class a failure of one domain belongs to. */
export const CLASS_OF_KIND: Readonly<Record<DomainKind, ScenarioClass>> = {
  site: 'site',
  building: 'building',
  'fire-zone': 'fire-zone',
  'mains-feed': 'power-outage',
  cooling: 'overheating',
  'supply-line': 'supply-line',
  provider: 'provider-outage',
  device: 'technical-damage',
  uplink: 'wan-outage',
  'cloud-az': 'cloud-az',
  'cloud-region': 'cloud-region',
};

/** The domain kind a policy's scenario class fails, one domain (or one site's worth) at a time. */
export const KIND_OF_CLASS: Readonly<Record<ScenarioClass, DomainKind>> = {
  'fire-zone': 'fire-zone',
  building: 'building',
  site: 'site',
  'supply-line': 'supply-line',
  overheating: 'cooling',
  'power-outage': 'mains-feed',
  'technical-damage': 'device',
  'provider-outage': 'provider',
  'wan-outage': 'uplink',
  'cloud-az': 'cloud-az',
  'cloud-region': 'cloud-region',
};

/** The checklist's order, used to name the class of a double failure of mixed kinds. */
const CHECKLIST: readonly ScenarioClass[] = [
  'site',
  'building',
  'fire-zone',
  'supply-line',
  'overheating',
  'power-outage',
  'technical-damage',
  'provider-outage',
  'wan-outage',
  'cloud-region',
  'cloud-az',
];

/** Default duration of a mains outage when no policy names one (the blueprint's default). */
export const DEFAULT_OUTAGE_MINUTES = 60;

/** `domainIds` in ascending order. */
export function scenarioId(domainIds: readonly string[], durationMinutes: number | null): string {
  const ids = domainIds.join('+');
  return durationMinutes === null ? ids : `${ids}@${durationMinutes}m`;
}

function phrase(d: FailureDomain): string {
  switch (d.kind) {
    case 'site':
      return `fire or flood destroying ${d.label}`;
    case 'building':
    case 'fire-zone':
      return `fire or flood in ${d.label}`;
    case 'mains-feed':
      return `power outage of ${d.label}`;
    case 'cooling':
      return `overheating: failure of ${d.label}`;
    case 'supply-line':
      return `external damage: cut of ${d.label}`;
    case 'device':
      return `technical damage of ${d.label}`;
    default:
      return `outage of ${d.label}`;
  }
}

/**
 * The scenarios' registry: a single scenario for every domain (a mains feed with its site's
 * reference duration), plus the double and policy scenarios sites add as they find them.
 */
export class ScenarioBook {
  private readonly byId = new Map<string, Scenario>();
  /** Per domain index: its single scenario's id and outage duration (0 when no mains fail). */
  readonly singleId: readonly string[];
  readonly singleDuration: readonly number[];

  constructor(
    readonly domains: DomainTable,
    /** Per site: the reference outage duration of its mains feeds. */
    readonly referenceMinutes: ReadonlyMap<string, number>,
  ) {
    const ids: string[] = [];
    const durations: number[] = [];
    for (const d of domains.list) {
      const minutes = d.kind === 'mains-feed' ? referenceMinutes.get(d.site ?? '') ?? DEFAULT_OUTAGE_MINUTES : null;
      const s = this.make([d], minutes, CLASS_OF_KIND[d.kind], 'single');
      this.byId.set(s.id, s);
      ids.push(s.id);
      durations.push(minutes ?? 0);
    }
    this.singleId = ids;
    this.singleDuration = durations;
  }

  /** `domains` in ascending id order (ascending table positions are). */
  private make(domains: readonly FailureDomain[], minutes: number | null, cls: ScenarioClass, origin: Scenario['origin'], label?: string): Scenario {
    const ids = domains.map((d) => d.id);
    const text = label ?? domains.map(phrase).join(' and ') + (minutes === null ? '' : ` for ${minutes} min`);
    return { id: scenarioId(ids, minutes), class: cls, label: text, domains: ids, durationMinutes: minutes, origin };
  }

  /** The duration of a failure set: the longest reference duration of its mains feeds, else 0. */
  durationOf(domains: readonly number[]): number {
    let m = 0;
    for (const d of domains) m = Math.max(m, this.singleDuration[d]!);
    return m;
  }

  /** Registers a double failure that cuts a service neither failure cuts alone (positions ascending). */
  addDouble(domains: readonly number[]): Scenario {
    const list = domains.map((d) => this.domains.list[d]!);
    const hasFeed = list.some((d) => d.kind === 'mains-feed');
    const minutes = hasFeed ? this.durationOf(domains) : null;
    const known = this.byId.get(scenarioId(list.map((d) => d.id), minutes));
    if (known) return known;
    const cls = CHECKLIST.find((c) => list.some((d) => CLASS_OF_KIND[d.kind] === c))!;
    return this.register(this.make(list, minutes, cls, 'double'));
  }

  /** Registers a scenario a policy names: several domains of one site failing together (positions ascending). */
  addPolicy(domains: readonly number[], minutes: number | null, cls: ScenarioClass, label: string): Scenario {
    const list = domains.map((d) => this.domains.list[d]!);
    const known = this.byId.get(scenarioId(list.map((d) => d.id), minutes));
    // A pair a policy names is the policy's scenario, even where it is also a double failure that matters.
    if (known && known.origin !== 'double') return known;
    const s = this.make(list, minutes, cls, 'policy', list.length > 1 ? label : undefined);
    this.byId.set(s.id, s);
    return s;
  }

  private register(s: Scenario): Scenario {
    const known = this.byId.get(s.id);
    if (known) return known;
    this.byId.set(s.id, s);
    return s;
  }

  get(id: string): Scenario | undefined {
    return this.byId.get(id);
  }

  all(): Scenario[] {
    return [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * The reference duration of a site's mains outage: the longest power outage any policy covering
 * the site names, else the blueprint's default of 60 minutes.
 */
export function referenceDurations(model: Model): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of model.policies) {
    for (const spec of p.scenarios) {
      if (spec.class !== 'power-outage' || spec.durationMinutes === null) continue;
      for (const s of p.sites) out.set(s, Math.max(out.get(s) ?? 0, spec.durationMinutes));
    }
  }
  return out;
}
