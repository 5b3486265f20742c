import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { asArray } from './view.js';

/** An alarm that notifies nobody is noticed by nobody. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T010',
    severity: 'warning',
    title: 'Alarm without action',
    rationale: 'The whitepaper\'s cold standbys and manual switchovers start with someone being told. Every alarm notifies the on-call topic (and may recover the instance).',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_cloudwatch_metric_alarm')) {
        any = true;
        if (asArray(b.body['alarm_actions']).length === 0 || b.body['actions_enabled'] === false) hits.push({ stack: v.name, address: b.address, message: `${b.address} notifies nobody` });
      }
      return any;
    });
  },
};
