export * from './load.js';
export * from './source.js';
export * from './validate.js';
export * from './canonical-json.js';
