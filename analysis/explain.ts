import type { Model } from '../model/types.js';
import type { Assessment } from './types.js';

// Placeholder until the failure analysis lands.
export function explainVerdict(_m: Model, _a: Assessment, q: { site: string; service: string; scenario: string }): { ok: boolean; text: string } {
  return { ok: false, text: `no verdict for site '${q.site}', service '${q.service}', scenario '${q.scenario}'` };
}
