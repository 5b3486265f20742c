import type { Model } from '../model/types.js';
import type { Assessment } from './types.js';

export interface AnalyseOptions {
  /** Largest cut-set order to compute (1-3). @default 2 */
  readonly maxOrder?: number;
  /** Today's date (YYYY-MM-DD) for acknowledgement expiry. @default the current date (UTC) */
  readonly today?: string;
}

// Placeholder until the failure analysis lands.
export function analyse(_model: Model, _options: AnalyseOptions = {}): Assessment {
  return { version: 1, domains: [], scenarios: [], matrix: [], policies: [], pointsOfFailure: [], findings: [] };
}
