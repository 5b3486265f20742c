// A gateway renamed with `formerId` keeps its identity across the review: the old side's failure
// domains (`device:<former>`, `device:<former>:psu`, ...) and the scenarios, verdicts, cut sets and
// policy violations built on them are translated to the new id before anything is compared.
// Without this, a rename would show as one scenario lost and another gained.
import type { Assessment, Scenario } from '../analysis/types.js';
import type { OutputTree } from './output-tree.js';
import type { AssessmentRead } from './redundancy-input.js';
import { compareStrings } from './sort.js';

/** Former gateway id → current id, from the new side's model.json. */
export function gatewayRenames(newTree: OutputTree): Map<string, string> {
  const renames = new Map<string, string>();
  const buf = newTree.files.get('model.json');
  if (!buf) return renames;
  try {
    const model = JSON.parse(buf.toString('utf8')) as { gateways?: { id?: unknown; formerId?: unknown }[] };
    for (const g of model.gateways ?? []) {
      if (typeof g.id === 'string' && typeof g.formerId === 'string' && g.formerId !== g.id) renames.set(g.formerId, g.id);
    }
  } catch {
    // an unreadable model.json is reported where it is read for names
  }
  return renames;
}

function domainRenamer(renames: ReadonlyMap<string, string>): (id: string) => string {
  return (id) => {
    const m = /^device:([^:]+)(:.*)?$/.exec(id);
    const to = m ? renames.get(m[1]!) : undefined;
    return to ? `device:${to}${m![2] ?? ''}` : id;
  };
}

/** The old side's assessment as if its gateways already had their new ids. */
export function applyRenames(a: AssessmentRead, renames: ReadonlyMap<string, string>): AssessmentRead {
  if (renames.size === 0) return a;
  const domain = domainRenamer(renames);
  const scenarioIds = new Map<string, string>();
  const scenarios: Scenario[] = a.scenarios.map((s) => {
    const domains = s.domains.map(domain).sort(compareStrings);
    const suffix = /@\d+m$/.exec(s.id)?.[0] ?? '';
    const changed = domains.some((d, i) => d !== [...s.domains].sort(compareStrings)[i]);
    const id = changed ? `${domains.join('+')}${suffix}` : s.id;
    scenarioIds.set(s.id, id);
    return { ...s, id, domains };
  });
  const scenario = (id: string) => scenarioIds.get(id) ?? id;
  const renamed: Assessment = {
    ...a,
    domains: a.domains.map((d) => ({ ...d, id: domain(d.id) })),
    scenarios,
    matrix: a.matrix.map((v) => ({ ...v, scenario: scenario(v.scenario), cut: v.cut ? v.cut.map(domain) : v.cut })),
    policies: a.policies.map((p) => ({ ...p, violations: p.violations.map((v) => ({ ...v, scenario: scenario(v.scenario) })) })),
    pointsOfFailure: a.pointsOfFailure.map((c) => ({ ...c, domains: c.domains.map(domain).sort(compareStrings) })),
    findings: a.findings.map((f) => ({ ...f, path: f.path.replace(/^gateways\/([^/]+)/, (whole: string, id: string) => (renames.has(id) ? `gateways/${renames.get(id)}` : whole)) })),
  };
  return { ...renamed, ...(a.baseline ? { baseline: a.baseline.map((v) => ({ ...v, scenario: scenario(v.scenario) })) } : {}) };
}
