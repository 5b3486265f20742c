// The data the runbook templates receive: plain, unescaped text and numbers, computed once from
// the model and the assessment. This is the contract for user templates (docs/runbooks.md):
// fields are only added, never renamed. Absent values are null, never undefined, because the
// templates run with Handlebars' strict mode.

export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface ContactView {
  readonly name: string;
  readonly role: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  /** Everything on one line. */
  readonly line: string;
}

export interface ProviderView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly emergencyCalls: string;
  readonly support: ContactView | null;
  readonly rerouting: string;
  /** What the provider carries for this site, e.g. "trunk telekom-pri (ISDN PRI, 30 channels)". */
  readonly carries: readonly string[];
}

export interface PolicyView {
  readonly id: string;
  readonly description: string;
  readonly services: string;
  readonly scenarios: string;
  readonly limit: string;
  readonly owner: string;
  /** "met" or "VIOLATED (n)" for this site. */
  readonly status: string;
  readonly met: boolean;
}

export interface ActivationCriterion {
  readonly number: string;
  readonly anchor: string;
  readonly scenario: string;
  readonly signal: string;
}

export interface SummaryView {
  readonly facts: readonly Fact[];
  readonly onCall: {
    readonly team: string;
    readonly hours: string;
    readonly response: string;
    readonly contacts: readonly ContactView[];
  };
  readonly decides: string;
  readonly providers: readonly ProviderView[];
  readonly policies: readonly PolicyView[];
  readonly activation: readonly ActivationCriterion[];
}

export interface TopologyView {
  /** Mermaid flowchart source (labels escaped for Mermaid). */
  readonly mermaid: string;
  /** Inline SVG rendered by Graphviz. */
  readonly svg: string;
  readonly legend: readonly Fact[];
}

export interface MatrixCell {
  /** "unaffected", "survives" or "fails". */
  readonly state: 'unaffected' | 'survives' | 'fails' | 'not-provided';
  /** Text for the cell, with the broken policies, e.g. "✘ FAILS ⚑ emergency-always". */
  readonly text: string;
  /** The same without the policies, e.g. "✔ 45 s auto". */
  readonly short: string;
  /** Policies this verdict violates. */
  readonly violated: readonly string[];
  /** The analysis' one-sentence reason. */
  readonly reason: string;
}

export interface MatrixRow {
  readonly scenario: string;
  readonly scenarioClass: string;
  readonly origin: string;
  readonly procedure: string;
  readonly anchor: string;
  readonly cells: readonly MatrixCell[];
}

export interface MatrixView {
  readonly services: readonly { readonly id: string; readonly kind: string; readonly label: string }[];
  readonly rows: readonly MatrixRow[];
  readonly empty: boolean;
}

export type ChecklistState = 'covered' | 'not-covered' | 'not-applicable' | 'acknowledged';

export interface ChecklistItemView {
  readonly number: string;
  readonly id: string;
  readonly title: string;
  readonly state: ChecklistState;
  /** "covered", "NOT COVERED", "not applicable", "acknowledged risk". */
  readonly stateLabel: string;
  /** A symbol readable in black and white: ✔ ✘ – ⚑. */
  readonly symbol: string;
  readonly evidence: readonly string[];
  /** For an acknowledged risk: the reasons given, with owner and expiry. */
  readonly acknowledgements: readonly string[];
}

export interface ChecklistGroupView {
  readonly number: string;
  readonly title: string;
  readonly items: readonly ChecklistItemView[];
}

export interface ChecklistView {
  readonly groups: readonly ChecklistGroupView[];
  readonly counts: { readonly covered: number; readonly notCovered: number; readonly notApplicable: number; readonly acknowledged: number };
}

export interface StepView {
  readonly text: string;
  readonly details: readonly string[];
}

export interface OutcomeView {
  readonly service: string;
  readonly state: 'unaffected' | 'survives' | 'fails';
  readonly text: string;
}

