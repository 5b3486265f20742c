// A redundancy rule, in the manner of cdk-nag and ESLint: its metadata lives with it, its check is
// a pure function of the model, and docs/rules.md is generated from the metadata.
import type { Model } from '../../model/types.js';
import type { Severity } from '../types.js';
import type { RuleContext } from './context.js';

export interface RuleMeta {
  /** Stable id, never reused: RBC-Rnnn. */
  readonly id: string;
  /** Short kebab-case name. */
  readonly name: string;
  readonly severity: Severity;
  /** One line: the whitepaper's failure this rule prevents, quoting it. */
  readonly rationale: string;
  readonly docs: {
    /** What the rule checks, in a sentence or two. */
    readonly description: string;
    /** How to fix a finding. */
    readonly fix: string;
  };
  /** Message templates by id; `{{name}}` is replaced by the report's data. */
  readonly messages: Readonly<Record<string, string>>;
}

export interface RuleReport {
  readonly messageId: string;
  readonly data: Readonly<Record<string, string | number>>;
  /** Construct path of the element at fault (what an acknowledgement targets). */
  readonly path: string;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(model: Model, ctx: RuleContext): readonly RuleReport[];
}

export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(data[k] ?? `{{${k}}}`));
}
