import type { Rule, RuleReport } from './rule.js';
import { shared, spotsOf } from './placement.js';

export const standbySameBuilding: Rule = {
  meta: {
    id: 'RBC-R002',
    name: 'standby-same-building',
    severity: 'error',
    rationale: 'Redundancy "within one single building ... can be just as effective as long as certain fire precautions are met": a policy that demands surviving the loss of a building needs the standby elsewhere.',
    docs: {
      description: 'A standby runs in the same building as its primary (in another fire zone) while a policy covering the sites they serve demands survival of a building fire or flood.',
      fix: 'Move the standby to another building or site, or narrow the policy to fire zones if that is what was promised.',
    },
    messages: {
      sameBuilding: 'Standby {{standby}} runs in the same building {{building}} (site {{site}}) as its primary {{primary}}, but policy {{policies}} demands surviving the loss of a building.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const { standby, primary, sites } of ctx.pairs) {
      if (standby.placement.type !== 'site' || primary.placement.type !== 'site' || standby.placement.site !== primary.placement.site) continue;
      const site = ctx.siteById.get(standby.placement.site);
      const a = spotsOf(standby, site);
      const b = spotsOf(primary, site);
      const zone = shared(a, 'fireZone');
      if (zone !== null && zone === shared(b, 'fireZone')) continue;
      const building = shared(a, 'building');
      if (building === null || building !== shared(b, 'building')) continue;
      const policies = ctx.demanding([...new Set([...sites, ...primary.serves])], 'building');
      if (policies.length === 0) continue;
      out.push({
        messageId: 'sameBuilding',
        path: standby.path,
        data: { standby: standby.id, primary: primary.id, building, site: standby.placement.site, policies: policies.map((p) => p.id).join(', ') },
      });
    }
    return out;
  },
};
