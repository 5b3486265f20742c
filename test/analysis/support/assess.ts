// Helpers for the analysis tests: variants of the example blueprints built by editing the plain
// blueprint before it is resolved, and lookups into an assessment that fail loudly.
import { analyse, type AnalyseOptions } from '../../../analysis/analyse.js';
import type { Assessment, Finding, PolicyVerdict, Verdict } from '../../../analysis/types.js';
import type { Model } from '../../../model/types.js';
import type { Blueprint } from '../../../schema/blueprint.js';
import { readBlueprint, resolvePlain } from './fleet.js';

export const TODAY = '2026-01-01';

export const EXAMPLE_A = 'a-single-site-hot-standby.yaml';
export const EXAMPLE_B = 'b-option1-master-slave.yaml';

/** An example blueprint, edited before it is resolved. */
export function variant(name: string, edit: (bp: Blueprint) => void = () => {}): Model {
  const bp = structuredClone(readBlueprint(name));
  edit(bp);
  return resolvePlain(bp);
}

export function assess(model: Model, options: AnalyseOptions = {}): Assessment {
  return analyse(model, { today: TODAY, ...options });
}

export function verdict(a: Assessment, site: string, service: string, scenario: string): Verdict {
  const v = scenario === 'normal' ? a.baseline?.find((x) => x.site === site && x.service === service) : a.matrix.find((x) => x.site === site && x.service === service && x.scenario === scenario);
  if (!v) {
    const known = a.matrix.filter((x) => x.site === site && x.service === service).map((x) => x.scenario);
    throw new Error(`no verdict for ${site}/${service}/${scenario}; the matrix has: ${known.join(', ')}`);
  }
  return v;
}

export function policy(a: Assessment, id: string): PolicyVerdict {
  const p = a.policies.find((x) => x.policy === id);
  if (!p) throw new Error(`no policy ${id}`);
  return p;
}

export function findings(a: Assessment, rule: string): Finding[] {
  return a.findings.filter((f) => f.rule === rule);
}

/** Finds an element of a list by id, or fails. */
export function byId<T extends { id: string }>(list: readonly T[] | undefined, id: string): T {
  const x = (list ?? []).find((e) => e.id === id);
  if (!x) throw new Error(`no ${id}`);
  return x;
}
