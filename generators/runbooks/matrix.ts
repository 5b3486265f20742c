// Section 3: the analysis' service x scenario matrix for one site, one row per scenario (the
// site faces tens of scenarios but only a handful of services, so services are the columns).
import type { Scenario, Verdict } from '../../analysis/types.js';
import type { Service } from '../../model/types.js';
import type { SiteContext } from './context.js';
import { anchorOf, classLabel, formatDuration, numbered, serviceLabel, scenarioTitle } from './format.js';
import { PROCEDURE_SECTION } from './procedures.js';
import type { MatrixCell, MatrixView } from './view.js';

/** Verdicts of the site by scenario and service, built in one pass. */
export function verdictsByScenario(verdicts: readonly Verdict[]): Map<string, Map<string, Verdict>> {
  const out = new Map<string, Map<string, Verdict>>();
  for (const v of verdicts) {
    let m = out.get(v.scenario);
    if (!m) out.set(v.scenario, (m = new Map()));
    m.set(v.service, v);
  }
  return out;
}

/** Policy ids violated per site-service-scenario key. */
export function violatedPolicies(ctx: SiteContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { policyId, violation } of ctx.index.violationsBySite.get(ctx.site.id) ?? []) {
    const key = `${violation.service}\u0000${violation.scenario}`;
    const list = out.get(key) ?? [];
    if (!list.includes(policyId)) list.push(policyId);
    out.set(key, list.sort());
  }
  return out;
}

export function cellOf(v: Verdict | undefined, violated: readonly string[]): MatrixCell {
  const flag = violated.length > 0 ? ` ⚑ ${violated.join(', ')}` : '';
  const cell = (state: MatrixCell['state'], short: string, reason: string): MatrixCell => ({ state, short, text: `${short}${flag}`, violated, reason });
  if (!v) return cell('unaffected', '✔ 0 s', 'The normal path is not touched by this scenario.');
  if (!v.survives) return cell('fails', '✘ FAILS', v.reason);
  const s = v.switchover;
  if (!s || s.totalSeconds === 0) return cell('unaffected', '✔ 0 s', v.reason);
  return cell('survives', `✔ ${formatDuration(s.totalSeconds)} ${s.automatic ? 'auto' : 'MANUAL'}`, v.reason);
}

export function buildMatrix(
  ctx: SiteContext,
  services: readonly Service[],
  scenarios: readonly Scenario[],
  byScenario: ReadonlyMap<string, ReadonlyMap<string, Verdict>>,
  violated: ReadonlyMap<string, readonly string[]>,
): MatrixView {
  void ctx;
  const rows = scenarios.map((sc, i) => {
    const number = numbered(PROCEDURE_SECTION, i);
    const verdicts = byScenario.get(sc.id);
    return {
      scenario: scenarioTitle(sc),
      scenarioClass: classLabel(sc.class),
      origin: sc.origin,
      procedure: number,
      anchor: anchorOf(number),
      // A violation names the service by id (or, for implicit services, by kind: the same).
      cells: services.map((svc) => cellOf(verdicts?.get(svc.id), violated.get(`${svc.id}\u0000${sc.id}`) ?? violated.get(`${svc.kind}\u0000${sc.id}`) ?? [])),
    };
  });
  return {
    services: services.map((s) => ({ id: s.id, kind: s.kind, label: s.name === serviceLabel(s.kind) ? s.name : `${s.name}` })),
    rows,
    empty: rows.length === 0,
  };
}
