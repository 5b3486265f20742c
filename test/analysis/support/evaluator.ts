// Direct access to one site's evaluator, for brute-force comparisons and property tests: the
// outcome of every service under any failure set.
import { domainTable, type DomainTable } from '../../../analysis/domains.js';
import { SiteEvaluator } from '../../../analysis/evaluate.js';
import { planSite, type SitePlan } from '../../../analysis/plan.js';
import { referenceDurations, ScenarioBook } from '../../../analysis/scenarios.js';
import { ModelIndex } from '../../../analysis/serving.js';
import { switchoverOf } from '../../../analysis/verdict.js';
import { Wiring } from '../../../analysis/wiring.js';
import type { Model } from '../../../model/types.js';

export interface Result {
  readonly survives: boolean;
  readonly seconds: number;
}

export class SiteProbe {
  readonly domains: DomainTable;
  readonly plan: SitePlan;
  readonly book: ScenarioBook;
  private readonly ev: SiteEvaluator;

  constructor(model: Model, site: string) {
    this.domains = domainTable(model);
    const w = new Wiring(model, this.domains);
    this.plan = planSite(w, new ModelIndex(model), model.sites.find((s) => s.id === site)!);
    this.ev = new SiteEvaluator(w, this.plan);
    this.book = new ScenarioBook(this.domains, referenceDurations(model));
  }

  /** Domain ids of the site's cone. */
  get cone(): string[] {
    return this.plan.cone.map((d) => this.domains.list[d]!.id);
  }

  /** Service id to result, for a set of domain ids (unknown ids are ignored). */
  run(ids: readonly string[], minutes?: number): Map<string, Result> {
    const set = [...new Set(ids.flatMap((id) => (this.domains.index.has(id) ? [this.domains.index.get(id)!] : [])))].sort((a, b) => a - b);
    const r = this.ev.run(set, minutes ?? this.book.durationOf(set), false);
    return new Map(this.plan.services.map((sp, i) => [sp.service.id, { survives: r.outcomes[i]!.survives, seconds: switchoverOf(r.outcomes[i]!).totalSeconds }]));
  }
}
