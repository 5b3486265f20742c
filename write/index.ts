export * from './write-output.js';
export * from './manifest.js';
export * from './paths.js';
