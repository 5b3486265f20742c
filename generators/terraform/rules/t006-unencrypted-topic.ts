import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';

/** Alert topics carry failure details; they are encrypted with a customer key CloudWatch may use. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T006',
    severity: 'error',
    title: 'Unencrypted SNS topic',
    rationale: 'Alert messages name hosts, addresses and failures. Encrypt topics with a customer-managed key whose policy lets CloudWatch and AWS Backup publish (the AWS-managed SNS key does not).',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_sns_topic')) {
        any = true;
        if (!b.body['kms_master_key_id']) hits.push({ stack: v.name, address: b.address, message: `${b.address} is not encrypted` });
      }
      return any;
    });
  },
};
