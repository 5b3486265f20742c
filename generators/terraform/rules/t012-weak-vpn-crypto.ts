import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { asArray } from './view.js';

const WEAK = /^(SHA1|AES128(-GCM-16)?)$/;

/** Site-to-site VPN tunnels pin IKEv2 and strong algorithms; AWS's defaults still allow SHA-1 and DH group 2. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T012',
    severity: 'error',
    title: 'VPN tunnel allows weak cryptography',
    rationale:
      'Without explicit tunnel options AWS negotiates IKEv1, SHA-1 and Diffie-Hellman group 2 if the site router offers them. Voice and management traffic crosses these tunnels; pin IKEv2, AES-256, SHA-2 and DH groups of 14 or more.',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_vpn_connection')) {
        any = true;
        for (const t of [1, 2]) {
          const problems: string[] = [];
          const ike = asArray(b.body[`tunnel${t}_ike_versions`]);
          if (ike.length === 0 || ike.includes('ikev1')) problems.push('IKEv1');
          for (const phase of [1, 2]) {
            const enc = asArray(b.body[`tunnel${t}_phase${phase}_encryption_algorithms`]).map(String);
            const integ = asArray(b.body[`tunnel${t}_phase${phase}_integrity_algorithms`]).map(String);
            const dh = asArray(b.body[`tunnel${t}_phase${phase}_dh_group_numbers`]).map(Number);
            if (enc.length === 0 || enc.some((a) => WEAK.test(a))) problems.push(`phase ${phase} encryption`);
            if (integ.length === 0 || integ.some((a) => WEAK.test(a))) problems.push(`phase ${phase} integrity`);
            if (dh.length === 0 || dh.some((g) => g < 14)) problems.push(`phase ${phase} DH groups`);
          }
          if (problems.length > 0) hits.push({ stack: v.name, address: b.address, message: `${b.address} tunnel ${t} leaves weak choices open: ${problems.join(', ')}` });
        }
      }
      return any;
    });
  },
};
