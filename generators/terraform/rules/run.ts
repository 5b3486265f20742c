// Runs the Terraform rules over stacks shown one at a time and turns their hits into findings:
// each on the blueprint construct the resource comes from, with its acknowledgement when the
// blueprint accepts the risk. A rule that throws becomes a failure, not a crash.
import type { Finding } from '../../../analysis/types.js';
import type { Acknowledgement } from '../../../model/types.js';
import type { Origin } from '../stacks/common.js';
import { TERRAFORM_RULES } from './registry.js';
import type { RuleContext, RuleHit, RuleRun, Severity, StackView, TerraformRule } from './types.js';

/** A finding on the synthesized Terraform, in the analysis' Finding shape plus where it is. */
export interface TerraformFinding extends Finding {
  readonly stack: string;
  /** Terraform address in the stack. */
  readonly resource: string;
}

export interface RuleOutcome {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** `fail` when it has unacknowledged findings, `error` when the rule itself failed. */
  readonly status: 'pass' | 'fail' | 'not-applicable' | 'error';
  readonly findings: number;
}

export interface RulesReport {
  readonly rules: readonly RuleOutcome[];
  readonly findings: readonly TerraformFinding[];
  /** Rules that threw: id and message. */
  readonly failures: readonly { readonly rule: string; readonly message: string }[];
}

/** The rules' pass over a deployment, fed one stack at a time. */
export interface RulesRun {
  stack(view: StackView): void;
  /**
   * The report, after the last stack. A finding is put on the blueprint construct its resource
   * comes from: `origins` maps stack -> Terraform address -> origin.
   */
  finish(origins: ReadonlyMap<string, ReadonlyMap<string, Origin>>): RulesReport;
}

interface Running {
  readonly rule: TerraformRule;
  readonly run: RuleRun | null;
  readonly hits: { readonly index: number; readonly hit: RuleHit }[];
  /** The failure a rule run over the stacks in their order would have stopped at first. */
  failure: { readonly index: number; readonly message: string } | null;
}

const messageOf = (e: unknown) => (e as Error)?.message ?? String(e);

/** A rule's hits in the order of the stacks they are in, then the ones only all stacks show. */
function combine(hits: readonly { readonly index: number; readonly hit: RuleHit }[], result: readonly RuleHit[] | 'not-applicable'): readonly RuleHit[] | 'not-applicable' {
  if (result === 'not-applicable' && hits.length === 0) return result;
  const ordered = [...hits].sort((a, b) => a.index - b.index).map((h) => h.hit);
  return result === 'not-applicable' ? ordered : [...ordered, ...result];
}

/** One rule over a list of stacks, as the runner would judge it (for tests and tools). */
export function checkRule(rule: TerraformRule, ctx: RuleContext, stacks: readonly StackView[]): readonly RuleHit[] | 'not-applicable' {
  const run = rule.start(ctx);
  const hits = stacks.flatMap((v) => run.stack(v).map((hit) => ({ index: v.index, hit })));
  return combine(hits, run.finish());
}

function matchingAcknowledgement(acks: readonly Acknowledgement[], rule: string, path: string, today: string): Acknowledgement | null {
  return (
    acks.find((a) => a.rule === rule && (a.target === '*' || a.target === path || path.startsWith(`${a.target}/`)) && a.expires >= today) ?? null
  );
}

/** Starts every rule on a deployment; `today` decides which acknowledgements have expired. */
export function startRules(ctx: RuleContext, today: string, rules: readonly TerraformRule[] = TERRAFORM_RULES): RulesRun {
  const running: Running[] = [...rules]
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))
    .map((rule) => {
      try {
        return { rule, run: rule.start(ctx), hits: [], failure: null };
      } catch (e) {
        return { rule, run: null, hits: [], failure: { index: -1, message: messageOf(e) } };
      }
    });
  return {
    stack(view) {
      for (const r of running) {
        if (!r.run || (r.failure && r.failure.index <= view.index)) continue;
        try {
          for (const hit of r.run.stack(view)) r.hits.push({ index: view.index, hit });
        } catch (e) {
          r.failure = { index: view.index, message: messageOf(e) };
        }
      }
    },
    finish(origins) {
      const outcomes: RuleOutcome[] = [];
      const findings: TerraformFinding[] = [];
      const failures: { rule: string; message: string }[] = [];
      for (const r of running) {
        const { id, severity, title } = r.rule.meta;
        let result: readonly RuleHit[] | 'not-applicable';
        try {
          if (r.failure) throw new Error(r.failure.message);
          result = combine(r.hits, r.run!.finish());
        } catch (e) {
          failures.push({ rule: id, message: messageOf(e) });
          outcomes.push({ id, severity, title, status: 'error', findings: 0 });
          continue;
        }
        if (result === 'not-applicable') {
          outcomes.push({ id, severity, title, status: 'not-applicable', findings: 0 });
          continue;
        }
        let open = 0;
        for (const hit of result) {
          const path = hit.path ?? origins.get(hit.stack)?.get(hit.address)?.path ?? 'cloud';
          const ack = matchingAcknowledgement(ctx.model.acknowledgements, id, path, today);
          if (!ack) open++;
          findings.push({
            rule: id,
            severity,
            message: hit.message,
            path,
            stack: hit.stack,
            resource: hit.address,
            acknowledged: ack ? { reason: ack.reason, owner: ack.owner, expires: ack.expires } : null,
          });
        }
        outcomes.push({ id, severity, title, status: open > 0 ? 'fail' : 'pass', findings: result.length });
      }
      findings.sort((a, b) => {
        const ka = `${a.rule}\u0000${a.stack}\u0000${a.resource}\u0000${a.message}`;
        const kb = `${b.rule}\u0000${b.stack}\u0000${b.resource}\u0000${b.message}`;
        return ka < kb ? -1 : ka > kb ? 1 : 0;
      });
      return { rules: outcomes, findings, failures };
    },
  };
}

/** Every rule over a list of stacks at once. */
export function runRules(
  ctx: RuleContext & { readonly stacks: readonly StackView[] },
  origins: ReadonlyMap<string, ReadonlyMap<string, Origin>>,
  today: string,
  rules: readonly TerraformRule[] = TERRAFORM_RULES,
): RulesReport {
  const run = startRules(ctx, today, rules);
  for (const v of ctx.stacks) run.stack(v);
  return run.finish(origins);
}
