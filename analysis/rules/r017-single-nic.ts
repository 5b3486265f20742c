import type { Rule } from './rule.js';
import { singlePartReports } from './single-part.js';

export const singleNic: Rule = {
  meta: {
    id: 'RBC-R017',
    name: 'single-nic',
    severity: 'warning',
    rationale: 'The checklist\'s "network cards / switches / router": one network interface is one more part that takes the gateway off the network.',
    docs: {
      description: 'A gateway appliance has one network interface while a policy covering the sites it serves demands surviving technical damage.',
      fix: 'Connect the appliance with two interfaces to two switches (nics: 2), or rely on a standby and acknowledge.',
    },
    messages: { single: 'Gateway {{gateway}} has a single network interface, but policy {{policies}} demands surviving technical damage.' },
  },
  check: (model, ctx) => singlePartReports(model, ctx, 'nic'),
};
