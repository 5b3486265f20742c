// The analysis of one site on its dependency cone: every single failure in the cone, the double
// failures that cut a service neither failure cuts alone (found without trying all pairs, see
// circuit.ts), the scenarios its policies name, the verdicts, the minimal cut sets and the
// policy violations. Nothing here looks at another site's cone, so a fleet costs sites x cone.
import type { Policy, Site } from '../model/types.js';
import { SiteEvaluator, type Outcome, type RunResult } from './evaluate.js';
import { planSite, type SitePlan } from './plan.js';
import { checkPolicy, policyScenarios, type PolicyScenario } from './policy-check.js';
import type { ScenarioBook } from './scenarios.js';
import type { ModelIndex } from './serving.js';
import type { PolicyViolation, Verdict } from './types.js';
import { VerdictWriter } from './verdict.js';
import type { Wiring } from './wiring.js';

export interface SiteContext {
  readonly wiring: Wiring;
  readonly index: ModelIndex;
  readonly book: ScenarioBook;
  readonly maxOrder: number;
  readonly policies: readonly Policy[];
}

export interface SiteCut {
  /** Domain indices, ascending. */
  readonly domains: readonly number[];
  readonly service: string;
}

export interface SiteAnalysis {
  readonly plan: SitePlan;
  readonly baseline: readonly Verdict[];
  readonly matrix: readonly Verdict[];
  readonly cuts: readonly SiteCut[];
  readonly violations: readonly { readonly policy: string; readonly violation: PolicyViolation }[];
}

interface Entry {
  readonly id: string;
  readonly domains: readonly number[];
  readonly minutes: number;
  readonly result: RunResult;
  readonly touched: readonly boolean[];
}

