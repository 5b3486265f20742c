import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';

/** A PRIMARY failover record without a health check never fails over. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T017',
    severity: 'error',
    title: 'Failover record without health check',
    rationale: 'Route 53 treats a primary record without a health check as always healthy, so the secondary is never answered: the promised DNS failover does not exist.',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_route53_record')) {
        const f = b.body['failover_routing_policy'];
        const o = (Array.isArray(f) ? f[0] : f) as Record<string, unknown> | undefined;
        if (o?.['type'] !== 'PRIMARY') continue;
        any = true;
        if (!b.body['health_check_id']) hits.push({ stack: v.name, address: b.address, message: `${b.address} is a PRIMARY failover record without a health check` });
      }
      return any;
    });
  },
};
