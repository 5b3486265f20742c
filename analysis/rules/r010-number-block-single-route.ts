import type { Rule, RuleReport } from './rule.js';

export const numberBlockSingleRoute: Rule = {
  meta: {
    id: 'RBC-R010',
    name: 'number-block-single-route',
    severity: 'error',
    rationale: '"Depending on the provider, you have to ensure that the allotted block of telephone numbers remains available" when its trunk fails.',
    docs: {
      description: 'A number block is carried by at most one trunk, and its provider does not reroute it to another trunk (rerouting none): when that trunk fails, nobody can call the site.',
      fix: 'Let a second trunk carry the block, or agree automatic (or on-request) rerouting with the provider.',
    },
    messages: {
      noRoute: 'Number block {{block}} of site {{site}} is carried only by {{trunks}}, and provider {{provider}} does not reroute it: when that trunk fails, incoming calls fail.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      const trunks = ctx.index.trunksBySite.get(site.id) ?? [];
      for (const b of site.numberBlocks) {
        const carrying = trunks.filter((t) => t.numberBlocks.includes(b.id));
        if (carrying.length > 1 || ctx.providerById.get(b.provider)?.rerouting.mode !== 'none') continue;
        out.push({
          messageId: 'noRoute',
          path: `${site.path}/number-blocks/${b.id}`,
          data: { block: b.id, site: site.id, trunks: carrying.length ? `trunk ${carrying[0]!.id}` : 'no trunk', provider: b.provider },
        });
      }
    }
    return out;
  },
};
