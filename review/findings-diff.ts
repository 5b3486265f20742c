// Rule findings that are new, resolved, newly acknowledged or no longer acknowledged. A finding
// is the same on both sides when its rule, construct path and message are the same.
import type { Finding } from '../analysis/types.js';
import type { RedundancyInput } from './redundancy-input.js';
import type { FindingChange } from './types.js';
import { compareStrings } from './sort.js';

const findingKey = (f: Finding) => `${f.rule}\u0000${f.path}\u0000${f.message}`;

function change(kind: FindingChange['change'], f: Finding): FindingChange {
  return { change: kind, rule: f.rule, severity: f.severity, message: f.message, path: f.path, acknowledged: f.acknowledged ?? null };
}

export function diffFindings(oldSide: RedundancyInput, newSide: RedundancyInput): FindingChange[] {
  const before = new Map(oldSide.assessment.findings.map((f) => [findingKey(f), f]));
  const after = new Map(newSide.assessment.findings.map((f) => [findingKey(f), f]));
  const out: FindingChange[] = [];
  for (const [key, f] of after) {
    const b = before.get(key);
    if (!b) out.push(change('new', f));
    else if (!b.acknowledged && f.acknowledged) out.push(change('acknowledged', f));
    else if (b.acknowledged && !f.acknowledged) out.push(change('unacknowledged', f));
  }
  for (const [key, f] of before) if (!after.has(key)) out.push(change('resolved', f));
  const rank = { new: 0, unacknowledged: 1, acknowledged: 2, resolved: 3 } as const;
  const sev = { error: 0, warning: 1, info: 2 } as const;
  return out.sort(
    (a, b) =>
      rank[a.change] - rank[b.change] ||
      (sev[a.severity] ?? 3) - (sev[b.severity] ?? 3) ||
      compareStrings(a.rule, b.rule) ||
      compareStrings(a.path, b.path) ||
      compareStrings(a.message, b.message),
  );
}
