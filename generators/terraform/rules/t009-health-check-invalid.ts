import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';

/** Route 53 accepts request intervals of 10 or 30 s and failure thresholds of 1 to 10. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T009',
    severity: 'error',
    title: 'Health check Route 53 cannot run',
    rationale: 'Route 53 rejects other request intervals and thresholds at apply time; a TCP check without a port or address checks nothing.',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_route53_health_check')) {
        any = true;
        if (b.body['type'] === 'CALCULATED') continue;
        const interval = Number(b.body['request_interval'] ?? 30);
        const threshold = Number(b.body['failure_threshold'] ?? 3);
        if (interval !== 10 && interval !== 30) hits.push({ stack: v.name, address: b.address, message: `${b.address} probes every ${interval} s; Route 53 allows 10 or 30` });
        if (!(threshold >= 1 && threshold <= 10)) hits.push({ stack: v.name, address: b.address, message: `${b.address} has failure threshold ${threshold}; Route 53 allows 1 to 10` });
        if (b.body['type'] === 'TCP' && (!b.body['port'] || !(b.body['ip_address'] || b.body['fqdn']))) hits.push({ stack: v.name, address: b.address, message: `${b.address} is a TCP check without port or target` });
      }
      return any;
    });
  },
};
