import type { Generator } from '../types.js';

// Placeholder until the devices generator lands; it writes nothing.
export const devicesGenerator: Generator = {
  id: 'devices',
  description: 'devices (not yet implemented)',
  generate: () => ({ files: [], diagnostics: [] }),
};
