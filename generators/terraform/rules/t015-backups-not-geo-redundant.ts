import { eachStack, NOT_APPLICABLE } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { nested, refersTo } from './view.js';

/** With a second region in the blueprint, backups must survive the loss of the first. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T015',
    severity: 'warning',
    title: 'Backups not copied to the second region',
    rationale:
      'A region outage (the whitepaper\'s cloud outage) takes the backups stored there with it. Where the blueprint names a second region, configuration backups are replicated and recovery points copied to it.',
  },
  start(ctx) {
    const cloud = ctx.model.cloud;
    if (!cloud || cloud.regions.length < 2) return NOT_APPLICABLE;
    return eachStack((v, hits) => {
      let any = false;
      const replicated = v.resources('aws_s3_bucket_replication_configuration');
      const replicaTargets = replicated.flatMap((r) => nested(r.body, 'rule').flatMap((x) => nested(x, 'destination').map((d) => d['bucket'])));
      for (const b of v.resources('aws_s3_bucket')) {
        if (replicaTargets.some((t) => refersTo(t, b))) continue; // the replica itself
        if (typeof b.body['region'] === 'string' && b.body['region'] !== cloud.regions[0]!.id) continue; // a copy outside the home region
        any = true;
        if (!replicated.some((r) => refersTo(r.body['bucket'], b))) hits.push({ stack: v.name, address: b.address, message: `${b.address} is not replicated to ${cloud.regions[1]!.id}` });
      }
      for (const p of v.resources('aws_backup_plan')) {
        any = true;
        for (const r of nested(p.body, 'rule')) {
          if (nested(r, 'copy_action').length === 0) hits.push({ stack: v.name, address: p.address, message: `${p.address} rule ${String(r['rule_name'])} copies recovery points to no other region` });
        }
      }
      return any;
    });
  },
};
