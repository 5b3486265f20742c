import type { Rule, RuleReport } from './rule.js';

export const poeNotOnUps: Rule = {
  meta: {
    id: 'RBC-R006',
    name: 'poe-not-on-ups',
    severity: 'warning',
    rationale: 'The checklist\'s "power supply: UPS (uninterruptible power supply)" covers the phones too: PoE phones on mains power go dark in a "power outage", and nobody can place an emergency call.',
    docs: {
      description: 'A PoE switch that powers phones is plugged into a mains feed, not a UPS.',
      fix: 'Plug the PoE switch into a UPS (the same that carries the gateways, or its own).',
    },
    messages: {
      onMains: 'PoE switch {{poe}} at site {{site}} powers {{phones}} phones from mains feed {{feed}}: a power outage silences them.',
    },
  },
  check(model) {
    const out: RuleReport[] = [];
    for (const site of model.sites) {
      for (const p of site.poeSwitches) {
        if (!site.power.feeds.some((f) => f.id === p.power)) continue;
        out.push({ messageId: 'onMains', path: `${site.path}/poe-switches/${p.id}`, data: { poe: p.id, site: site.id, phones: p.phones, feed: p.power } });
      }
    }
    return out;
  },
};
