// The Assessment: what the analysis concludes about a model. Plain JSON, sorted, deterministic;
// written as out/analysis.json and read by every generator. docs/analysis.md documents it.
import type { ScenarioClass, ServiceKind } from '../model/types.js';

export const ASSESSMENT_VERSION = 1 as const;

export type DomainKind =
  | 'site'
  | 'building'
  | 'fire-zone'
  | 'mains-feed'
  | 'cooling'
  | 'supply-line'
  | 'provider'
  | 'device'
  | 'uplink'
  | 'cloud-az'
  | 'cloud-region';

/** Something that can fail as a unit; a component fails when any domain it depends on fails. */
export interface FailureDomain {
  /** Stable id, e.g. `fire-zone:ulm/zone-a`, `device:gw-ulm-1/psu-1`, `provider:telekom`. */
  readonly id: string;
  readonly kind: DomainKind;
  /** Site the domain belongs to, or null (providers, cloud). */
  readonly site: string | null;
  /** Construct path of the element, e.g. sites/ulm/fire-zones/zone-a. */
  readonly path: string;
  /** Human label, e.g. "fire zone zone-a (building main, Ulm)". */
  readonly label: string;
}

export interface Scenario {
  /** Stable id: the sorted domain ids joined by `+`, with `@<minutes>m` for power outages. */
  readonly id: string;
  readonly class: ScenarioClass;
  readonly label: string;
  readonly domains: readonly string[];
  /** Power outage duration in minutes; null for other classes. */
  readonly durationMinutes: number | null;
  /** `single` (one domain), `double` (a pair that changes a verdict) or `policy` (named by a policy). */
  readonly origin: 'single' | 'double' | 'policy';
}

export interface SwitchoverPart {
  /** e.g. "detection (5 s x 3)", "on-call response outside business hours", "number rerouting (on request)". */
  readonly label: string;
  readonly seconds: number;
}

export interface Switchover {
  readonly totalSeconds: number;
  /** False when any part needs a person (cold standby, rerouting on request). */
  readonly automatic: boolean;
  readonly parts: readonly SwitchoverPart[];
  /** Whether calls in progress are dropped (the whitepaper: they are, on any switchover). */
  readonly activeCallsDropped: boolean;
}

/** One hop of the path that carries a surviving service. */
export interface PathStep {
  readonly kind: 'phones' | 'gateway' | 'trunk' | 'uplink' | 'number-block' | 'host' | 'notification';
  readonly id: string;
  readonly path: string;
  /** e.g. "hot standby for gw-a", "via uplink wan-2". */
  readonly note: string | null;
}

export interface Verdict {
  readonly site: string;
  /** Service id (model.services). */
  readonly service: string;
  readonly kind: ServiceKind;
  readonly scenario: string;
  readonly survives: boolean;
  /** Present when it survives: 0 s when the normal path survives. */
  readonly switchover: Switchover | null;
  /** The path that carries it (when it survives). */
  readonly path: readonly PathStep[] | null;
  /** Failed domains that cut every path (when it does not survive). */
  readonly cut: readonly string[] | null;
  /** One sentence a reviewer can check. */
  readonly reason: string;
}

export interface PolicyViolation {
  readonly site: string;
  /** Service id, the policy's service kind when no such service exists, or `*` for a backup. */
  readonly service: string;
  /** Scenario id, or `normal` when the service fails without any failure (or for a backup). */
  readonly scenario: string;
  readonly reason: string;
  /** For a backup older than the policy's RPO allows: the gateway and its interval; else null (always set by analyse). */
  readonly rpo?: { readonly gateway: string; readonly intervalHours: number | null; readonly rpoHours: number } | null;
}

export interface PolicyVerdict {
  readonly policy: string;
  readonly met: boolean;
  readonly violations: readonly PolicyViolation[];
}

export interface CutSet {
  readonly order: number;
  readonly domains: readonly string[];
  /** Site/service pairs it takes down, sorted. */
  readonly affects: readonly { readonly site: string; readonly service: string }[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** Key of the rule's message (rule metadata), or `ruleFailed` when the rule itself threw (always set by analyse). */
  readonly messageId?: string;
  readonly message: string;
  /** Construct path the finding is on. */
  readonly path: string;
  /** The acknowledgement that hides it, if any and not expired. */
  readonly acknowledged: { readonly reason: string; readonly owner: string; readonly expires: string } | null;
}

/** What became of an acknowledgement in the blueprint. */
export interface AcknowledgementStatus {
  readonly rule: string;
  readonly target: string;
  readonly owner: string;
  readonly expires: string;
  /** `active` hides its findings; `expired` no longer does; `unused` matches no finding. */
  readonly status: 'active' | 'expired' | 'unused';
  /** How many findings it matches. */
  readonly matches: number;
}

export interface Assessment {
  readonly version: typeof ASSESSMENT_VERSION;
  readonly domains: readonly FailureDomain[];
  readonly scenarios: readonly Scenario[];
  /** Every site x service in normal operation (scenario `normal`), sorted by site, service (always set by analyse). */
  readonly baseline?: readonly Verdict[];
  /**
   * Verdicts per site x service x scenario, for the scenarios that touch what the site depends
   * on (any other scenario leaves the normal path intact). Sorted by site, service, scenario.
   */
  readonly matrix: readonly Verdict[];
  readonly policies: readonly PolicyVerdict[];
  readonly pointsOfFailure: readonly CutSet[];
  /** Rule findings, sorted by rule, path, message; acknowledged ones included and marked. */
  readonly findings: readonly Finding[];
  /** The blueprint's acknowledgements and what became of them, sorted by rule, target (always set by analyse). */
  readonly acknowledgements?: readonly AcknowledgementStatus[];
}
