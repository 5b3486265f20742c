// Runs every rule over the model and applies the blueprint's acknowledgements. A rule that throws
// becomes an error finding of its own; an expired acknowledgement stops hiding its findings.
import type { Acknowledgement, Model } from '../../model/types.js';
import type { AcknowledgementStatus, Finding } from '../types.js';
import { RuleContext } from './context.js';
import { RULES } from './registry.js';
import { formatMessage, type Rule } from './rule.js';

export interface RuleResult {
  readonly findings: Finding[];
  readonly acknowledgements: AcknowledgementStatus[];
}

export function runRules(model: Model, today: string, rules: readonly Rule[] = RULES): RuleResult {
  const ctx = new RuleContext(model);
  const raw: Omit<Finding, 'acknowledged'>[] = [];
  for (const rule of rules) {
    try {
      for (const r of rule.check(model, ctx)) {
        const template = rule.meta.messages[r.messageId] ?? r.messageId;
        raw.push({ rule: rule.meta.id, severity: rule.meta.severity, messageId: r.messageId, message: formatMessage(template, r.data), path: r.path });
      }
    } catch (e) {
      raw.push({
        rule: rule.meta.id,
        severity: 'error',
        messageId: 'ruleFailed',
        message: `Rule ${rule.meta.id} (${rule.meta.name}) failed on this blueprint: ${(e as Error)?.message ?? String(e)}`,
        path: `rules/${rule.meta.id.toLowerCase()}`,
      });
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  raw.sort((a, b) => cmp(a.rule, b.rule) || cmp(a.path, b.path) || cmp(a.message, b.message));

  const acks = model.acknowledgements;
  const expired = (a: Acknowledgement) => a.expires < today;
  const matches = new Array<number>(acks.length).fill(0);
  // Indexed by rule and target, so a fleet's many acknowledgements cost one lookup per finding.
  const byTarget = new Map<string, number[]>();
  acks.forEach((a, i) => {
    const key = `${a.rule}\u0000${a.target}`;
    const list = byTarget.get(key);
    if (list) list.push(i);
    else byTarget.set(key, [i]);
  });
  const findings: Finding[] = raw.map((f) => {
    let hiding: Acknowledgement | null = null;
    const candidates = [...(byTarget.get(`${f.rule}\u0000${f.path}`) ?? []), ...(byTarget.get(`${f.rule}\u0000*`) ?? [])];
    for (const i of candidates) {
      const a = acks[i]!;
      matches[i]!++;
      if (!hiding && !expired(a)) hiding = a;
    }
    return { ...f, acknowledged: hiding ? { reason: hiding.reason, owner: hiding.owner, expires: hiding.expires } : null };
  });
  const acknowledgements: AcknowledgementStatus[] = acks.map((a, i) => ({
    rule: a.rule,
    target: a.target,
    owner: a.owner,
    expires: a.expires,
    status: expired(a) ? 'expired' : matches[i] === 0 ? 'unused' : 'active',
    matches: matches[i]!,
  }));
  return { findings, acknowledgements };
}
