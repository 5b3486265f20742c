// The Review: what `rbc diff` concludes about two compiled outputs. Plain JSON, sorted,
// deterministic; `rbc diff --format json` prints it and the Markdown renderer reads only this.
// docs/review.md documents it.
import type { Severity } from '../analysis/types.js';

export const REVIEW_VERSION = 1 as const;

/** One side of the comparison as the review names it. */
export interface SideSummary {
  /** How the side was given, e.g. `out/`, `blueprints/a.yaml`, `blueprints/a.yaml@origin/main`. */
  readonly label: string;
  /** `output` (a compiled directory), `blueprint` (compiled on the fly) or `empty` (nothing there). */
  readonly kind: 'output' | 'blueprint' | 'empty';
  readonly rbcVersion: string | null;
  readonly inputHash: string | null;
}

export type PolicyState = 'met' | 'violated' | 'absent';

/** A policy violation with the names a reviewer reads. */
export interface ViolationRef {
  readonly site: string;
  readonly siteName: string;
  /** Service id (`*` for a backup older than the policy's RPO). */
  readonly service: string;
  readonly serviceName: string;
  readonly scenario: ScenarioRef;
  readonly reason: string;
}

export interface PolicyChange {
  readonly policy: string;
  readonly description: string | null;
  readonly before: PolicyState;
  readonly after: PolicyState;
  /** Violations (site, service, scenario) that the new side has and the old one had not. */
  readonly newViolations: readonly ViolationRef[];
  readonly resolvedViolations: readonly ViolationRef[];
}

/** A scenario as the review shows it. */
export interface ScenarioRef {
  readonly id: string;
  readonly label: string;
  readonly class: string;
}

export interface SurvivalChange {
  readonly site: string;
  readonly service: string;
  readonly serviceName: string;
  readonly scenario: ScenarioRef;
  readonly change: 'lost' | 'gained';
  /**
   * True when the scenario did not exist on the old side (a new failure domain): it counts as
   * lost only when no part of it already took the service down before.
   */
  readonly newScenario: boolean;
  /** The new side's explanation (for lost: what cuts it; for gained: the path that carries it). */
  readonly reason: string;
  /** Labels of the failed domains that cut every path (lost only). */
  readonly cut: readonly string[];
}

export interface PolicyLimit {
  readonly policy: string;
  readonly maxSwitchoverSeconds: number | null;
  readonly automatic: boolean;
}

export interface SwitchoverChange {
  readonly site: string;
  readonly service: string;
  readonly serviceName: string;
  readonly scenario: ScenarioRef;
  readonly beforeSeconds: number;
  readonly afterSeconds: number;
  readonly beforeAutomatic: boolean;
  readonly afterAutomatic: boolean;
  /** The new side's breakdown, e.g. `detection (5 s x 3) 15 s`. */
  readonly afterParts: readonly string[];
  /** Policies covering this verdict whose limit the new switchover breaks and the old one did not. */
  readonly beyondPolicies: readonly PolicyLimit[];
}

/** A verdict on a site or service that exists only on one side (shown for information). */
export interface ExposureSummary {
  readonly service: string;
  readonly serviceName: string;
  /** Scenarios analysed for it. */
  readonly analysed: number;
  /** Scenarios it does not survive. */
  readonly notSurviving: readonly ScenarioRef[];
}

export interface SiteRedundancy {
  readonly site: string;
  readonly name: string;
  /** `added` and `removed` sites list exposure only; `changed` sites list the changes. */
  readonly status: 'added' | 'removed' | 'changed';
  readonly lost: readonly SurvivalChange[];
  readonly gained: readonly SurvivalChange[];
  readonly switchover: readonly SwitchoverChange[];
  /** Services added at this site (or every service of an added site). */
  readonly addedServices: readonly ExposureSummary[];
  readonly removedServices: readonly string[];
}

export interface DomainRef {
  readonly id: string;
  readonly label: string;
}

