import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { WORLD, securityRules } from './view.js';

/** All traffic to anywhere lets a compromised gateway exfiltrate or place calls through anyone. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T013',
    severity: 'warning',
    title: 'Unrestricted egress',
    rationale: 'A gateway needs SIP and media to its trunks and sites, DNS, and HTTPS to AWS APIs. Allowing every protocol to every address turns a compromised PBX into a relay for fraudulent calls and data theft.',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const r of securityRules(v)) {
        if (r.direction !== 'egress') continue;
        any = true;
        if (r.protocol === '-1' && r.cidrs.some((c) => WORLD.has(c))) hits.push({ stack: v.name, address: r.block.address, message: `${r.block.address} allows all traffic to anywhere` });
      }
      return any;
    });
  },
};
