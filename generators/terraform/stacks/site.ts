// A site stack: one customer gateway and one site-to-site VPN per uplink and region, so two
// uplinks give two independent connections (four tunnels), each on the region's transit gateway,
// with tunnel logs and alarms for a lost tunnel and a lost connection.
import { CloudwatchLogGroup, CloudwatchMetricAlarm, CustomerGateway, TerraformOutput, VpnConnection, type TerraformStack } from '../cdk.js';
import { awsName, lid } from '../names.js';
import type { SitePlan } from '../plan.js';
import { createStack, nameTags, type BuildContext } from './common.js';
import type { RegionRefs } from './region.js';
import type { SharedRefs } from './shared.js';

/** IKEv2 only, AES-256-GCM, SHA2-384, DH group 20 (ECP-384) in both phases. */
export const VPN_CRYPTO = {
  ikeVersions: ['ikev2'],
  encryption: ['AES256-GCM-16'],
  integrity: ['SHA2-384'],
  dhGroups: [20],
} as const;

export function buildSiteStack(ctx: BuildContext, sp: SitePlan, shared: SharedRefs, regions: ReadonlyMap<string, RegionRefs>): TerraformStack {
  const { plan } = ctx;
  const dep = plan.deployment;
  const home = sp.regions[0]!;
  const stack = createStack(ctx, { name: sp.stack, site: sp.id, region: home });
  const regionArg = (r: string) => (r === home ? {} : { region: r });

  for (const r of sp.regions) {
    const tgwRef = regions.get(r)?.transitGatewayId;
    if (!tgwRef) throw new Error(`region ${r} has no transit gateway for site ${sp.id}`);
    const tgwId = tgwRef(stack);
    const logs = ctx.add(stack, CloudwatchLogGroup, lid('vpn', r), {
      ...regionArg(r),
      name: `/rbc/${dep}/${r}/vpn/${sp.id}`,
      retentionInDays: 365,
    }, { path: sp.path });
    const logGroupArn = logs.arn;
    const topic = shared.topicArn(r, stack);
    for (const u of sp.uplinks) {
      const o = { path: u.path };
      const name = awsName(255, dep, sp.id, u.id, r);
      const cgw = ctx.add(stack, CustomerGateway, lid('uplink', u.id, r), {
        ...regionArg(r),
        type: 'ipsec.1',
        ipAddress: u.publicIp,
        bgpAsnExtended: String(sp.bgpAsn),
        deviceName: awsName(255, sp.id, u.id),
        tags: nameTags(name),
      }, o);
      const tunnel = (n: 1 | 2) => ({
        [`tunnel${n}IkeVersions`]: [...VPN_CRYPTO.ikeVersions],
        [`tunnel${n}Phase1EncryptionAlgorithms`]: [...VPN_CRYPTO.encryption],
        [`tunnel${n}Phase1IntegrityAlgorithms`]: [...VPN_CRYPTO.integrity],
        [`tunnel${n}Phase1DhGroupNumbers`]: [...VPN_CRYPTO.dhGroups],
        [`tunnel${n}Phase2EncryptionAlgorithms`]: [...VPN_CRYPTO.encryption],
        [`tunnel${n}Phase2IntegrityAlgorithms`]: [...VPN_CRYPTO.integrity],
        [`tunnel${n}Phase2DhGroupNumbers`]: [...VPN_CRYPTO.dhGroups],
        [`tunnel${n}DpdTimeoutAction`]: 'restart',
        [`tunnel${n}StartupAction`]: 'start',
        [`tunnel${n}LogOptions`]: { cloudwatchLogOptions: { logEnabled: true, logGroupArn, logOutputFormat: 'json' } },
      });
      const vpn = ctx.add(stack, VpnConnection, lid('uplink', u.id, r), {
        ...regionArg(r),
        type: 'ipsec.1',
        customerGatewayId: cgw.id,
        transitGatewayId: tgwId,
        staticRoutesOnly: false,
        // The pre-shared keys stay in AWS Secrets Manager, not in Terraform state.
        presharedKeyStorage: 'SecretsManager',
        ...tunnel(1),
        ...tunnel(2),
        tags: nameTags(name),
      }, o);
      const vpnId = vpn.id;
      const alarm = (key: string, statistic: 'Maximum' | 'Minimum', periods: number, description: string) =>
        ctx.add(stack, CloudwatchMetricAlarm, lid('uplink', u.id, r, key), {
          ...regionArg(r),
          alarmName: awsName(255, dep, sp.id, u.id, r, key),
          alarmDescription: description,
          namespace: 'AWS/VPN',
          metricName: 'TunnelState',
          dimensions: { VpnId: vpnId },
          statistic,
          period: 60,
          evaluationPeriods: periods,
          threshold: 1,
          comparisonOperator: 'LessThanThreshold',
          treatMissingData: 'breaching',
          alarmActions: [topic],
          okActions: [topic],
          tags: nameTags(name),
        }, o);
      alarm('vpn-down', 'Maximum', 3, `Site ${sp.id}: both tunnels of the VPN over uplink ${u.id} to ${r} are down`);
      alarm('tunnel-down', 'Minimum', 5, `Site ${sp.id}: one tunnel of the VPN over uplink ${u.id} to ${r} is down; the connection has no redundancy left`);
      new TerraformOutput(stack, lid('uplink', u.id, r, 'tunnels'), {
        description: `Tunnel endpoints of the VPN over uplink ${u.id} (customer ASN ${sp.bgpAsn}); the pre-shared keys are in Secrets Manager`,
        value: { tunnel1: vpn.tunnel1Address, tunnel2: vpn.tunnel2Address, presharedKeyArn: vpn.presharedKeyArn, customerAsn: sp.bgpAsn },
      });
    }
  }
  return stack;
}
