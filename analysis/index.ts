export * from './types.js';
export * from './switchover.js';
export { analyse, type AnalyseOptions } from './analyse.js';
export { explainVerdict } from './explain.js';
export { RULES, RULES_BY_ID, type Rule, type RuleMeta } from './rules/index.js';
