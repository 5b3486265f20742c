export * from './types.js';
export * from './resolve.js';
export * from './services.js';
export * from './defaults.js';
export * from './freeze.js';
export * from './did-you-mean.js';
