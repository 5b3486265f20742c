import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { nested } from './view.js';

/** Every EBS volume of a gateway is encrypted: root, additional and launch-template volumes. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T004',
    severity: 'error',
    title: 'Unencrypted EBS volume',
    rationale: 'A gateway disk holds call detail records, voicemail and configuration with credentials; snapshots of an unencrypted volume can be shared or copied in plain text.',
  },
  start() {
    const enc = (o: Record<string, unknown>) => o['encrypted'] === true || o['encrypted'] === 'true';
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_instance')) {
        any = true;
        const root = nested(b.body, 'root_block_device')[0];
        if (!root || !enc(root)) hits.push({ stack: v.name, address: b.address, message: `${b.address} has an unencrypted root volume` });
        for (const d of nested(b.body, 'ebs_block_device')) if (!enc(d)) hits.push({ stack: v.name, address: b.address, message: `${b.address} has an unencrypted volume ${String(d['device_name'] ?? '')}`.trim() });
      }
      for (const b of v.resources('aws_ebs_volume')) {
        any = true;
        if (!enc(b.body)) hits.push({ stack: v.name, address: b.address, message: `${b.address} is not encrypted` });
      }
      for (const b of v.resources('aws_launch_template')) {
        any = true;
        for (const m of nested(b.body, 'block_device_mappings')) for (const e of nested(m, 'ebs')) if (!enc(e)) hits.push({ stack: v.name, address: b.address, message: `${b.address} maps an unencrypted volume` });
      }
      return any;
    });
  },
};
