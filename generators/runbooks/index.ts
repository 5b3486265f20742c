// The runbooks generator: a checklist and contingency plan per site (see generator.ts).
export { runbooksGenerator } from './generator.js';
