// The contract of a Terraform rule (cdk-nag style): one file per rule with its metadata, and a
// check over the synthesized stacks (the JSON a Terraform user applies), not over the plan that
// produced them. The model is there for what the JSON cannot say (policies, promised RTOs).
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
  readonly config: Record<string, unknown>;
  /** Resources of one type (without data sources), sorted by address. */
  resources(type: string): readonly Block[];
  /** The resource or data source an expression like `${aws_subnet.x.id}` refers to, in this stack. */
  referenced(expression: unknown): Block | null;
}

export interface RuleContext {
  readonly model: Model;
  readonly plan: CloudPlan;
  readonly stacks: readonly StackView[];
}

export interface RuleHit {
  readonly stack: string;
  /** Terraform address of the offending block (or the stack's backend: `terraform`). */
  readonly address: string;
  readonly message: string;
  /** Construct path when the rule knows it better than the resource's origin. */
  readonly path?: string;
}

export interface TerraformRule {
  readonly meta: TerraformRuleMeta;
  /** Violations, or `not-applicable` when nothing in the stacks is what the rule is about. */
  check(ctx: RuleContext): readonly RuleHit[] | 'not-applicable';
}
