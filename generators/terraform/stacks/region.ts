// A cloud region stack: the VPC and its flow logs, the transit gateway the sites' VPNs attach
// to, and every cloud gateway placed in the region: security group, least-privilege instance
// profile, network interface with an Elastic IP for SIP, the instance (IMDSv2 only, encrypted
// EBS), status-check alarms with automatic recovery, and the gateway's DNS records and health checks.
import {
  CloudwatchLogGroup,
  CloudwatchMetricAlarm,
  DataAwsIpRanges,
  DataAwsSecretsmanagerSecret,
  DataAwsSsmParameter,
  DefaultSecurityGroup,
  Ec2InstanceState,
  Ec2TransitGateway,
  Ec2TransitGatewayVpcAttachment,
  Eip,
  FlowLog,
  IamInstanceProfile,
  IamRole,
  IamRolePolicy,
  Instance,
  InternetGateway,
  NetworkInterface,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  Subnet,
  TerraformIterator,
  TerraformOutput,
  Vpc,
  VpcEndpoint,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
  type TerraformStack,
} from '../cdk.js';
import { awsName, lid } from '../names.js';
import {
  HEALTH_CHECKER_REGIONS,
  MANAGEMENT_PORTS,
  MEDIA_PORTS,
  SIP_TLS_PORT,
  TGW_ASN,
  type CloudGatewayPlan,
  type RegionPlan,
} from '../plan.js';
import { arnPartition, createStack, nameTags, policyJson, type BuildContext, type Origin } from './common.js';
import type { SharedRefs } from './shared.js';
import { buildDnsRecords } from './dns.js';

/** Values of a region stack, each for use in a given (consuming) stack. */
export interface RegionRefs {
  readonly stack: TerraformStack;
  readonly transitGatewayId: ((consumer: TerraformStack) => string) | null;
  /** Public address of a gateway's Elastic IP. */
  publicIp(gateway: string, consumer: TerraformStack): string;
}

const cidrKey = (cidr: string) => cidr.replace(/[./]/g, '-');

