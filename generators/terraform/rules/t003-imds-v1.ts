import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { nested } from './view.js';

/** Instances and launch templates must require IMDSv2 session tokens. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T003',
    severity: 'error',
    title: 'Instance metadata v1 allowed',
    rationale:
      'IMDSv1 answers any request from the instance, so a server-side request forgery in the PBX web interface leaks the instance role\'s credentials. Require session tokens (http_tokens = required).',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const type of ['aws_instance', 'aws_launch_template']) {
        for (const b of v.resources(type)) {
          any = true;
          const md = nested(b.body, 'metadata_options')[0];
          if (md?.['http_tokens'] === 'required' && md['http_endpoint'] !== 'disabled') continue;
          if (md?.['http_endpoint'] === 'disabled') continue;
          hits.push({ stack: v.name, address: b.address, message: `${b.address} allows IMDSv1 (metadata_options.http_tokens is not "required")` });
        }
      }
      return any;
    });
  },
};
