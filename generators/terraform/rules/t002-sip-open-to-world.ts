import { MEDIA_PORTS, SIP_TLS_PORT } from '../plan.js';
import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { WORLD, isVoicePortRange, securityRules } from './view.js';

/** SIP or media from anywhere: scanners and fraudulent calls reach the gateway. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T002',
    severity: 'warning',
    title: 'SIP open to the world',
    rationale:
      'SIP scanners probe every public address on 5060/5061; a gateway that answers everyone invites toll fraud and registration floods. Admit the trunk providers\' and the sites\' networks only.',
  },
  start(ctx) {
    const sipPorts = new Set([...ctx.model.gateways.map((g) => g.sipPort), SIP_TLS_PORT]);
    return eachStack((v, hits) => {
      let any = false;
      for (const r of securityRules(v)) {
        if (r.direction !== 'ingress') continue;
        any = true;
        if (!r.cidrs.some((c) => WORLD.has(c))) continue;
        if (!isVoicePortRange(r.protocol, r.from, r.to, sipPorts, MEDIA_PORTS)) continue;
        hits.push({ stack: v.name, address: r.block.address, message: `${r.block.address} admits SIP or media (${r.protocol} ${r.from}-${r.to}) from anywhere` });
      }
      return any;
    });
  },
};
