import { MEDIA_PORTS, SIP_TLS_PORT } from '../plan.js';
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
  check(ctx) {
    const hits = [];
    let any = false;
    for (const v of ctx.stacks) {
      for (const r of securityRules(v)) {
        if (r.direction !== 'ingress') continue;
        any = true;
        if (!r.cidrs.some((c) => WORLD.has(c))) continue;
        if (isVoicePortRange(r.protocol, r.from, r.to, [...ctx.model.gateways.map((g) => g.sipPort), SIP_TLS_PORT], MEDIA_PORTS)) continue;
        hits.push({ stack: v.name, address: r.block.address, message: `${r.block.address} admits ${r.protocol === '-1' ? 'all traffic' : `${r.protocol} ${r.from}-${r.to}`} from anywhere` });
      }
    }
    return any ? hits : 'not-applicable';
  },
};
