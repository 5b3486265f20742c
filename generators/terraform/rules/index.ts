// The Terraform rule registry (sorted by id; ids are stable and never reused) and the runner that
// turns rule hits into findings: each on the blueprint construct the resource comes from, with
// its acknowledgement when the blueprint accepts the risk. A rule that throws becomes a finding.
import type { Finding } from '../../../analysis/types.js';
import type { Acknowledgement } from '../../../model/types.js';
import type { Origin } from '../stacks/common.js';
import { rule as t001 } from './t001-management-open-to-world.js';
import { rule as t002 } from './t002-sip-open-to-world.js';
import { rule as t003 } from './t003-imds-v1.js';
import { rule as t004 } from './t004-unencrypted-ebs.js';
import { rule as t005 } from './t005-unprotected-bucket.js';
import { rule as t006 } from './t006-unencrypted-topic.js';
import { rule as t007 } from './t007-hot-standby-same-az.js';
import { rule as t008 } from './t008-dns-failover-too-slow.js';
import { rule as t009 } from './t009-health-check-invalid.js';
import { rule as t010 } from './t010-alarm-without-action.js';
import { rule as t011 } from './t011-backup-misses-rpo.js';
import { rule as t012 } from './t012-weak-vpn-crypto.js';
import { rule as t013 } from './t013-egress-open.js';
import { rule as t014 } from './t014-local-state.js';
import { rule as t015 } from './t015-backups-not-geo-redundant.js';
import { rule as t016 } from './t016-instance-without-recovery.js';
import { rule as t017 } from './t017-failover-without-health-check.js';
import type { RuleContext, Severity, TerraformRule } from './types.js';

export type { RuleContext, TerraformRule } from './types.js';
export { stackView } from './view.js';

export const TERRAFORM_RULES: readonly TerraformRule[] = [t001, t002, t003, t004, t005, t006, t007, t008, t009, t010, t011, t012, t013, t014, t015, t016, t017];

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

function matchingAcknowledgement(acks: readonly Acknowledgement[], rule: string, path: string, today: string): Acknowledgement | null {
  return (
    acks.find((a) => a.rule === rule && (a.target === '*' || a.target === path || path.startsWith(`${a.target}/`)) && a.expires >= today) ?? null
  );
}

export function runRules(
  ctx: RuleContext,
  origins: ReadonlyMap<string, ReadonlyMap<string, Origin>>,
  today: string,
  rules: readonly TerraformRule[] = TERRAFORM_RULES,
): RulesReport {
  const outcomes: RuleOutcome[] = [];
  const findings: TerraformFinding[] = [];
  const failures: { rule: string; message: string }[] = [];
  for (const rule of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const { id, severity, title } = rule.meta;
    let result: ReturnType<TerraformRule['check']>;
    try {
      result = rule.check(ctx);
    } catch (e) {
      failures.push({ rule: id, message: (e as Error)?.message ?? String(e) });
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
}
