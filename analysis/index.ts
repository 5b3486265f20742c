export * from './types.js';
export * from './switchover.js';
export { analyse, type AnalyseOptions } from './analyse.js';
