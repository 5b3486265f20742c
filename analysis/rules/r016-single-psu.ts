import type { Rule } from './rule.js';
import { singlePartReports } from './single-part.js';

export const singlePsu: Rule = {
  meta: {
    id: 'RBC-R016',
    name: 'single-psu',
    severity: 'warning',
    rationale: '"Individual components can be duplicated for purposes of redundancy (mains adapters, CPUs)"; the checklist lists a "second power supply".',
    docs: {
      description: 'A gateway appliance has one power supply while a policy covering the sites it serves demands surviving technical damage.',
      fix: 'Give the appliance a second power supply on another power source (psus: [ups-a, mains-2]), or rely on a standby and acknowledge.',
    },
    messages: { single: 'Gateway {{gateway}} has a single power supply, but policy {{policies}} demands surviving technical damage.' },
  },
  check: (model, ctx) => singlePartReports(model, ctx, 'psu'),
};
