// A cloud trunk stack: an Amazon Chime SDK Voice Connector with encryption required,
// origination routes to the trunk's gateways by priority (primary first), termination limited to
// the gateways' Elastic IPs and the countries of the sites they serve, and SIP and media logs.
import {
  ChimeVoiceConnector,
  ChimeVoiceConnectorLogging,
  ChimeVoiceConnectorOrigination,
  ChimeVoiceConnectorTermination,
  TerraformOutput,
  type TerraformStack,
} from '../cdk.js';
import { SIP_TLS_PORT, type VoiceConnectorPlan } from '../plan.js';
import { createStack, type BuildContext } from './common.js';
import type { RegionRefs } from './region.js';

export function buildTrunkStack(ctx: BuildContext, vp: VoiceConnectorPlan, regions: ReadonlyMap<string, RegionRefs>): TerraformStack {
  const stack = createStack(ctx, { name: vp.stack, site: vp.stack, region: vp.region });
  const o = { path: vp.path };
  const publicIps = new Map(vp.routes.map((r) => {
    const region = regions.get(r.region);
    if (!region) throw new Error(`gateway ${r.gateway} has no region stack ${r.region}`);
    return [r.gateway, region.publicIp(r.gateway, stack)] as const;
  }));
  const vc = ctx.add(stack, ChimeVoiceConnector, 'trunk', {
    name: vp.name,
    awsRegion: vp.region,
    requireEncryption: true,
    tags: { Name: vp.name, trunk: vp.trunk },
  }, o);
  ctx.add(stack, ChimeVoiceConnectorOrigination, 'trunk', {
    voiceConnectorId: vc.id,
    disabled: false,
    route: vp.routes.map((r) => ({ host: publicIps.get(r.gateway)!, port: SIP_TLS_PORT, protocol: 'TCP', priority: r.priority, weight: r.weight })),
  }, o);
  if (vp.callingRegions.length > 0) {
    ctx.add(stack, ChimeVoiceConnectorTermination, 'trunk', {
      voiceConnectorId: vc.id,
      disabled: false,
      callingRegions: [...vp.callingRegions],
      cidrAllowList: vp.routes.map((r) => `${publicIps.get(r.gateway)!}/32`),
    }, o);
  }
  ctx.add(stack, ChimeVoiceConnectorLogging, 'trunk', { voiceConnectorId: vc.id, enableSipLogs: true, enableMediaMetricLogs: true }, o);
  new TerraformOutput(stack, 'outbound_host_name', { value: vc.outboundHostName, description: `SIP host the gateways send calls to for trunk ${vp.trunk} (TLS, port ${SIP_TLS_PORT})` });
  return stack;
}
