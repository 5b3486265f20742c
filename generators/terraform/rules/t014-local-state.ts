import { inStackOrder } from './each-stack.js';
import type { TerraformRule } from './types.js';

/** Local state files: no locking, no sharing, one laptop away from losing track of the PBX. */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T014',
    severity: 'info',
    title: 'Terraform state kept locally',
    rationale:
      'Local state cannot be locked against two people applying at once and is lost with the machine. Set cloud.stateBackend to keep each stack\'s state in S3 with locking.',
  },
  start() {
    const local: { index: number; seq: number; name: string }[] = [];
    return {
      stack(v) {
        const backend = ((v.config['terraform'] ?? {}) as Record<string, unknown>)['backend'] as Record<string, unknown> | undefined;
        if (backend !== undefined && 'local' in backend) local.push({ index: v.index, seq: local.length, name: v.name });
        return [];
      },
      finish() {
        if (local.length === 0) return [];
        const names = inStackOrder(local).map((v) => v.name);
        return [{ stack: names[0]!, address: 'terraform', path: 'cloud', message: `The state of ${names.length} stack(s) (${names.join(', ')}) is kept in local files` }];
      },
    };
  },
};
