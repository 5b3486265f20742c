// One verdict for any failure set, computed on demand (for `rbc explain` with a scenario the
// assessment does not list, e.g. three domains at once).
import type { Model } from '../model/types.js';
import { domainTable } from './domains.js';
import { SiteEvaluator } from './evaluate.js';
import { planSite } from './plan.js';
import { referenceDurations, ScenarioBook, scenarioId } from './scenarios.js';
import { ModelIndex } from './serving.js';
import type { Verdict } from './types.js';
import { VerdictWriter } from './verdict.js';
import { Wiring } from './wiring.js';

export interface ScenarioRequest {
  readonly site: string;
  readonly service: string;
  /** Domain ids. */
  readonly domains: readonly string[];
  /** How long failed mains feeds stay out; null for the site's reference duration (or no outage). */
  readonly durationMinutes: number | null;
}

/** The verdict, or the ids it does not know. */
export function evaluateScenario(model: Model, q: ScenarioRequest): { verdict: Verdict; scenario: string } | { unknown: string[] } {
  const domains = domainTable(model);
  const unknown = [q.site && !model.sites.some((s) => s.id === q.site) ? q.site : '', ...q.domains.filter((d) => !domains.index.has(d))].filter(Boolean);
  const site = model.sites.find((s) => s.id === q.site);
  const serviceIndex = model.services.findIndex((s) => s.id === q.service);
  if (serviceIndex < 0) unknown.push(q.service);
  if (unknown.length > 0 || !site) return { unknown };
  const book = new ScenarioBook(domains, referenceDurations(model));
  const failed = [...new Set(q.domains.map((d) => domains.index.get(d)!))].sort((a, b) => a - b);
  const hasFeed = failed.some((d) => domains.list[d]!.kind === 'mains-feed');
  const minutes = hasFeed ? q.durationMinutes ?? book.durationOf(failed) : 0;
  const wiring = new Wiring(model, domains);
  const ev = new SiteEvaluator(wiring, planSite(wiring, new ModelIndex(model), site));
  const base = ev.run([], 0, false).outcomes[serviceIndex]!;
  const run = (set: readonly number[]) => ev.run(set, set.some((d) => domains.list[d]!.kind === 'mains-feed') ? minutes : 0, false).outcomes[serviceIndex]!;
  const o = run(failed);
  let cut: number[] = [];
  if (!o.survives && base.survives) {
    cut = [...failed];
    for (const d of failed) {
      const without = cut.filter((x) => x !== d);
      if (without.length > 0 && !run(without).survives) cut = without;
    }
  }
  const id = scenarioId(failed.map((d) => domains.list[d]!.id), hasFeed ? minutes : null);
  const writer = new VerdictWriter(site, domains.list);
  return { verdict: writer.verdict(model.services[serviceIndex]!, id, o, o.survives ? null : cut, !base.survives), scenario: id };
}
