// Builds the cdktf app from a cloud plan: the shared stack first, then one stack per cloud
// region, per VPN-connected site and per cloud trunk. Values cross stacks only as cdktf
// cross-stack references (outputs read through terraform_remote_state), never as copied literals.
import { App, type TerraformStack } from './cdk.js';
import type { CloudPlan } from './plan.js';
import { BuildContext } from './stacks/common.js';
import { buildRegionStack, type RegionRefs } from './stacks/region.js';
import { buildSharedStack } from './stacks/shared.js';
import { buildSiteStack } from './stacks/site.js';
import { buildTrunkStack } from './stacks/trunk.js';

/**
 * An app under construction. The stacks others read from (shared, regions) are built at once;
 * a site or trunk stack only reads from them, so it can be built when it is wanted and dropped
 * once rendered (BuildContext.release) without touching any other stack.
 */
export interface AppBuild {
  readonly ctx: BuildContext;
  /** The shared stack, then one per region, in plan order. */
  readonly producers: readonly TerraformStack[];
  /** The site stacks, then the trunk stacks, in plan order: each built by calling `build`. */
  readonly consumers: readonly { readonly name: string; build(): TerraformStack }[];
}

export function startApp(plan: CloudPlan, outdir: string): AppBuild {
  // Stack traces in construct metadata would carry absolute paths of this machine.
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  const ctx = new BuildContext(app, plan);
  const shared = buildSharedStack(ctx);
  const regions = new Map<string, RegionRefs>();
  for (const rp of plan.regions) regions.set(rp.id, buildRegionStack(ctx, rp, shared));
  return {
    ctx,
    producers: [shared.stack, ...[...regions.values()].map((r) => r.stack)],
    consumers: [
      ...plan.sites.map((sp) => ({ name: sp.stack, build: () => buildSiteStack(ctx, sp, shared, regions) })),
      ...plan.voiceConnectors.map((vp) => ({ name: vp.stack, build: () => buildTrunkStack(ctx, vp, regions) })),
    ],
  };
}

/** The whole app, every stack built (for cdktf's own synthesis and for tests). */
export function buildApp(plan: CloudPlan, outdir: string): BuildContext {
  const build = startApp(plan, outdir);
  for (const c of build.consumers) c.build();
  return build.ctx;
}
