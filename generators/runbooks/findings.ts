// Section 7: open findings of a site: broken promises (policy violations), rule findings, and
// the accepted risks with their reasons.
import type { Finding } from '../../analysis/types.js';
import type { SiteContext } from './context.js';
import { serviceLabel, scenarioTitle } from './format.js';
import type { FindingsView } from './view.js';
import type { ServiceKind } from '../../model/types.js';

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(list: readonly Finding[]): Finding[] {
  return [...list].sort(
    (a, b) =>
      (SEVERITY_RANK[a.severity] ?? 3) - (SEVERITY_RANK[b.severity] ?? 3) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

export function openFindingRows(list: readonly Finding[]): FindingsView['open'] {
  return sortFindings(list.filter((f) => !f.acknowledged)).map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, path: f.path }));
}

export function buildFindings(ctx: SiteContext): FindingsView {
  const { index } = ctx;
  const violations = (index.violationsBySite.get(ctx.site.id) ?? []).map(({ policy, policyId, violation }) => {
    const svc = index.services.get(violation.service);
    return {
      policy: policyId,
      service: svc ? svc.name : serviceLabel(violation.service as ServiceKind) ?? violation.service,
      scenario: ((sc) => (sc ? scenarioTitle(sc) : violation.scenario))(index.scenarios.get(violation.scenario)),
      reason: violation.reason,
      owner: policy?.owner ?? index.model.deployment.owner,
    };
  });
  const open = openFindingRows(ctx.findings);
  const acknowledged = sortFindings(ctx.findings.filter((f) => f.acknowledged)).map((f) => ({
    rule: f.rule,
    message: f.message,
    path: f.path,
    reason: f.acknowledged!.reason,
    owner: f.acknowledged!.owner,
    expires: f.acknowledged!.expires,
  }));
  return { violations, open, acknowledged, none: violations.length + open.length + acknowledged.length === 0 };
}