export function analyseSite(ctx: SiteContext, site: Site): SiteAnalysis {
  const { wiring: w, book } = ctx;
  const plan = planSite(w, ctx.index, site);
  const ev = new SiteEvaluator(w, plan);
  const services = plan.services;
  const n = w.domains.list.length;
  const siteDomain = w.domains.index.get(`site:${site.id}`)!;
  const base = ev.run([], 0, true);
  const baseOk = base.outcomes.map((o) => o.survives);
  const cones = services.map((sp) => new Set(sp.cone));
  const touchedBy = (domains: readonly number[]): boolean[] => cones.map((cone) => domains.some((d) => cone.has(d)));

  // Single failures in the cone.
  const single = new Map<number, Entry>();
  for (const d of plan.cone) {
    const touched = touchedBy([d]);
    single.set(d, { id: book.singleId[d]!, domains: [d], minutes: book.singleDuration[d]!, result: ev.run([d], book.singleDuration[d]!, true, base, touched), touched });
  }
  const survivesAlone = (d: number, i: number) => single.get(d)?.result.outcomes[i]!.survives ?? true;

  // Double failures: {a, b} can only cut service i if each lies on the path that carries i when
  // the other has failed. Evaluate those pairs only.
  const pairKeys = new Map<number, number[]>();
  const m = plan.cone.length;
  const pos = new Map<number, number>(plan.cone.map((d, k) => [d, k]));
  const onPath = new Uint8Array(m * m);
  services.forEach((sp, i) => {
    if (!baseOk[i]) return;
    onPath.fill(0);
    for (const a of sp.cone) {
      const ra = single.get(a)!.result;
      if (!ra.outcomes[i]!.survives) continue;
      const ka = pos.get(a)! * m;
      for (const b of ra.deps[i]!) onPath[ka + pos.get(b)!] = 1;
    }
    for (const a of sp.cone) {
      const ka = pos.get(a)!;
      for (const b of sp.cone) {
        if (b <= a) continue;
        const kb = pos.get(b)!;
        if (onPath[ka * m + kb] !== 1 || onPath[kb * m + ka] !== 1) continue;
        const key = a * n + b;
        const list = pairKeys.get(key);
        if (list) list.push(i);
        else pairKeys.set(key, [i]);
      }
    }
  });
  const pairs = new Map<number, RunResult>();
  const pairCuts = new Map<number, Set<number>>();
  const doubles: Entry[] = [];
  const cuts: SiteCut[] = [];
  // A pair can only cut the services it is a candidate for: evaluate those (and what they
  // require) first, and the other services only for a pair that cuts something. Triples extend
  // every pair, so with order 3 each pair is evaluated in full.
  const needs = services.map((_, i) => requirementsOf(plan, i));
  for (const key of [...pairKeys.keys()].sort((x, y) => x - y)) {
    const ab = [Math.floor(key / n), key % n];
    const touched = touchedBy(ab);
    const minutes = book.durationOf(ab);
    let result: RunResult;
    if (ctx.maxOrder >= 3) result = ev.run(ab, minutes, true, base, touched);
    else {
      const only = services.map(() => false);
      for (const i of pairKeys.get(key)!) for (const r of needs[i]!) only[r] = touched[r]!;
      result = ev.run(ab, minutes, false, base, only);
      if (!pairKeys.get(key)!.some((i) => !result.outcomes[i]!.survives)) continue;
      result = ev.run(ab, minutes, false, base, touched);
    }
    pairs.set(key, result);
    const cutFor = new Set<number>();
    services.forEach((sp, i) => {
      if (baseOk[i] && !result.outcomes[i]!.survives && survivesAlone(ab[0]!, i) && survivesAlone(ab[1]!, i)) {
        cutFor.add(i);
        cuts.push({ domains: ab, service: sp.service.id });
      }
    });
    if (cutFor.size > 0) {
      pairCuts.set(key, cutFor);
      doubles.push({ id: book.addDouble(ab).id, domains: ab, minutes, result, touched });
    }
  }

  if (ctx.maxOrder >= 3) cuts.push(...tripleCuts(ctx, ev, plan, base, touchedBy, survivesAlone, pairs, pairCuts, n));

  // Single points of failure; the loss of the site itself is not one of its own (nothing survives it).
  for (const d of plan.cone) {
    const e = single.get(d)!;
    if (d === siteDomain) continue;
    services.forEach((sp, i) => {
      if (baseOk[i] && !e.result.outcomes[i]!.survives) cuts.push({ domains: [d], service: sp.service.id });
    });
  }

  // Scenarios the site's policies name that are not single failures already evaluated.
  const byScenario = new Map<string, readonly Outcome[]>();
  for (const e of single.values()) byScenario.set(e.id, e.result.outcomes);
  for (const e of doubles) byScenario.set(e.id, e.result.outcomes);
  const perPolicy = ctx.policies.map((p) => ({ policy: p, scenarios: policyScenarios(ctx, plan, p) }));
  const extra = new Map<string, PolicyScenario>();
  for (const { scenarios } of perPolicy) {
    for (const list of scenarios.values()) for (const s of list) if (!byScenario.has(s.id) && !extra.has(s.id)) extra.set(s.id, s);
  }
  const cache = new Map<string, RunResult>();
  const evaluate = (domains: readonly number[], minutes: number, touched: readonly boolean[]): RunResult => {
    if (domains.length === 1 && minutes === book.singleDuration[domains[0]!]) {
      const known = single.get(domains[0]!);
      if (known) return known.result;
    }
    const key = `${domains.join(',')}@${minutes}`;
    let out = cache.get(key);
    if (!out) {
      out = ev.run(domains, minutes, false, base, touched);
      cache.set(key, out);
    }
    return out;
  };
  const policyEntries: Entry[] = [];
  for (const s of [...extra.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const touched = touchedBy(s.domains);
    const result = evaluate(s.domains, s.minutes, touched);
    byScenario.set(s.id, result.outcomes);
    policyEntries.push({ id: s.id, domains: s.domains, minutes: s.minutes, result, touched });
  }

  // The smallest part of a failing scenario that still cuts the service.
  const minimalCut = (e: Entry, i: number): readonly number[] => {
    if (!baseOk[i]) return [];
    if (e.domains.length === 1) return e.domains;
    if (e.domains.length === 2 && e.minutes === book.durationOf(e.domains)) {
      const [a, b] = e.domains as [number, number];
      if (single.has(a) && !survivesAlone(a, i)) return [a];
      if (single.has(b) && !survivesAlone(b, i)) return [b];
      if (single.has(a) && single.has(b)) return e.domains;
    }
    let current = [...e.domains];
    for (const d of e.domains) {
      const without = current.filter((x) => x !== d);
      if (without.length === 0) break;
      const m = without.some((x) => book.singleDuration[x]! > 0) ? e.minutes : 0;
      if (!evaluate(without, m, touchedBy(without)).outcomes[i]!.survives) current = without;
    }
    return current;
  };

  // Verdicts: each scenario, for each service whose cone it touches.
  const writer = new VerdictWriter(site, w.domains.list);
  const baseline = services.map((sp, i) => writer.verdict(sp.service, 'normal', base.outcomes[i]!, [], !baseOk[i]));
  const matrix: Verdict[] = [];
  const entries = [...single.values(), ...doubles, ...policyEntries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  services.forEach((sp, i) => {
    for (const e of entries) {
      if (!e.touched[i]) continue;
      const o = e.result.outcomes[i]!;
      matrix.push(writer.verdict(sp.service, e.id, o, o.survives ? null : minimalCut(e, i), !baseOk[i]));
    }
  });
  const violations: { policy: string; violation: PolicyViolation }[] = [];
  for (const { policy, scenarios } of perPolicy) {
    for (const v of checkPolicy(plan, policy, scenarios, base.outcomes, byScenario)) violations.push({ policy: policy.id, violation: v });
  }
  return { plan, baseline, matrix, cuts, violations };
}

/** A service and everything it requires, directly or not (positions in plan.services). */
function requirementsOf(plan: SitePlan, i: number): number[] {
  const out = new Set<number>([i]);
  const work = [i];
  while (work.length) for (const r of plan.services[work.pop()!]!.requires) if (!out.has(r)) out.add(r), work.push(r);
  return [...out];
}

/**
 * Minimal cut sets of order 3: a triple can only cut service i if its third domain lies on the
 * path that carries i when the other two have failed; no pair or single of it may cut i.
 */
function tripleCuts(
  ctx: SiteContext,
  ev: SiteEvaluator,
  plan: SitePlan,
  base: RunResult,
  touchedBy: (domains: readonly number[]) => boolean[],
  survivesAlone: (d: number, i: number) => boolean,
  pairs: ReadonlyMap<number, RunResult>,
  pairCuts: ReadonlyMap<number, ReadonlySet<number>>,
  n: number,
): SiteCut[] {
  const pairCutsService = (a: number, b: number, i: number) => pairCuts.get(a < b ? a * n + b : b * n + a)?.has(i) ?? false;
  const tried = new Map<string, RunResult>();
  const found = new Set<string>();
  const out: SiteCut[] = [];
  for (const [key, result] of [...pairs].sort((x, y) => x[0] - y[0])) {
    const a = Math.floor(key / n);
    const b = key % n;
    plan.services.forEach((sp, i) => {
      if (!base.outcomes[i]!.survives || !result.outcomes[i]!.survives) return;
      for (const c of result.deps[i] ?? []) {
        if (c === a || c === b || !survivesAlone(c, i) || pairCutsService(a, c, i) || pairCutsService(b, c, i)) continue;
        const triple = [a, b, c].sort((x, y) => x - y);
        const id = triple.join(',');
        let res = tried.get(id);
        if (!res) {
          res = ev.run(triple, ctx.book.durationOf(triple), false, base, touchedBy(triple));
          tried.set(id, res);
        }
        if (!res.outcomes[i]!.survives && !found.has(`${i}|${id}`)) {
          found.add(`${i}|${id}`);
          out.push({ domains: triple, service: sp.service.id });
        }
      }
    });
  }
  return out;
}
