import type { Rule, RuleReport } from './rule.js';

export const emergencyTrunkArea: Rule = {
  meta: {
    id: 'RBC-R011',
    name: 'emergency-trunk-area',
    severity: 'error',
    rationale: '"If the branches are equipped with a separate trunk line ... This is also extremely significant for the possibility of making emergency calls": an emergency call must leave on a trunk valid for the caller\'s location.',
    docs: {
      description: 'Every trunk a site\'s emergency calls could use is either not emergency-capable, from a provider that does not deliver emergency calls, or not valid for the site\'s emergency routing area: the call reaches the wrong emergency centre, or none.',
      fix: 'Give the site a trunk valid for its area (a local trunk at a branch), or list the area in the trunk\'s emergency.areas if the provider routes it correctly.',
    },
    messages: {
      wrongArea: 'Emergency calls from site {{site}} (area {{area}}) can only use {{trunks}}, which {{verb}} not valid for that area.',
      none: 'No trunk available to site {{site}} can carry emergency calls.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      const area = site.emergency.location?.area;
      if (!area) continue;
      const trunks = ctx.trunksFor(site);
      if (trunks.length === 0) continue;
      const capable = trunks.filter((t) => t.emergency.capable && (ctx.providerById.get(t.provider)?.emergencyCalls ?? false));
      if (capable.some((t) => t.emergency.areas.includes(area))) continue;
      if (capable.length === 0) out.push({ messageId: 'none', path: site.path, data: { site: site.id } });
      else
        out.push({
          messageId: 'wrongArea',
          path: site.path,
          data: { site: site.id, area, trunks: `trunk${capable.length > 1 ? 's' : ''} ${capable.map((t) => t.id).join(', ')}`, verb: capable.length > 1 ? 'are' : 'is' },
        });
    }
    return out;
  },
};
