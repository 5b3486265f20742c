import type { RuleHit, TerraformRule } from './types.js';
import { asArray, refersTo } from './view.js';

/** Every gateway instance has a system status check alarm that recovers it onto healthy hardware. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T016',
    severity: 'warning',
    title: 'Instance without automatic recovery',
    rationale:
      'When the host under an instance fails, EC2 recovery moves the instance (same ID, addresses and volumes) to healthy hardware in minutes, without a person. Without the alarm the gateway stays down until someone notices.',
  },
  check(ctx) {
    const hits: RuleHit[] = [];
    let any = false;
    for (const v of ctx.stacks) {
      const alarms = v.resources('aws_cloudwatch_metric_alarm').filter((a) => a.body['metric_name'] === 'StatusCheckFailed_System' && asArray(a.body['alarm_actions']).some((x) => typeof x === 'string' && /:ec2:recover$/.test(x)));
      for (const b of v.resources('aws_instance')) {
        any = true;
        const ok = alarms.some((a) => refersTo(((a.body['dimensions'] ?? {}) as Record<string, unknown>)['InstanceId'], b));
        if (!ok) hits.push({ stack: v.name, address: b.address, message: `${b.address} has no system status check alarm with the EC2 recover action` });
      }
    }
    return any ? hits : 'not-applicable';
  },
};
