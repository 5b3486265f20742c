export * from './catalogue.js';
export * from './diagnostic.js';
