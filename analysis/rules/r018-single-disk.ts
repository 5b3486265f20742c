import type { Rule } from './rule.js';
import { singlePartReports } from './single-part.js';

export const singleDisk: Rule = {
  meta: {
    id: 'RBC-R018',
    name: 'single-disk',
    severity: 'warning',
    rationale: '"Particularly hardware with loose parts (hard drive, fan) is vulnerable"; the checklist asks for "hard drives / duplication / automated backup".',
    docs: {
      description: 'A gateway appliance stores its data on a single disk while a policy covering the sites it serves demands surviving technical damage.',
      fix: 'Mirror the disk (storage: mirrored), use flash without loose parts, or rely on a standby and acknowledge.',
    },
    messages: { single: 'Gateway {{gateway}} has a single disk, but policy {{policies}} demands surviving technical damage.' },
  },
  check: (model, ctx) => singlePartReports(model, ctx, 'disk'),
};
