// The failure analysis: for every site, every service and every scenario that touches what the
// site depends on, does the service survive, through which path, after which switchover; which
// policies hold; which sets of failures take services down; which design rules fire.
import type { Model, Policy } from '../model/types.js';
import { domainTable } from './domains.js';
import { CutSetCollector } from './points-of-failure.js';
import { runRules } from './rules/run.js';
import { analyseSite } from './site-analysis.js';
import { referenceDurations, ScenarioBook } from './scenarios.js';
import { ModelIndex } from './serving.js';
import { ASSESSMENT_VERSION, type Assessment, type PolicyVerdict, type PolicyViolation, type Verdict } from './types.js';
import { Wiring } from './wiring.js';

export interface AnalyseOptions {
  /** Largest cut-set order to compute (1-3). @default 2 */
  readonly maxOrder?: number;
  /** Today's date (YYYY-MM-DD) for acknowledgement expiry. @default the current date (UTC) */
  readonly today?: string;
}

export function analyse(model: Model, options: AnalyseOptions = {}): Assessment {
  const maxOrder = Math.min(3, Math.max(1, Math.floor(options.maxOrder ?? 2)));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const domains = domainTable(model);
  const wiring = new Wiring(model, domains);
  const index = new ModelIndex(model);
  const book = new ScenarioBook(domains, referenceDurations(model));

  const policiesBySite = new Map<string, Policy[]>();
  for (const p of model.policies) for (const s of p.sites) policiesBySite.set(s, [...(policiesBySite.get(s) ?? []), p]);

  const baseline: Verdict[] = [];
  const matrix: Verdict[] = [];
  const cuts = new CutSetCollector(domains, maxOrder);
  const violations = new Map<string, PolicyViolation[]>(model.policies.map((p) => [p.id, []]));
  for (const site of model.sites) {
    wiring.reset();
    const r = analyseSite({ wiring, index, book, maxOrder, policies: policiesBySite.get(site.id) ?? [] }, site);
    baseline.push(...r.baseline);
    matrix.push(...r.matrix);
    for (const c of r.cuts) cuts.add(site.id, c);
    for (const v of r.violations) violations.get(v.policy)!.push(v.violation);
  }

  const policies: PolicyVerdict[] = model.policies.map((p) => {
    const list = onePerGateway(violations.get(p.id)!);
    return { policy: p.id, met: list.length === 0, violations: list };
  });
  const { findings, acknowledgements } = runRules(model, today);
  return {
    version: ASSESSMENT_VERSION,
    domains: domains.list,
    scenarios: book.all(),
    baseline,
    matrix,
    policies,
    pointsOfFailure: cuts.result(),
    findings,
    acknowledgements,
  };
}

/** A gateway's stale backup is one violation of a policy, at the first site it concerns. */
function onePerGateway(list: readonly PolicyViolation[]): PolicyViolation[] {
  const seen = new Set<string>();
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return list
    .filter((v) => {
      if (!v.rpo) return true;
      if (seen.has(v.rpo.gateway)) return false;
      seen.add(v.rpo.gateway);
      return true;
    })
    .sort((a, b) => cmp(a.site, b.site) || cmp(a.service, b.service) || cmp(a.scenario, b.scenario) || cmp(a.reason, b.reason));
}
