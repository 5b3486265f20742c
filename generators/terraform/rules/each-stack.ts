// Most rules judge every stack on its own; this is their run.
import type { RuleHit, RuleRun, StackView } from './types.js';

/**
 * A run that judges each stack by itself. `judge` adds the stack's violations to `hits` and
 * says whether the stack holds anything the rule is about; if no stack does, the rule is
 * not applicable.
 */
export function eachStack(judge: (view: StackView, hits: RuleHit[]) => boolean): RuleRun {
  let applicable = false;
  return {
    stack(view) {
      const hits: RuleHit[] = [];
      if (judge(view, hits)) applicable = true;
      return hits;
    },
    finish: () => (applicable ? [] : 'not-applicable'),
  };
}

/** Orders facts gathered from stacks that arrived in any order as the deployment lists them. */
export function inStackOrder<T extends { readonly index: number; readonly seq: number }>(facts: T[]): T[] {
  return facts.sort((a, b) => a.index - b.index || a.seq - b.seq);
}

/** The run of a rule the model already shows to be not applicable. */
export const NOT_APPLICABLE: RuleRun = { stack: () => [], finish: () => 'not-applicable' };
