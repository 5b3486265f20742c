import { coldStandbyParts } from '../switchover.js';
import { formatSeconds } from '../verdict.js';
import type { Rule, RuleReport } from './rule.js';

export const coldStandbyTooSlow: Rule = {
  meta: {
    id: 'RBC-R012',
    name: 'cold-standby-too-slow',
    severity: 'error',
    rationale: '"With so-called cold standby concepts, redundant components are only activated once the mistake has been noticed. This can cause delays, for example if the activation has to be initiated manually."',
    docs: {
      description: 'A cold standby\'s worst-case switchover (detection, waiting for on-call hours to resume, the on-call\'s response, manual activation) is longer than a policy covering the sites it takes over allows.',
      fix: 'Make the standby hot, give the on-call 24x7 hours, or agree a longer switchover with the customer.',
    },
    messages: {
      tooSlow: 'Cold standby {{standby}} replaces {{primary}} at site {{site}} after up to {{worst}} (outside on-call hours), but policy {{policy}} allows {{allowed}}.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const { standby, primary, relation, sites } of ctx.pairs) {
      if (relation.mode !== 'cold') continue;
      for (const siteId of sites) {
        const site = ctx.siteById.get(siteId);
        if (!site) continue;
        const worst = coldStandbyParts(relation.detection, site.onCall).reduce((n, p) => n + p.seconds, 0);
        const policy = ctx
          .policiesFor(siteId)
          .filter((p) => p.maxSwitchoverSeconds !== null && p.maxSwitchoverSeconds < worst)
          .sort((a, b) => a.maxSwitchoverSeconds! - b.maxSwitchoverSeconds! || (a.id < b.id ? -1 : 1))[0];
        if (!policy) continue;
        out.push({
          messageId: 'tooSlow',
          path: standby.path,
          data: { standby: standby.id, primary: primary.id, site: siteId, worst: formatSeconds(worst), policy: policy.id, allowed: formatSeconds(policy.maxSwitchoverSeconds!) },
        });
      }
    }
    return out;
  },
};
