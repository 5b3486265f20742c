import type { Rule, RuleReport } from './rule.js';

export const coldPrimaryUnmonitored: Rule = {
  meta: {
    id: 'RBC-R013',
    name: 'cold-primary-unmonitored',
    severity: 'error',
    rationale: 'A cold standby is "only activated once the mistake has been noticed": the checklist asks "how does monitoring of the components / alerting take place".',
    docs: {
      description: 'A gateway with a cold standby is not monitored, or monitoring has nowhere to send alerts: nobody learns that it failed, so nobody activates the standby.',
      fix: 'Monitor the gateway (monitored: true, SNMP or probes) and give monitoring alert e-mails that reach the on-call.',
    },
    messages: {
      unmonitored: 'Gateway {{primary}} is not monitored: nobody is alerted when it fails, so nobody activates its cold standby {{standby}}.',
      noAlerts: 'Monitoring of gateway {{primary}} sends alerts nowhere (no alert e-mail): nobody activates its cold standby {{standby}}.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    const noAlerts = model.monitoring.alertEmails.length === 0;
    const seen = new Set<string>();
    for (const { standby, primary, relation } of ctx.pairs) {
      if (relation.mode !== 'cold' || seen.has(primary.id)) continue;
      if (!primary.monitored) out.push({ messageId: 'unmonitored', path: primary.path, data: { primary: primary.id, standby: standby.id } });
      else if (noAlerts) out.push({ messageId: 'noAlerts', path: primary.path, data: { primary: primary.id, standby: standby.id } });
      else continue;
      seen.add(primary.id);
    }
    return out;
  },
};
