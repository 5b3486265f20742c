import type { Rule, RuleReport } from './rule.js';

export const trunksOneSupplyLine: Rule = {
  meta: {
    id: 'RBC-R003',
    name: 'trunks-one-supply-line',
    severity: 'error',
    rationale: '"A dredger that cuts through the supply line can cause just as much damage": redundancy needs "two supply lines to the building that are geographically separated".',
    docs: {
      description: 'All trunks of a site (ISDN and analog lines directly, SIP trunks through their uplink) enter through the same supply line, so one cable cut takes every trunk, even when they come from different providers.',
      fix: 'Bring one trunk (or its uplink) in through a separate supply line, or add a radio path (LTE uplink, mobile trunk) that needs no cable.',
    },
    messages: {
      oneSupplyLine: 'All {{count}} trunks of site {{site}} ({{trunks}}) enter through supply line {{line}}: one cut takes them all.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      const trunks = ctx.index.trunksBySite.get(site.id) ?? [];
      if (trunks.length < 2) continue;
      const lineOf = (t: (typeof trunks)[number]) => t.supplyLine ?? (t.uplink ? site.uplinks.find((u) => u.id === t.uplink)?.supplyLine ?? null : null);
      const first = lineOf(trunks[0]!);
      if (first === null || !trunks.every((t) => lineOf(t) === first)) continue;
      out.push({
        messageId: 'oneSupplyLine',
        path: `${site.path}/supply-lines/${first}`,
        data: { count: trunks.length, site: site.id, trunks: trunks.map((t) => t.id).join(', '), line: first },
      });
    }
    return out;
  },
};
