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
  check(ctx) {
    const local = ctx.stacks.filter((v) => {
      const backend = ((v.config['terraform'] ?? {}) as Record<string, unknown>)['backend'] as Record<string, unknown> | undefined;
      return backend !== undefined && 'local' in backend;
    });
    if (local.length === 0) return [];
    return [{ stack: local[0]!.name, address: 'terraform', path: 'cloud', message: `The state of ${local.length} stack(s) (${local.map((v) => v.name).join(', ')}) is kept in local files` }];
  },
};
