export * from './artifact.js';
export * from './manifest.js';
export * from './paths.js';
export * from './sink.js';
export * from './write-output.js';
