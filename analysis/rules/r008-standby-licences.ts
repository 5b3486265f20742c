import type { Rule, RuleReport } from './rule.js';

export const standbyLicences: Rule = {
  meta: {
    id: 'RBC-R008',
    name: 'standby-licences',
    severity: 'error',
    rationale: 'Physical redundancy is affordable "due to cheap standby licenses in addition to the already existing licenses per user": without them the standby cannot register the users it takes over.',
    docs: {
      description: 'A standby has fewer standby licences than the users of the sites it would take over.',
      fix: 'Buy standby licences for every user the standby may carry (licences.standby).',
    },
    messages: {
      tooFew: 'Standby {{standby}} would carry {{users}} users of {{sites}} but has {{licences}} standby licences.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const g of model.gateways) {
      if (g.standbyFor.length === 0) continue;
      const sites = new Set<string>();
      for (const r of g.standbyFor) {
        const p = ctx.gatewayById.get(r.gateway);
        if (p) for (const s of ctx.takeover(g, p)) sites.add(s);
      }
      for (const s of g.serves) sites.delete(s);
      const list = [...sites].sort();
      const users = ctx.users(list);
      const licences = g.licences.standby ?? 0;
      if (users === 0 || licences >= users) continue;
      out.push({ messageId: 'tooFew', path: g.path, data: { standby: g.id, users, sites: list.join(', '), licences } });
    }
    return out;
  },
};
