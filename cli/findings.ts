// Analysis results as diagnostics: violated policies, stale backups, unacknowledged rule findings,
// rules that failed, and acknowledgements that expired or match nothing.
import { createDiagnostic, type Diagnostic, type Location } from '../diagnostics/index.js';
import type { Assessment } from '../analysis/types.js';
import type { Model } from '../model/types.js';

const FAILED = 'failed on this blueprint: ';

export function assessmentDiagnostics(a: Assessment, model: Model, locate: (path: string) => Location): Diagnostic[] {
  const out: Diagnostic[] = [];
  const scenarioLabel = new Map(a.scenarios.map((s) => [s.id, s.label]));
  const policyPath = new Map(model.policies.map((p) => [p.id, p.path]));
  for (const p of a.policies) {
    const at = locate(policyPath.get(p.policy) ?? `policies/${p.policy}`);
    for (const v of p.violations) {
      if (v.rpo) {
        const what = v.rpo.intervalHours === null ? 'has no automated backup' : `is backed up only every ${v.rpo.intervalHours} h`;
        out.push(createDiagnostic('PolicyRpoViolated', at, [p.policy, v.rpo.rpoHours, v.rpo.gateway, what]));
        continue;
      }
      const scenario = v.scenario === 'normal' ? 'normal operation' : scenarioLabel.get(v.scenario) ?? v.scenario;
      out.push(createDiagnostic('PolicyViolated', at, [p.policy, v.service, v.site, v.reason, scenario]));
    }
  }
  for (const f of a.findings) {
    if (f.acknowledged) continue;
    if (f.messageId === 'ruleFailed') {
      const detail = f.message.slice(f.message.indexOf(FAILED) >= 0 ? f.message.indexOf(FAILED) + FAILED.length : 0);
      out.push(createDiagnostic('RuleFailed', locate(f.path), [f.rule, detail], { rule: f.rule }));
      continue;
    }
    out.push(
      createDiagnostic('RuleFinding', locate(f.path), [f.message, 'fix it, or acknowledge it in the blueprint with a reason, owner and expiry (docs/rules.md)'], {
        category: f.severity,
        rule: f.rule,
      }),
    );
  }
  for (const ack of a.acknowledgements ?? []) {
    const at = locate(`acknowledgements/${ack.rule}/${ack.target}`);
    if (ack.status === 'expired') out.push(createDiagnostic('AcknowledgementExpired', at, [ack.rule, ack.target, ack.expires], { rule: ack.rule }));
    else if (ack.status === 'unused') out.push(createDiagnostic('AcknowledgementUnused', at, [ack.rule, ack.target], { rule: ack.rule }));
  }
  return out;
}
