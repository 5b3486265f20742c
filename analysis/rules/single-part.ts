// The three "single part" rules share this check: an appliance that serves (or stands by for) a
// site whose policy demands surviving technical damage, with only one of some part.
import type { Model } from '../../model/types.js';
import { singleParts } from '../domains.js';
import type { RuleContext } from './context.js';
import type { RuleReport } from './rule.js';

export function singlePartReports(model: Model, ctx: RuleContext, part: 'psu' | 'nic' | 'disk'): RuleReport[] {
  const out: RuleReport[] = [];
  for (const g of model.gateways) {
    if (!singleParts(g).includes(part)) continue;
    const policies = ctx.demanding(ctx.sitesOf(g), 'technical-damage');
    if (policies.length === 0) continue;
    out.push({ messageId: 'single', path: g.path, data: { gateway: g.id, policies: policies.map((p) => p.id).join(', ') } });
  }
  return out;
}
