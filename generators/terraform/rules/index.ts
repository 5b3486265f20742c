// The Terraform rules: the registry (registry.ts), the contract (types.ts) and the runner (run.ts).
export { TERRAFORM_RULES } from './registry.js';
export type { RuleContext, RuleRun, StackView, TerraformRule } from './types.js';
export { stackView } from './view.js';
export { checkRule, runRules, startRules, type RuleOutcome, type RulesReport, type RulesRun, type TerraformFinding } from './run.js';
