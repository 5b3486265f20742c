import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { asArray, referredPrefixes } from './view.js';

/** Every gateway instance has a system status check alarm that recovers it onto healthy hardware. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T016',
    severity: 'warning',
    title: 'Instance without automatic recovery',
    rationale:
      'When the host under an instance fails, EC2 recovery moves the instance (same ID, addresses and volumes) to healthy hardware in minutes, without a person. Without the alarm the gateway stays down until someone notices.',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      const alarms = v.resources('aws_cloudwatch_metric_alarm').filter((a) => a.body['metric_name'] === 'StatusCheckFailed_System' && asArray(a.body['alarm_actions']).some((x) => typeof x === 'string' && /:ec2:recover$/.test(x)));
      // One lookup per instance: a region stack of a large fleet has thousands of both.
      const watched = referredPrefixes(alarms.map((a) => ((a.body['dimensions'] ?? {}) as Record<string, unknown>)['InstanceId']));
      for (const b of v.resources('aws_instance')) {
        any = true;
        if (!watched.refersToAny(b)) hits.push({ stack: v.name, address: b.address, message: `${b.address} has no system status check alarm with the EC2 recover action` });
      }
      return any;
    });
  },
};