export interface CutSetChange {
  /** `absorbed`: gone only because a smaller cut set inside it now takes the same services down. */
  readonly change: 'new' | 'removed' | 'changed' | 'absorbed';
  readonly order: number;
  readonly domains: readonly DomainRef[];
  /** `site/service` pairs it takes down (on the new side; on the old side for removed). */
  readonly affects: readonly string[];
  /** For `changed`: pairs it now also takes down, and pairs it no longer takes down. */
  readonly affectsAdded: readonly string[];
  readonly affectsRemoved: readonly string[];
}

export interface FindingChange {
  /** `acknowledged`: present on both sides, newly acknowledged; `unacknowledged`: lost its acknowledgement. */
  readonly change: 'new' | 'resolved' | 'acknowledged' | 'unacknowledged';
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly acknowledged: { readonly reason: string; readonly owner: string; readonly expires: string } | null;
}

export interface RedundancyChanges {
  readonly changed: boolean;
  readonly policies: readonly PolicyChange[];
  readonly sites: readonly SiteRedundancy[];
  readonly pointsOfFailure: readonly CutSetChange[];
  readonly findings: readonly FindingChange[];
  /** Scenarios analysed only on one side (ids). */
  readonly scenariosAdded: readonly string[];
  readonly scenariosRemoved: readonly string[];
}

export interface ArgumentChange {
  /** e.g. `tags.Name`, `ingress[0].cidr_blocks`. */
  readonly path: string;
  /** Rendered value (JSON), `null` when absent on that side; secrets are masked. */
  readonly before: string | null;
  readonly after: string | null;
  readonly masked: boolean;
}

export type BlockKind = 'resource' | 'data' | 'output' | 'variable' | 'locals' | 'provider' | 'terraform' | 'module';

export interface BlockChange {
  readonly kind: BlockKind;
  /** Terraform address, e.g. `aws_instance.pbx`, `data.aws_ami.pbx`, `provider.aws`. */
  readonly address: string;
  /** `destroy` is for resources and modules; other blocks (data, outputs, ...) are `remove`d. */
  readonly change: 'destroy' | 'move' | 'add' | 'change' | 'remove';
  /** For `move`: the old address (a `moved` block in the new stack). */
  readonly from: string | null;
  /** True when added through an `import` block (adopts an existing object, creates nothing). */
  readonly imported: boolean;
  readonly arguments: readonly ArgumentChange[];
}

export interface StackChange {
  readonly stack: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** Resources to destroy first, then moves, additions and changes; each sorted by address. */
  readonly blocks: readonly BlockChange[];
}

export interface TerraformTotals {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly move: number;
  readonly import: number;
}

export interface TerraformChanges {
  readonly changed: boolean;
  readonly totals: TerraformTotals;
  readonly stacks: readonly StackChange[];
}

export type FileGroup = 'devices' | 'runbooks' | 'other';

export interface FileChange {
  readonly path: string;
  readonly group: FileGroup;
  readonly status: 'added' | 'removed' | 'changed';
  readonly binary: boolean;
  readonly additions: number;
  readonly deletions: number;
  /** Unified diff (secrets masked); null for binary files or a diff too large to compute. */
  readonly patch: string | null;
  /** Why there is no patch, e.g. `rendered from runbooks/ulm.md`. */
  readonly note: string | null;
}

export type RegressionKind = 'policy-violated' | 'survival-lost' | 'switchover-beyond-policy';

export interface Regression {
  readonly kind: RegressionKind;
  readonly site: string | null;
  readonly service: string | null;
  readonly scenario: string | null;
  readonly policy: string | null;
  readonly message: string;
}

export interface Review {
  readonly version: typeof REVIEW_VERSION;
  /** Every artifact but the manifest is byte-identical on both sides. */
  readonly identical: boolean;
  /** One line; `No changes.` when identical. */
  readonly headline: string;
  readonly old: SideSummary;
  readonly new: SideSummary;
  readonly regressions: readonly Regression[];
  readonly redundancy: RedundancyChanges;
  readonly terraform: TerraformChanges;
  readonly files: readonly FileChange[];
  /** Remarks about the comparison itself (an edited output, differing rbc versions, ...). */
  readonly notes: readonly string[];
}
