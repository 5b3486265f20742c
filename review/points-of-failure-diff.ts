// Single and double points of failure (cut sets) that appeared, went away, or now take down
// other services than before.
import type { CutSet } from '../analysis/types.js';
import type { RedundancyInput } from './redundancy-input.js';
import type { CutSetChange, DomainRef } from './types.js';
import { compareStrings } from './sort.js';

const cutKey = (c: CutSet) => [...c.domains].sort().join('+');
const affectsOf = (c: CutSet) => c.affects.map((a) => `${a.site}/${a.service}`).sort();

function domains(c: CutSet, ...sides: RedundancyInput[]): DomainRef[] {
  return [...c.domains].sort().map((id) => ({ id, label: sides.map((s) => s.domains.get(id)?.label).find(Boolean) ?? id }));
}

export function diffPointsOfFailure(oldSide: RedundancyInput, newSide: RedundancyInput): CutSetChange[] {
  const before = new Map(oldSide.assessment.pointsOfFailure.map((c) => [cutKey(c), c]));
  const after = new Map(newSide.assessment.pointsOfFailure.map((c) => [cutKey(c), c]));
  const out: CutSetChange[] = [];
  for (const [key, c] of after) {
    const b = before.get(key);
    if (!b) {
      out.push({ change: 'new', order: c.order, domains: domains(c, newSide), affects: affectsOf(c), affectsAdded: [], affectsRemoved: [] });
      continue;
    }
    const was = new Set(affectsOf(b));
    const now = new Set(affectsOf(c));
    const added = [...now].filter((x) => !was.has(x));
    const removed = [...was].filter((x) => !now.has(x));
    if (added.length || removed.length) {
      out.push({ change: 'changed', order: c.order, domains: domains(c, newSide, oldSide), affects: [...now], affectsAdded: added, affectsRemoved: removed });
    }
  }
  const newCuts = [...after.values()];
  for (const [key, c] of before) {
    if (after.has(key)) continue;
    // A pair is no news when one of its members alone now takes down everything the pair did.
    const affects = affectsOf(c);
    const absorbed = newCuts.some(
      (n) => n.domains.length < c.domains.length && n.domains.every((d) => c.domains.includes(d)) && affects.every((a) => affectsOf(n).includes(a)),
    );
    out.push({ change: absorbed ? 'absorbed' : 'removed', order: c.order, domains: domains(c, oldSide), affects, affectsAdded: [], affectsRemoved: [] });
  }
  const rank = { new: 0, changed: 1, removed: 2, absorbed: 3 } as const;
  return out.sort((a, b) => a.order - b.order || rank[a.change] - rank[b.change] || compareStrings(a.domains.map((d) => d.id).join('+'), b.domains.map((d) => d.id).join('+')));
}
