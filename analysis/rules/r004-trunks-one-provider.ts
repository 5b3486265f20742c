import type { Rule, RuleReport } from './rule.js';

export const trunksOneProvider: Rule = {
  meta: {
    id: 'RBC-R004',
    name: 'trunks-one-provider',
    severity: 'warning',
    rationale: '"A technical defect at the switching node of the selected provider" cuts every trunk of that provider; the whitepaper recommends "even a two-provider strategy".',
    docs: {
      description: 'A site has several trunks, all from one provider: an outage at that provider takes them all.',
      fix: 'Take one trunk from a second carrier (ideally over a separate supply line).',
    },
    messages: {
      oneProvider: 'All {{count}} trunks of site {{site}} ({{trunks}}) come from provider {{provider}}: an outage there takes them all.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      const trunks = ctx.index.trunksBySite.get(site.id) ?? [];
      if (trunks.length < 2 || !trunks.every((t) => t.provider === trunks[0]!.provider)) continue;
      out.push({
        messageId: 'oneProvider',
        path: site.path,
        data: { count: trunks.length, site: site.id, trunks: trunks.map((t) => t.id).join(', '), provider: trunks[0]!.provider },
      });
    }
    return out;
  },
};
