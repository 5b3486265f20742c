// Analysis results as diagnostics: violated policies and unacknowledged rule findings.
import { createDiagnostic, type Diagnostic, type Location } from '../diagnostics/index.js';
import type { Assessment } from '../analysis/types.js';
import type { Model } from '../model/types.js';

export function assessmentDiagnostics(a: Assessment, model: Model, locate: (path: string) => Location): Diagnostic[] {
  const out: Diagnostic[] = [];
  const scenarioLabel = new Map(a.scenarios.map((s) => [s.id, s.label]));
  const policyPath = new Map(model.policies.map((p) => [p.id, p.path]));
  for (const p of a.policies) {
    for (const v of p.violations) {
      out.push(
        createDiagnostic('PolicyViolated', locate(policyPath.get(p.policy) ?? `policies/${p.policy}`), [
          p.policy,
          v.service,
          v.site,
          v.reason,
          scenarioLabel.get(v.scenario) ?? v.scenario,
        ]),
      );
    }
  }
  for (const f of a.findings) {
    if (f.acknowledged) continue;
    out.push(createDiagnostic('RuleFinding', locate(f.path), [f.message, 'fix it, or acknowledge it in the blueprint with a reason, owner and expiry (docs/rules.md)'], { category: f.severity, rule: f.rule }));
  }
  return out;
}
