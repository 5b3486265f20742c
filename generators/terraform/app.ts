// Builds the cdktf app from a cloud plan: the shared stack first, then one stack per cloud
// region, per VPN-connected site and per cloud trunk. Values cross stacks only as cdktf
// cross-stack references (outputs read through terraform_remote_state), never as copied literals.
import { App } from './cdk.js';
import type { CloudPlan } from './plan.js';
import { BuildContext } from './stacks/common.js';
import { buildRegionStack, type RegionRefs } from './stacks/region.js';
import { buildSharedStack } from './stacks/shared.js';
import { buildSiteStack } from './stacks/site.js';
import { buildTrunkStack } from './stacks/trunk.js';

export function buildApp(plan: CloudPlan, outdir: string): BuildContext {
  // Stack traces in construct metadata would carry absolute paths of this machine.
  const app = new App({ outdir, stackTraces: false, skipValidation: false });
  const ctx = new BuildContext(app, plan);
  const shared = buildSharedStack(ctx);
  const regions = new Map<string, RegionRefs>();
  for (const rp of plan.regions) regions.set(rp.id, buildRegionStack(ctx, rp, shared));
  for (const sp of plan.sites) buildSiteStack(ctx, sp, shared, regions);
  for (const vp of plan.voiceConnectors) buildTrunkStack(ctx, vp, regions);
  return ctx;
}
