// --fail-on: which outcome of a review makes `rbc diff` exit with 1.
import type { Review } from './types.js';

export const FAIL_ON_LEVELS = ['regression', 'redundancy-change', 'destroy', 'any-change', 'never'] as const;
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];

/** Parses `regression`, `regression,destroy`, ...; returns null for an unknown level. */
export function parseFailOn(text: string): FailOnLevel[] | null {
  const levels = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (levels.length === 0) return null;
  for (const l of levels) if (!(FAIL_ON_LEVELS as readonly string[]).includes(l)) return null;
  return levels as FailOnLevel[];
}

/** Whether any of the levels fires for this review. */
export function failsOn(review: Review, levels: readonly FailOnLevel[]): boolean {
  return levels.some((level) => {
    switch (level) {
      case 'regression':
        return review.regressions.length > 0;
      case 'redundancy-change':
        return review.redundancy.changed;
      case 'destroy':
        return review.terraform.totals.destroy > 0 || review.terraform.stacks.some((s) => s.status === 'removed');
      case 'any-change':
        return !review.identical;
      case 'never':
        return false;
    }
  });
}
