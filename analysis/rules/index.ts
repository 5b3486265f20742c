export * from './rule.js';
export * from './context.js';
export * from './registry.js';
export * from './run.js';
