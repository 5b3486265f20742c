import { eachStack } from './each-stack.js';
import type { TerraformRule } from './types.js';
import { nested, refersTo } from './view.js';

/**
 * A bucket needs default encryption, versioning, a full public access block and a policy that
 * refuses unencrypted transport.
 */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T005',
    severity: 'error',
    title: 'Unprotected S3 bucket',
    rationale:
      'Configuration backups contain the PBX\'s secrets and the whole dial plan. Without versioning a faulty or malicious upload overwrites the only good backup; without encryption, a public access block and TLS-only access they can leak.',
  },
  start() {
    return eachStack((v, hits) => {
      let any = false;
      for (const b of v.resources('aws_s3_bucket')) {
        any = true;
        const of = (type: string) => v.resources(type).filter((x) => refersTo(x.body['bucket'], b));
        const missing: string[] = [];
        if (of('aws_s3_bucket_server_side_encryption_configuration').length === 0) missing.push('default encryption');
        const versioned = of('aws_s3_bucket_versioning').some((x) => nested(x.body, 'versioning_configuration').some((c) => c['status'] === 'Enabled'));
        if (!versioned) missing.push('versioning');
        const blocked = of('aws_s3_bucket_public_access_block').some((x) =>
          ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((k) => x.body[k] === true),
        );
        if (!blocked) missing.push('a public access block');
        const tlsOnly = of('aws_s3_bucket_policy').some((x) => typeof x.body['policy'] === 'string' && /aws:SecureTransport/.test(x.body['policy'] as string));
        if (!tlsOnly) missing.push('a policy refusing insecure transport');
        if (missing.length > 0) hits.push({ stack: v.name, address: b.address, message: `${b.address} lacks ${missing.join(', ')}` });
      }
      return any;
    });
  },
};
