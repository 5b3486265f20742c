import type { Generator } from '../types.js';

// Placeholder until the runbooks generator lands; it writes nothing.
export const runbooksGenerator: Generator = {
  id: 'runbooks',
  description: 'runbooks (not yet implemented)',
  generate: () => ({ files: [], diagnostics: [] }),
};
