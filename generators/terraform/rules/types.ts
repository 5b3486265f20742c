// The contract of a Terraform rule (cdk-nag style): one file per rule with its metadata, and a
// check over the synthesized stacks (the JSON a Terraform user applies), not over the plan that
// produced them. The model is there for what the JSON cannot say (policies, promised RTOs).
// Rules see one stack at a time, so that a fleet's stacks never have to be in memory together.
import type { Severity } from '../../../analysis/types.js';
import type { Model } from '../../../model/types.js';
import type { CloudPlan } from '../plan.js';

export type { Severity };

export interface TerraformRuleMeta {
  /** Stable id, never reused: RBC-Tnnn. */
  readonly id: string;
  readonly severity: Severity;
  /** Short name, e.g. "Management ports open to the world". */
  readonly title: string;
  /** Why it matters, for the rule reference in docs/terraform.md. */
  readonly rationale: string;
}

export interface Block {
  readonly stack: string;
  /** Terraform address, e.g. aws_instance.gw_pbx-a or data.aws_ip_ranges.x. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
}

export interface StackView {
  readonly name: string;
  /** Position of the stack in the deployment's order (shared, regions, sites, trunks). */
  readonly index: number;
  readonly config: Record<string, unknown>;
  /** Resources of one type (without data sources), sorted by address. */
  resources(type: string): readonly Block[];
  /** The resource or data source an expression like `${aws_subnet.x.id}` refers to, in this stack. */
  referenced(expression: unknown): Block | null;
}

/** What a rule may read besides the stacks. */
export interface RuleContext {
  readonly model: Model;
  readonly plan: CloudPlan;
}

export interface RuleHit {
  readonly stack: string;
  /** Terraform address of the offending block (or the stack's backend: `terraform`). */
  readonly address: string;
  readonly message: string;
  /** Construct path when the rule knows it better than the resource's origin. */
  readonly path?: string;
}

/**
 * One rule's pass over a deployment. The stacks come one at a time and in no set order (a site
 * stack is checked as soon as it is rendered, the region stacks it reads from only after every
 * site: their outputs are complete only then), and a view is not to be kept: a run keeps the
 * few facts it needs to judge across stacks, ordered by `StackView.index` where order matters.
 */
export interface RuleRun {
  /** Violations within this stack. */
  stack(view: StackView): readonly RuleHit[];
  /**
   * Violations only all stacks together show, after the last `stack` call; `not-applicable`
   * when nothing in the stacks is what the rule is about.
   */
  finish(): readonly RuleHit[] | 'not-applicable';
}

export interface TerraformRule {
  readonly meta: TerraformRuleMeta;
  start(ctx: RuleContext): RuleRun;
}
