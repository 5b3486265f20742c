import type { Generator } from '../types.js';

// Placeholder until the terraform generator lands; it writes nothing.
export const terraformGenerator: Generator = {
  id: 'terraform',
  description: 'terraform (not yet implemented)',
  generate: () => ({ files: [], diagnostics: [] }),
};
