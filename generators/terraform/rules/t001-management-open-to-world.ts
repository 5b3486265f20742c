import { MEDIA_PORTS, SIP_TLS_PORT } from '../plan.js';
import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { WORLD, isVoicePortRange, securityRules } from './view.js';

/** Ingress from anywhere to a port that is not SIP or media: SSH, web administration, SNMP, ... */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T001',
    severity: 'error',
    title: 'Management port open to the world',
    rationale:
      'A PBX administration interface reachable from the internet is attacked within hours (credential stuffing, toll fraud). Management belongs to cloud.adminCidrs only.',
  },
  start(ctx) {
    const sipPorts = new Set([...ctx.model.gateways.map((g) => g.sipPort), SIP_TLS_PORT]);
    return eachStack((v, hits) => {
      let any = false;
      for (const r of securityRules(v)) {
        if (r.direction !== 'ingress') continue;
        any = true;
        if (!r.cidrs.some((c) => WORLD.has(c))) continue;
        if (isVoicePortRange(r.protocol, r.from, r.to, sipPorts, MEDIA_PORTS)) continue;
        hits.push({ stack: v.name, address: r.block.address, message: `${r.block.address} admits ${r.protocol === '-1' ? 'all traffic' : `${r.protocol} ${r.from}-${r.to}`} from anywhere` });
      }
      return any;
    });
  },
};
