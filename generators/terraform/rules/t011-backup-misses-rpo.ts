import type { Gateway } from '../../../model/types.js';
import { inStackOrder, NOT_APPLICABLE } from './each-stack.js';
import type { RuleHit, TerraformRule } from './types.js';
import { asArray, nested } from './view.js';

/** Hours between runs of an AWS Backup cron schedule, or null when rbc cannot tell. */
export function scheduleIntervalHours(schedule: string): number | null {
  const m = /^cron\(\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\)$/.exec(schedule.trim());
  if (!m) return null;
  const [, minute, hour, dom, month, dow] = m;
  if (dom !== '*' && dom !== '?') return null;
  if (month !== '*' || (dow !== '?' && dow !== '*')) return null;
  if (!/^[0-9]+$/.test(minute!)) return null;
  if (hour === '*') return 1;
  if (/^[0-9]+$/.test(hour!)) return 24;
  const step = /^[0-9]+\/([0-9]+)$/.exec(hour!);
  if (step) return Number(step[1]);
  const list = hour!.split(',');
  if (list.every((h) => /^[0-9]+$/.test(h))) {
    const hs = list.map(Number).sort((a, b) => a - b);
    return Math.max(...hs.map((h, i) => (i + 1 < hs.length ? hs[i + 1]! - h : 24 - h + hs[0]!)));
  }
  return null;
}

/** The gateways' AWS Backup plans run at least as often as the strictest policy RPO demands. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T011',
    severity: 'warning',
    title: 'Backups miss the policy RPO',
    rationale:
      'A policy\'s backupRpoHours is the most configuration and data the customer agreed to lose. A backup plan that runs less often, or a cloud gateway no plan selects, breaks that promise silently.',
  },
  start(ctx) {
    const cloudGateways = ctx.model.gateways.filter((g) => g.placement.type === 'cloud');
    if (cloudGateways.length === 0) return NOT_APPLICABLE;
    const byId = new Map<string, Gateway>();
    for (const g of ctx.model.gateways) if (!byId.has(g.id)) byId.set(g.id, g);
    const served = new Set(cloudGateways.flatMap((g) => [...g.serves, ...g.standbyFor.flatMap((s) => byId.get(s.gateway)?.serves ?? [])]));
    const policies = ctx.model.policies.filter((p) => p.backupRpoHours !== null && p.sites.some((s) => served.has(s)));
    if (policies.length === 0) return NOT_APPLICABLE;
    const strictest = policies.reduce((a, b) => (b.backupRpoHours! < a.backupRpoHours! ? b : a));
    const rpo = strictest.backupRpoHours!;
    const selections: { key: string; value: string }[] = [];
    const instances: { index: number; seq: number; stack: string; address: string; tags: Record<string, string> }[] = [];
    return {
      stack(v) {
        const hits: RuleHit[] = [];
        for (const b of v.resources('aws_backup_plan')) {
          for (const r of nested(b.body, 'rule')) {
            const interval = scheduleIntervalHours(String(r['schedule'] ?? ''));
            if (interval === null || interval > rpo) {
              hits.push({ stack: v.name, address: b.address, path: strictest.path, message: `${b.address} rule ${String(r['rule_name'])} runs ${interval === null ? `on '${String(r['schedule'])}'` : `every ${interval} h`}; policy '${strictest.id}' demands backups every ${rpo} h` });
            }
          }
        }
        for (const s of v.resources('aws_backup_selection')) {
          for (const c of nested(s.body, 'condition')) for (const e of nested(c, 'string_equals')) {
            const key = String(e['key'] ?? '');
            if (key.startsWith('aws:ResourceTag/')) selections.push({ key: key.slice('aws:ResourceTag/'.length), value: String(e['value']) });
          }
          for (const t of asArray(s.body['selection_tag'])) {
            const o = t as Record<string, unknown>;
            if (o['type'] === 'STRINGEQUALS') selections.push({ key: String(o['key']), value: String(o['value']) });
          }
        }
        // Judged once every stack's selections are known.
        for (const b of v.resources('aws_instance')) {
          const tags = (b.body['tags'] ?? {}) as Record<string, string>;
          if (tags['gateway']) instances.push({ index: v.index, seq: instances.length, stack: v.name, address: b.address, tags });
        }
        return hits;
      },
      finish() {
        const hits: RuleHit[] = [];
        for (const { stack, address, tags } of inStackOrder(instances)) {
          if (selections.some((s) => tags[s.key] === s.value)) continue;
          hits.push({ stack, address, path: `gateways/${tags['gateway']}`, message: `Gateway ${tags['gateway']} is selected by no backup plan; policy '${strictest.id}' demands backups every ${rpo} h` });
        }
        return hits;
      },
    };
  },
};
