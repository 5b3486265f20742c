import type { Rule, RuleReport } from './rule.js';

export const gatewayUnmonitored: Rule = {
  meta: {
    id: 'RBC-R014',
    name: 'gateway-unmonitored',
    severity: 'warning',
    rationale: 'The checklist asks "how does monitoring of the components / alerting take place: network monitoring, alerts, SNMP, alarm / event mail notification".',
    docs: {
      description: 'A gateway is not monitored, or monitoring has no alert e-mail: a failed standby goes unnoticed until the primary fails too. (A gateway with a cold standby is RBC-R013.)',
      fix: 'Monitor every gateway and give monitoring alert e-mails.',
    },
    messages: {
      unmonitored: 'Gateway {{gateway}} is not monitored: its failure is noticed only when users complain.',
      noAlerts: 'Monitoring of gateway {{gateway}} sends alerts nowhere (no alert e-mail).',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    const coldPrimaries = new Set(ctx.pairs.filter((p) => p.relation.mode === 'cold').map((p) => p.primary.id));
    const noAlerts = model.monitoring.alertEmails.length === 0;
    for (const g of model.gateways) {
      if (coldPrimaries.has(g.id)) continue;
      if (!g.monitored) out.push({ messageId: 'unmonitored', path: g.path, data: { gateway: g.id } });
      else if (noAlerts) out.push({ messageId: 'noAlerts', path: g.path, data: { gateway: g.id } });
    }
    return out;
  },
};
