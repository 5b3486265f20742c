// Policy verdicts that changed: met ↔ violated, added or removed policies, and violations
// (site, service, scenario) that appeared or went away.
import type { PolicyVerdict, PolicyViolation } from '../analysis/types.js';
import { NORMAL_SCENARIO, type RedundancyInput } from './redundancy-input.js';
import { scenarioRef } from './survival-diff.js';
import type { PolicyChange, PolicyState, ViolationRef } from './types.js';
import { byKey } from './sort.js';

const violationKey = (v: PolicyViolation) => `${v.site}\u0000${v.service}\u0000${v.scenario}`;

const stateOf = (p: PolicyVerdict | undefined): PolicyState => (!p ? 'absent' : p.met ? 'met' : 'violated');

function named(v: PolicyViolation, ...sides: RedundancyInput[]): ViolationRef {
  const find = (f: (s: RedundancyInput) => string | undefined, fallback: string) => sides.map(f).find((x) => x !== undefined) ?? fallback;
  const serviceName = v.service === '*' ? 'Backups' : find((s) => s.services.get(v.service), v.service);
  const scenario = v.scenario === NORMAL_SCENARIO.id && !sides.some((s) => s.scenarios.has(v.scenario))
    ? { id: v.scenario, label: NORMAL_SCENARIO.label, class: 'normal' }
    : scenarioRef(v.scenario, ...sides);
  return { site: v.site, siteName: find((s) => s.sites.get(v.site), v.site), service: v.service, serviceName, scenario, reason: v.reason };
}

export function diffPolicies(oldSide: RedundancyInput, newSide: RedundancyInput): PolicyChange[] {
  const before = new Map(oldSide.assessment.policies.map((p) => [p.policy, p]));
  const after = new Map(newSide.assessment.policies.map((p) => [p.policy, p]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: PolicyChange[] = [];
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    const bKeys = new Set((b?.violations ?? []).map(violationKey));
    const aKeys = new Set((a?.violations ?? []).map(violationKey));
    const newViolations = (a?.violations ?? []).filter((v) => !bKeys.has(violationKey(v))).sort(byKey(violationKey)).map((v) => named(v, newSide, oldSide));
    const resolvedViolations = (b?.violations ?? []).filter((v) => !aKeys.has(violationKey(v))).sort(byKey(violationKey)).map((v) => named(v, oldSide, newSide));
    const stateBefore = stateOf(b);
    const stateAfter = stateOf(a);
    if (stateBefore === stateAfter && newViolations.length === 0 && resolvedViolations.length === 0) continue;
    const info = newSide.policies.get(id) ?? oldSide.policies.get(id);
    out.push({ policy: id, description: info?.description ?? null, before: stateBefore, after: stateAfter, newViolations, resolvedViolations });
  }
  return out;
}