export interface ProcedureView {
  readonly number: string;
  readonly anchor: string;
  readonly scenarioId: string;
  readonly title: string;
  readonly scenarioClass: string;
  readonly origin: string;
  /** One paragraph: what this scenario means for the site. */
  readonly summary: string;
  /** Activation: how the failure shows itself. */
  readonly signals: readonly string[];
  /** What happens without anyone acting, and how long it takes. */
  readonly automatic: readonly string[];
  /** Per service: unaffected / survives after ... / fails. */
  readonly outcomes: readonly OutcomeView[];
  /** Whether calls in progress are dropped, in words. */
  readonly callsDropped: string;
  readonly notify: readonly StepView[];
  /** Recovery: the manual steps, in order. */
  readonly steps: readonly StepView[];
  readonly decides: string;
  readonly verify: readonly string[];
  /** Reconstitution and failback, in order. */
  readonly failback: readonly StepView[];
  /** A double failure shown compactly: follow the single procedures, plus `steps`. */
  readonly combined: boolean;
  /** For a combined entry: the single-failure procedures to follow. */
  readonly follow: readonly { readonly number: string; readonly anchor: string; readonly title: string }[];
}

export interface DrillView {
  readonly rows: readonly {
    readonly scenario: string;
    readonly procedure: string;
    readonly anchor: string;
    readonly simulate: string;
    readonly frequency: string;
    readonly expected: string;
    readonly pass: string;
  }[];
  readonly emergencyTest: string;
  readonly emergencyTestPermitted: boolean;
  readonly notes: readonly string[];
}

export interface FindingsView {
  readonly violations: readonly { readonly policy: string; readonly service: string; readonly scenario: string; readonly reason: string; readonly owner: string }[];
  readonly open: readonly { readonly rule: string; readonly severity: string; readonly message: string; readonly path: string }[];
  readonly acknowledged: readonly { readonly rule: string; readonly message: string; readonly path: string; readonly reason: string; readonly owner: string; readonly expires: string }[];
  readonly none: boolean;
}

export interface InventoryView {
  readonly gateways: readonly { readonly id: string; readonly name: string; readonly role: string; readonly model: string; readonly place: string; readonly address: string; readonly power: string; readonly services: string }[];
  readonly trunks: readonly { readonly id: string; readonly provider: string; readonly kind: string; readonly path: string; readonly channels: string; readonly numbers: string; readonly emergency: string }[];
  readonly numberBlocks: readonly { readonly id: string; readonly range: string; readonly provider: string; readonly rerouting: string }[];
  readonly power: readonly Fact[];
  readonly monitoring: readonly Fact[];
}

export interface SiteRunbookView {
  readonly title: string;
  readonly deployment: { readonly id: string; readonly name: string; readonly owner: string; readonly description: string | null };
  readonly site: { readonly id: string; readonly name: string; readonly role: string; readonly roleLabel: string; readonly users: number; readonly path: string };
  readonly files: { readonly markdown: string; readonly html: string; readonly index: string };
  readonly summary: SummaryView;
  readonly topology: TopologyView;
  readonly matrix: MatrixView;
  readonly checklist: ChecklistView;
  /** Section 5: one full procedure per single failure (and per scenario a policy names). */
  readonly procedures: readonly ProcedureView[];
  /** Section 5, continued: the double failures, each referring to its single procedures. */
  readonly combined: readonly ProcedureView[];
  readonly drills: DrillView;
  readonly findings: FindingsView;
  readonly contacts: readonly { readonly group: string; readonly contact: ContactView }[];
  readonly inventory: InventoryView;
  /** Appendix C: how to check each service of the site, used to verify and after failback. */
  readonly serviceChecks: readonly string[];
}

export interface IndexView {
  readonly deployment: SiteRunbookView['deployment'];
  readonly onCall: SummaryView['onCall'];
  readonly sites: readonly {
    readonly id: string;
    readonly name: string;
    readonly role: string;
    readonly users: number;
    readonly status: string;
    readonly policies: string;
    readonly findings: string;
    readonly failing: string;
    readonly markdown: string;
    readonly html: string;
  }[];
  readonly otherFindings: FindingsView['open'];
  readonly counts: { readonly sites: number; readonly attention: number };
}