interface PortRule {
  readonly key: string;
  readonly protocol: 'udp' | 'tcp';
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** SIP (UDP, TCP and TLS) and media port ranges of a gateway. */
function voicePorts(g: CloudGatewayPlan): PortRule[] {
  const tcpFrom = Math.min(g.sipPort, SIP_TLS_PORT);
  const tcpTo = Math.max(g.sipPort, SIP_TLS_PORT);
  const tcp: PortRule[] =
    tcpTo - tcpFrom === 1 || tcpTo === tcpFrom
      ? [{ key: 'sip-tcp', protocol: 'tcp', from: tcpFrom, to: tcpTo, label: 'SIP over TCP and TLS' }]
      : [
          { key: 'sip-tcp', protocol: 'tcp', from: g.sipPort, to: g.sipPort, label: 'SIP over TCP' },
          { key: 'sip-tls', protocol: 'tcp', from: SIP_TLS_PORT, to: SIP_TLS_PORT, label: 'SIP over TLS' },
        ];
  return [
    { key: 'sip-udp', protocol: 'udp', from: g.sipPort, to: g.sipPort, label: 'SIP over UDP' },
    ...tcp,
    { key: 'media', protocol: 'udp', from: MEDIA_PORTS.from, to: MEDIA_PORTS.to, label: 'RTP/SRTP media' },
  ];
}

export function buildRegionStack(ctx: BuildContext, rp: RegionPlan, shared: SharedRefs): RegionRefs {
  const { plan } = ctx;
  const dep = plan.deployment;
  const stack = createStack(ctx, { name: rp.stack, site: rp.stack, region: rp.id });
  const at = (path: string, gateway?: CloudGatewayPlan): Origin =>
    gateway ? { path, gateway: { id: gateway.id, formerId: gateway.formerId } } : { path };
  const cloud = at('cloud');
  const topic = shared.topicArn(rp.id, stack);

  // --- network ----------------------------------------------------------------------------------
  const vpc = ctx.add(stack, Vpc, 'main', {
    cidrBlock: rp.vpcCidr,
    enableDnsSupport: true,
    enableDnsHostnames: true,
    tags: nameTags(awsName(255, dep, rp.id)),
  }, cloud);
  // The default security group admits nothing, so nothing can use it by accident.
  ctx.add(stack, DefaultSecurityGroup, 'main', { vpcId: vpc.id, tags: nameTags(awsName(255, dep, rp.id, 'default-deny')) }, cloud);
  const igw = ctx.add(stack, InternetGateway, 'main', { vpcId: vpc.id, tags: nameTags(awsName(255, dep, rp.id)) }, cloud);
  const publicRt = ctx.add(stack, RouteTable, 'public', { vpcId: vpc.id, tags: nameTags(awsName(255, dep, rp.id, 'public')) }, cloud);
  ctx.add(stack, Route, 'public_default', { routeTableId: publicRt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id }, cloud);
  const publicSubnets = new Map<string, Subnet>();
  const tgwSubnets: Subnet[] = [];
  for (const a of rp.azs) {
    const subnet = ctx.add(stack, Subnet, lid('public', a.az), {
      vpcId: vpc.id,
      availabilityZone: a.az,
      cidrBlock: a.publicSubnet,
      mapPublicIpOnLaunch: false,
      tags: nameTags(awsName(255, dep, a.az, 'public')),
    }, cloud);
    publicSubnets.set(a.az, subnet);
    ctx.add(stack, RouteTableAssociation, lid('public', a.az), { subnetId: subnet.id, routeTableId: publicRt.id }, cloud);
    if (rp.transitGateway) {
      tgwSubnets.push(ctx.add(stack, Subnet, lid('transit', a.az), {
        vpcId: vpc.id,
        availabilityZone: a.az,
        cidrBlock: a.tgwSubnet,
        mapPublicIpOnLaunch: false,
        tags: nameTags(awsName(255, dep, a.az, 'transit')),
      }, cloud));
    }
  }
  ctx.add(stack, VpcEndpoint, 's3', {
    vpcId: vpc.id,
    serviceName: `com.amazonaws.${rp.id}.s3`,
    vpcEndpointType: 'Gateway',
    routeTableIds: [publicRt.id],
    tags: nameTags(awsName(255, dep, rp.id, 's3')),
  }, cloud);

  // Flow logs: who talked to the gateways, for incident analysis.
  const flowLogGroup = ctx.add(stack, CloudwatchLogGroup, 'flow_logs', { name: `/rbc/${dep}/${rp.id}/vpc-flow-logs`, retentionInDays: 365 }, cloud);
  const flowRole = ctx.add(stack, IamRole, 'flow_logs', {
    name: awsName(64, dep, rp.id, 'flow-logs'),
    assumeRolePolicy: policyJson([{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': plan.account } } }]),
  }, cloud);
  ctx.add(stack, IamRolePolicy, 'flow_logs', {
    role: flowRole.id,
    name: 'write-flow-logs',
    policy: policyJson([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: `${flowLogGroup.arn}:*` }]),
  }, cloud);
  ctx.add(stack, FlowLog, 'main', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: flowLogGroup.arn, iamRoleArn: flowRole.arn, tags: nameTags(awsName(255, dep, rp.id)) }, cloud);

  // --- transit gateway for the sites' VPNs ------------------------------------------------------
  let tgw: Ec2TransitGateway | null = null;
  if (rp.transitGateway) {
    tgw = ctx.add(stack, Ec2TransitGateway, 'sites', {
      description: `${dep} site VPNs in ${rp.id}`,
      amazonSideAsn: TGW_ASN,
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: 'enable',
      defaultRouteTablePropagation: 'enable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: nameTags(awsName(255, dep, rp.id, 'sites')),
    }, cloud);
    const attachment = ctx.add(stack, Ec2TransitGatewayVpcAttachment, 'main', {
      transitGatewayId: tgw.id,
      vpcId: vpc.id,
      subnetIds: tgwSubnets.map((s) => s.id),
      dnsSupport: 'enable',
      tags: nameTags(awsName(255, dep, rp.id)),
    }, cloud);
    for (const cidr of rp.siteRoutes) {
      ctx.add(stack, Route, lid('sites', cidrKey(cidr)), { routeTableId: publicRt.id, destinationCidrBlock: cidr, transitGatewayId: tgw.id, dependsOn: [attachment] }, cloud);
    }
    new TerraformOutput(stack, 'transit_gateway_id', { value: tgw.id });
  }

  // --- gateways -------------------------------------------------------------------------------
  const publicIps = new Map<string, (consumer: TerraformStack) => string>();
  if (rp.gateways.length > 0) {
    const image = ctx.add(stack, DataAwsSsmParameter, 'gateway_image', { name: plan.imageParameter }, cloud);
    const healthCheckers = rp.gateways.some((g) => g.healthChecked)
      ? ctx.add(stack, DataAwsIpRanges, 'route53_health_checkers', { services: ['route53_healthchecks'], regions: [...HEALTH_CHECKER_REGIONS] }, cloud)
      : null;
    const vcRanges = new Map<string, DataAwsIpRanges>();
    for (const r of [...new Set(rp.gateways.flatMap((g) => (g.voiceConnectorRegion ? [g.voiceConnectorRegion] : [])))].sort()) {
      vcRanges.set(r, ctx.add(stack, DataAwsIpRanges, lid('voice_connector', r), { services: ['chime_voiceconnector'], regions: [r] }, cloud));
    }
    const secretData = new Map<string, DataAwsSecretsmanagerSecret | DataAwsSsmParameter>();
    const secretArn = (kind: 'aws-sm' | 'ssm', name: string, path: string): string => {
      const key = `${kind}:${name}`;
      let d = secretData.get(key);
      if (!d) {
        const id = lid(kind === 'aws-sm' ? 'secret' : 'parameter', name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^-+/, ''));
        // Only the ARN is read: the secret's value never enters Terraform state.
        d = kind === 'aws-sm'
          ? ctx.add(stack, DataAwsSecretsmanagerSecret, id, { name }, { path })
          : ctx.add(stack, DataAwsSsmParameter, id, { name, withDecryption: false }, { path });
        secretData.set(key, d);
      }
      return d.arn;
    };

    for (const g of rp.gateways) {
      const o = at(g.path, g);
      const gname = awsName(255, dep, g.id);
      const subnet = publicSubnets.get(g.az)!;
      const sg = ctx.add(stack, SecurityGroup, lid('gw', g.id), {
        // A prefix, not a name: a replacement group is created before the old one is removed
        // from the interface (a rename of the gateway, a changed description).
        namePrefix: `${awsName(200, dep, g.id)}-`,
        description: `SIP gateway ${g.id}: SIP and media from sites and trunk providers, management from admin networks`,
        vpcId: vpc.id,
        revokeRulesOnDelete: true,
        tags: nameTags(gname),
        lifecycle: { createBeforeDestroy: true },
      }, o);
      const ingress = (key: string, p: { protocol: string; from: number; to: number }, description: string, source: { cidr?: string; iterator?: ReturnType<typeof TerraformIterator.fromList> }) =>
        ctx.add(stack, VpcSecurityGroupIngressRule, lid('gw', g.id, 'in', key), {
          securityGroupId: sg.id,
          ipProtocol: p.protocol,
          fromPort: p.from,
          toPort: p.to,
          description,
          ...(source.iterator ? { forEach: source.iterator, cidrIpv4: source.iterator.value as string } : { cidrIpv4: source.cidr! }),
        }, o);
      const egress = (key: string, p: { protocol: string; from: number; to: number }, description: string, source: { cidr?: string; iterator?: ReturnType<typeof TerraformIterator.fromList> }) =>
        ctx.add(stack, VpcSecurityGroupEgressRule, lid('gw', g.id, 'out', key), {
          securityGroupId: sg.id,
          ipProtocol: p.protocol,
          fromPort: p.from,
          toPort: p.to,
          description,
          ...(source.iterator ? { forEach: source.iterator, cidrIpv4: source.iterator.value as string } : { cidrIpv4: source.cidr! }),
        }, o);
      const ports = voicePorts(g);
      for (const s of g.voiceSources) {
        for (const p of ports) {
          ingress(`${p.key}_${cidrKey(s.cidr)}`, p, `${p.label} from ${s.description}`, { cidr: s.cidr });
          egress(`${p.key}_${cidrKey(s.cidr)}`, p, `${p.label} to ${s.description}`, { cidr: s.cidr });
        }
      }
      for (const a of g.adminSources) {
        for (const m of MANAGEMENT_PORTS) ingress(`admin-${m.port}_${cidrKey(a.cidr)}`, { protocol: m.protocol, from: m.port, to: m.port }, `${m.label} from ${a.description}`, { cidr: a.cidr });
      }
      if (g.snmpManager) ingress(`snmp_${cidrKey(g.snmpManager)}`, { protocol: 'udp', from: 161, to: 161 }, 'SNMPv3 polling from the monitoring manager', { cidr: `${g.snmpManager}/32` });
      if (g.syslog) egress(`syslog_${cidrKey(g.syslog.host)}`, { protocol: 'udp', from: g.syslog.port, to: g.syslog.port }, 'Syslog to the log server', { cidr: `${g.syslog.host}/32` });
      if (healthCheckers && g.healthChecked) {
        for (const port of [...new Set([g.sipPort, SIP_TLS_PORT])].sort((a, b) => a - b)) {
          ingress(`health-check-${port}`, { protocol: 'tcp', from: port, to: port }, `Route 53 health checks on TCP ${port}`, { iterator: TerraformIterator.fromList(healthCheckers.cidrBlocks) });
        }
      }
      if (g.voiceConnectorRegion) {
        const ranges = vcRanges.get(g.voiceConnectorRegion)!;
        const tls = { protocol: 'tcp', from: SIP_TLS_PORT, to: SIP_TLS_PORT };
        const media = { protocol: 'udp', from: MEDIA_PORTS.from, to: MEDIA_PORTS.to };
        ingress('voice-connector-sip-tls', tls, 'SIP over TLS from Amazon Chime SDK Voice Connector', { iterator: TerraformIterator.fromList(ranges.cidrBlocks) });
        ingress('voice-connector-media', media, 'SRTP media from Amazon Chime SDK Voice Connector', { iterator: TerraformIterator.fromList(ranges.cidrBlocks) });
        egress('voice-connector-sip-tls', tls, 'SIP over TLS to Amazon Chime SDK Voice Connector', { iterator: TerraformIterator.fromList(ranges.cidrBlocks) });
        egress('voice-connector-media', media, 'SRTP media to Amazon Chime SDK Voice Connector', { iterator: TerraformIterator.fromList(ranges.cidrBlocks) });
      }
      egress('https', { protocol: 'tcp', from: 443, to: 443 }, 'HTTPS to AWS APIs (backups, secrets) and licensing', { cidr: '0.0.0.0/0' });
      egress('dns-udp', { protocol: 'udp', from: 53, to: 53 }, 'DNS to the VPC resolver', { cidr: `${rp.resolver}/32` });
      egress('dns-tcp', { protocol: 'tcp', from: 53, to: 53 }, 'DNS to the VPC resolver', { cidr: `${rp.resolver}/32` });

      // Least privilege: its own backup prefix, its primaries' prefixes to restore from, its secrets.
      const role = ctx.add(stack, IamRole, lid('gw', g.id), {
        name: awsName(64, dep, g.id),
        description: `Instance role of gateway ${g.id}`,
        assumeRolePolicy: policyJson([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
        tags: nameTags(gname),
      }, o);
      const statements: Record<string, unknown>[] = [];
      if (g.backupPrefixes && shared.bucketArn && shared.bucketKeyArn) {
        const bp = g.backupPrefixes;
        const bucketArn = shared.bucketArn(stack);
        const bucketKeyArn = shared.bucketKeyArn(stack);
        statements.push({ Sid: 'WriteOwnBackups', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: `${bucketArn}/${bp.write}*` });
        if (bp.read.length > 0) statements.push({ Sid: 'RestorePrimaryBackups', Effect: 'Allow', Action: 's3:GetObject', Resource: bp.read.map((p) => `${bucketArn}/${p}*`) });
        statements.push({ Sid: 'ListBackupPrefixes', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': [bp.write, ...bp.read].map((p) => `${p}*`) } } });
        statements.push({ Sid: 'BackupEncryption', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: bucketKeyArn, Condition: { StringEquals: { 'kms:ViaService': `s3.${plan.shared.configBucket!.region}.amazonaws.com` } } });
      }
      const sm = g.secrets.filter((s) => s.kind === 'aws-sm');
      const ssm = g.secrets.filter((s) => s.kind === 'ssm');
      if (sm.length > 0) statements.push({ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: sm.map((s) => secretArn('aws-sm', s.name, g.path)) });
      if (ssm.length > 0) statements.push({ Sid: 'ReadParameters', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: ssm.map((s) => secretArn('ssm', s.name, g.path)) });
      if (statements.length > 0) {
        ctx.add(stack, IamRolePolicy, lid('gw', g.id), { role: role.id, name: 'gateway', policy: policyJson(statements) }, o);
      }
      const profile = ctx.add(stack, IamInstanceProfile, lid('gw', g.id), { name: awsName(128, dep, g.id), role: role.name, tags: nameTags(gname), lifecycle: { createBeforeDestroy: true } }, o);

      const eni = ctx.add(stack, NetworkInterface, lid('gw', g.id), {
        subnetId: subnet.id,
        ...(g.privateIp ? { privateIps: [g.privateIp] } : {}),
        securityGroups: [sg.id],
        sourceDestCheck: true,
        description: `SIP interface of gateway ${g.id}`,
        tags: nameTags(gname),
      }, o);
      const eip = ctx.add(stack, Eip, lid('gw', g.id), { domain: 'vpc', networkInterface: eni.id, tags: nameTags(gname), dependsOn: [igw] }, o);
      const publicIp = eip.publicIp;
      publicIps.set(g.id, ctx.exported(eip, 'public_ip', publicIp));
      const tags: Record<string, string> = { gateway: g.id, role: g.role };
      if (g.standbyFor.length > 0) tags['standby-for'] = g.standbyFor.map((s) => `${s.gateway}:${s.mode}`).join(' ');
      if (g.awsBackup) tags['rbc:backup'] = dep;
      const instance = ctx.add(stack, Instance, lid('gw', g.id), {
        ami: image.insecureValue,
        instanceType: plan.instanceType,
        iamInstanceProfile: profile.name,
        primaryNetworkInterface: { networkInterfaceId: eni.id },
        ebsOptimized: true,
        monitoring: true,
        disableApiTermination: true,
        metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
        rootBlockDevice: { encrypted: true, volumeType: 'gp3', deleteOnTermination: true, tags: nameTags(gname) },
        tags: nameTags(gname, tags),
        // A new image in the parameter must not replace a running PBX: replace it deliberately.
        lifecycle: { ignoreChanges: ['ami'] },
      }, o);
      if (!g.running) {
        // Created stopped; the on-call starts it (runbook). Terraform never stops it again.
        ctx.add(stack, Ec2InstanceState, lid('gw', g.id), { instanceId: instance.id, state: 'stopped', lifecycle: { ignoreChanges: ['state'] } }, o);
      }
      const alarm = (key: string, metric: string, description: string, evaluationPeriods: number, recover: boolean) =>
        ctx.add(stack, CloudwatchMetricAlarm, lid('gw', g.id, key), {
          alarmName: awsName(255, dep, g.id, key),
          alarmDescription: description,
          namespace: 'AWS/EC2',
          metricName: metric,
          dimensions: { InstanceId: instance.id },
          statistic: 'Maximum',
          period: 60,
          evaluationPeriods,
          threshold: 1,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          treatMissingData: g.running ? 'missing' : 'notBreaching',
          alarmActions: recover ? [`arn:${arnPartition}:automate:${rp.id}:ec2:recover`, topic] : [topic],
          okActions: [topic],
          tags: nameTags(gname),
        }, o);
      alarm('system-check', 'StatusCheckFailed_System', `Gateway ${g.id}: the AWS host failed its status check; EC2 recovers the instance onto healthy hardware`, 2, true);
      alarm('instance-check', 'StatusCheckFailed_Instance', `Gateway ${g.id}: the instance failed its status check (the gateway's own system is not responding)`, 3, false);
      new TerraformOutput(stack, lid('gw', g.id, 'public_ip'), { value: publicIp, description: `Public SIP address of gateway ${g.id}` });
    }
  }

  // --- DNS records and health checks placed in this stack ----------------------------------------
  const regionGateways = new Map<string, CloudGatewayPlan>();
  for (const g of rp.gateways) if (!regionGateways.has(g.id)) regionGateways.set(g.id, g);
  buildDnsRecords(ctx, stack, rp.stack, shared, (gatewayId) => publicIps.get(gatewayId)!(stack), (gatewayId) => {
    const g = regionGateways.get(gatewayId);
    return g ? at(g.path, g) : null;
  });

  return {
    stack,
    transitGatewayId: tgw ? ctx.exported(tgw, 'id', tgw.id) : null,
    publicIp: (gateway, consumer) => {
      const ip = publicIps.get(gateway);
      if (!ip) throw new Error(`gateway ${gateway} has no Elastic IP in ${rp.id}`);
      return ip(consumer);
    },
  };
}
