// The synthesized stacks of the cloud examples, per resource kind: properties, references
// between resources and across stacks, counts. f: cloud PBX pair with local survivable gateways;
// g: on-premises PBX with a cold standby in AWS; the test fixture adds a Voice Connector trunk,
// a second region and an S3 state backend.
import { describe, expect, it } from 'vitest';
import { generateTerraform } from '../../generators/terraform/index.js';
import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../load/canonical-json.js';
import { loadBlueprintText } from '../../load/load.js';
import { loadModel } from '../support/compile.js';
import { dataSources, examplePath, fixturePath, generated, references, resources, stack } from './support.js';

type Obj = Record<string, unknown>;

const f = () => generated(examplePath('f-cloud-pbx-local-survivable'));
const g = () => generated(examplePath('g-cloud-cold-standby'));
const fx = () => generated(fixturePath('cloud-pbx-local-survivable'));

const values = (o: Record<string, Obj>) => Object.values(o);
const keys = (o: Record<string, Obj>) => Object.keys(o).sort();

/** The output (in `producer`) that a `${data.terraform_remote_state...outputs.X}` expression in a consumer reads. */
function remoteOutput(result: ReturnType<typeof f>['result'], expression: string): { stack: string; value: unknown } {
  const m = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([a-z0-9-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/.exec(expression);
  if (!m) throw new Error(`not a cross-stack reference: ${expression}`);
  const producer = stack(result, m[1]!);
  const output = ((producer['output'] ?? {}) as Record<string, Obj>)[m[2]!];
  if (!output) throw new Error(`stack ${m[1]} has no output ${m[2]}`);
  return { stack: m[1]!, value: output['value'] };
}

describe('layout', () => {
  it('writes the cdktf.out layout under terraform/, plus findings and a README', () => {
    expect(f().result.files.map((x) => x.path).sort()).toEqual([
      'terraform/README.md',
      'terraform/findings.json',
      'terraform/manifest.json',
      'terraform/stacks/cloud-eu-central-1/cdk.tf.json',
      'terraform/stacks/shared/cdk.tf.json',
      'terraform/stacks/site-augsburg/cdk.tf.json',
      'terraform/stacks/site-muenchen/cdk.tf.json',
    ]);
    const manifest = JSON.parse(f().result.files.find((x) => x.path === 'terraform/manifest.json')!.content as string);
    expect(manifest.stacks['site-muenchen']).toMatchObject({
      synthesizedStackPath: 'stacks/site-muenchen/cdk.tf.json',
      workingDirectory: 'stacks/site-muenchen',
      dependencies: ['cloud-eu-central-1', 'shared'],
    });
    expect(manifest.stacks['shared'].dependencies).toEqual([]);
  });

  it('writes nothing for a deployment without a cloud section', () => {
    const { model } = loadModel(examplePath('a-single-site-hot-standby'));
    expect(generateTerraform(model).files).toEqual([]);
  });

  it('is deterministic and free of machine paths', () => {
    const { model } = loadModel(examplePath('g-cloud-cold-standby'));
    const a = generateTerraform(model, { today: '2026-01-01' }).files;
    const b = generateTerraform(model, { today: '2026-01-01' }).files;
    expect(b).toEqual(a);
    for (const file of a) {
      const text = file.content as string;
      expect(text, file.path).not.toMatch(/\/tmp\/|rbc-terraform-[A-Za-z0-9]{6}|\/work\/|\/home\/|[A-Z]:\\\\/);
      expect(text, file.path).not.toMatch(/20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:/);
      if (file.path.endsWith('.json')) expect(text, file.path).toBe(canonicalJson(JSON.parse(text), 2) + '\n');
    }
  });

  it('sorts keys at every level', () => {
    const text = f().result.files.find((x) => x.path.endsWith('shared/cdk.tf.json'))!.content as string;
    const sorted = (v: unknown): boolean =>
      Array.isArray(v) ? v.every(sorted) : v && typeof v === 'object' ? Object.keys(v).every((k, i, all) => i === 0 || all[i - 1]! < k) && Object.values(v).every(sorted) : true;
    expect(sorted(JSON.parse(text))).toBe(true);
  });
});

describe('provider and state backend', () => {
  it('tags everything with deployment, site and managed-by, and refuses other accounts', () => {
    for (const s of f().result.synth!.stacks) {
      const provider = (stack(f().result, s.name)['provider'] as { aws: Obj[] }).aws[0]!;
      expect(provider['allowed_account_ids']).toEqual(['111122223333']);
      const tags = (provider['default_tags'] as { tags: Obj }[])[0]!.tags;
      expect(tags).toEqual({ deployment: 'alpenblick-reisen', site: s.name === 'shared' ? 'shared' : s.name.startsWith('site-') ? s.name.slice(5) : s.name, 'managed-by': 'rbc' });
    }
  });

  it('keeps local state outside the output directory, one file per stack', () => {
    const backend = (stack(g().result, 'cloud-eu-central-1')['terraform'] as { backend: { local: Obj } }).backend.local;
    expect(backend['path']).toBe('../../../../rbc-terraform-state/schwarzwald-kanzlei/cloud-eu-central-1.tfstate');
  });

  it('uses the S3 backend with one key per stack, encryption and locking when the blueprint sets one', () => {
    for (const name of ['shared', 'cloud-eu-central-1', 'site-muenchen', 'trunk-cloud-sip']) {
      const s3 = (stack(fx().result, name)['terraform'] as { backend: { s3: Obj } }).backend.s3;
      expect(s3).toEqual({
        bucket: 'nordwind-terraform-state',
        key: `rbc/nordwind/${name}.tfstate`,
        region: 'eu-central-1',
        encrypt: true,
        dynamodb_table: 'nordwind-terraform-locks',
        use_lockfile: true,
      });
    }
  });
});

describe('cross-stack values', () => {
  it('reads the transit gateway and the alert topic of other stacks through their state, never as literals', () => {
    const site = stack(f().result, 'site-muenchen');
    const vpn = resources(site, 'aws_vpn_connection')['uplink_fibre_eu-central-1']!;
    expect(remoteOutput(f().result, vpn['transit_gateway_id'] as string)).toEqual({ stack: 'cloud-eu-central-1', value: '${aws_ec2_transit_gateway.sites.id}' });
    const alarm = resources(site, 'aws_cloudwatch_metric_alarm')['uplink_fibre_eu-central-1_vpn-down']!;
    expect(remoteOutput(f().result, (alarm['alarm_actions'] as string[])[0]!)).toEqual({ stack: 'shared', value: '${aws_sns_topic.alerts_eu-central-1.arn}' });
    for (const s of f().result.synth!.stacks) {
      const text = JSON.stringify(stack(f().result, s.name));
      if (s.name !== 'shared') expect(text, s.name).not.toMatch(/arn:aws:sns:|arn:aws:s3:::/);
    }
  });

  it('outputs crossing stacks are sensitive and exist for every remote read', () => {
    for (const s of fx().result.synth!.stacks) {
      for (const expression of references(stack(fx().result, s.name)).filter((r) => r.startsWith('data.terraform_remote_state.'))) {
        expect(() => remoteOutput(fx().result, `\${${expression}}`)).not.toThrow();
      }
    }
    const out = (stack(f().result, 'shared')['output'] as Record<string, Obj>)['cross-stack-output-aws_sns_topicalerts_eu-central-1arn']!;
    expect(out['sensitive']).toBe(true);
  });
});

describe('EC2 instances of the cloud gateways', () => {
  const region = () => stack(f().result, 'cloud-eu-central-1');

  it('one per cloud gateway, IMDSv2 only, encrypted gp3 root volume, termination protection, detailed monitoring', () => {
    const instances = resources(region(), 'aws_instance');
    expect(keys(instances)).toEqual(['gw_cloud-pbx-a', 'gw_cloud-pbx-b']);
    for (const i of values(instances)) {
      expect(i['metadata_options']).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
      expect(i['root_block_device']).toMatchObject({ encrypted: true, volume_type: 'gp3' });
      expect(i).toMatchObject({ instance_type: 't3.medium', disable_api_termination: true, monitoring: true, ebs_optimized: true, ami: '${data.aws_ssm_parameter.gateway_image.insecure_value}' });
      expect(i['lifecycle']).toEqual({ ignore_changes: ['ami'] });
    }
    expect(dataSources(region(), 'aws_ssm_parameter')['gateway_image']).toEqual({ name: '/rbc/gateway-ami' });
  });

  it('runs the hot pair in two AZs, each on its own interface with an Elastic IP and the blueprint address', () => {
    const r = region();
    const azOf = (gw: string) => {
      const instance = resources(r, 'aws_instance')[`gw_${gw}`]!;
      expect((instance['primary_network_interface'] as Obj)['network_interface_id']).toBe(`\${aws_network_interface.gw_${gw}.id}`);
      const eni = resources(r, 'aws_network_interface')[`gw_${gw}`]!;
      const subnet = /^\$\{aws_subnet\.([^.]+)\.id\}$/.exec(eni['subnet_id'] as string)![1]!;
      return { az: resources(r, 'aws_subnet')[subnet]!['availability_zone'], ip: (eni['private_ips'] as string[])[0], sg: eni['security_groups'] };
    };
    expect(azOf('cloud-pbx-a')).toEqual({ az: 'eu-central-1a', ip: '10.60.1.10', sg: ['${aws_security_group.gw_cloud-pbx-a.id}'] });
    expect(azOf('cloud-pbx-b')).toEqual({ az: 'eu-central-1b', ip: '10.60.2.10', sg: ['${aws_security_group.gw_cloud-pbx-b.id}'] });
    for (const gw of ['cloud-pbx-a', 'cloud-pbx-b']) expect(resources(r, 'aws_eip')[`gw_${gw}`]).toMatchObject({ domain: 'vpc', network_interface: `\${aws_network_interface.gw_${gw}.id}`, depends_on: ['aws_internet_gateway.main'] });
  });

  it('tags the instances for AWS Backup and names their role', () => {
    const tags = resources(region(), 'aws_instance')['gw_cloud-pbx-b']!['tags'];
    expect(tags).toMatchObject({ gateway: 'cloud-pbx-b', role: 'hot-standby', 'standby-for': 'cloud-pbx-a:hot', 'rbc:backup': 'alpenblick-reisen' });
  });

  it('creates a cold standby stopped, and never stops it again once the on-call started it', () => {
    const r = stack(g().result, 'cloud-eu-central-1');
    expect(resources(r, 'aws_ec2_instance_state')).toEqual({
      'gw_pbx-cloud-standby': { instance_id: '${aws_instance.gw_pbx-cloud-standby.id}', state: 'stopped', lifecycle: { ignore_changes: ['state'] } },
    });
  });

  it('alarms on both status checks; the system check recovers the instance', () => {
    const alarms = resources(region(), 'aws_cloudwatch_metric_alarm');
    const system = alarms['gw_cloud-pbx-a_system-check']!;
    expect(system).toMatchObject({ namespace: 'AWS/EC2', metric_name: 'StatusCheckFailed_System', dimensions: { InstanceId: '${aws_instance.gw_cloud-pbx-a.id}' }, comparison_operator: 'GreaterThanOrEqualToThreshold' });
    expect((system['alarm_actions'] as string[])[0]).toBe('arn:aws:automate:eu-central-1:ec2:recover');
    expect(alarms['gw_cloud-pbx-a_instance-check']).toMatchObject({ metric_name: 'StatusCheckFailed_Instance' });
    const cold = resources(stack(g().result, 'cloud-eu-central-1'), 'aws_cloudwatch_metric_alarm')['gw_pbx-cloud-standby_system-check']!;
    expect(cold['treat_missing_data']).toBe('notBreaching');
  });
});

describe('security groups', () => {
  it('admit SIP and media only from the trunk providers and the sites, management only from the admin networks', () => {
    const r = stack(f().result, 'cloud-eu-central-1');
    const ingress = values(resources(r, 'aws_vpc_security_group_ingress_rule'));
    expect(ingress.length).toBeGreaterThan(10);
    for (const rule of ingress) expect(['0.0.0.0/0', '::/0']).not.toContain(rule['cidr_ipv4']);
    const admin = ingress.filter((x) => x['from_port'] === 22 || x['from_port'] === 443);
    expect(admin.map((x) => x['cidr_ipv4'])).toEqual(['203.0.113.0/28', '203.0.113.0/28', '203.0.113.0/28', '203.0.113.0/28']);
    const sipSources = [...new Set(ingress.filter((x) => x['from_port'] === 10000).map((x) => x['cidr_ipv4']))].sort();
    // The branches' networks behind their VPN uplinks, their public addresses, and the cloud
    // trunk's carrier network.
    expect(sipSources).toEqual(['10.61.0.0/16', '10.62.0.0/16', '192.0.2.128/26', '198.51.100.61/32', '198.51.100.62/32']);
    expect(f().result.diagnostics.filter((d) => d.code === 'RBC4103')).toEqual([]);
  });

  it('admit Route 53 health checkers from the published ranges, per checked port', () => {
    const r = stack(f().result, 'cloud-eu-central-1');
    const hc = resources(r, 'aws_vpc_security_group_ingress_rule')['gw_cloud-pbx-a_in_health-check-5061']!;
    expect(hc).toMatchObject({ ip_protocol: 'tcp', from_port: 5061, to_port: 5061, cidr_ipv4: '${each.value}', for_each: '${toset(data.aws_ip_ranges.route53_health_checkers.cidr_blocks)}' });
    expect(dataSources(r, 'aws_ip_ranges')['route53_health_checkers']).toEqual({ services: ['route53_healthchecks'], regions: ['ap-southeast-1', 'eu-west-1', 'us-east-1'] });
  });

  it('restrict egress to SIP peers, DNS and HTTPS; the VPC default group admits nothing', () => {
    const r = stack(f().result, 'cloud-eu-central-1');
    const egress = values(resources(r, 'aws_vpc_security_group_egress_rule'));
    for (const rule of egress) expect(rule['ip_protocol']).not.toBe('-1');
    expect(egress.filter((x) => x['cidr_ipv4'] === '0.0.0.0/0').map((x) => x['from_port'])).toEqual([443, 443]);
    expect(resources(r, 'aws_default_security_group')['main']).toEqual({ vpc_id: '${aws_vpc.main.id}', tags: { Name: 'alpenblick-reisen-eu-central-1-default-deny' } });
  });

  it('open the Voice Connector ranges for a Voice Connector trunk', () => {
    const r = stack(fx().result, 'cloud-eu-central-1');
    expect(dataSources(r, 'aws_ip_ranges')['voice_connector_eu-central-1']).toEqual({ services: ['chime_voiceconnector'], regions: ['eu-central-1'] });
    expect(resources(r, 'aws_vpc_security_group_ingress_rule')['gw_pbx-cloud-a_in_voice-connector-sip-tls']).toMatchObject({ from_port: 5061, for_each: '${toset(data.aws_ip_ranges.voice_connector_eu-central-1.cidr_blocks)}' });
  });
});

describe('instance roles', () => {
  it('grant only the gateway\'s backup prefixes and its secrets, by reference', () => {
    const r = stack(g().result, 'cloud-eu-central-1');
    const role = resources(r, 'aws_iam_role')['gw_pbx-cloud-standby']!;
    expect(JSON.parse(role['assume_role_policy'] as string).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const policy = JSON.parse(resources(r, 'aws_iam_role_policy')['gw_pbx-cloud-standby']!['policy'] as string) as { Statement: Obj[] };
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s['Sid'], s]));
    expect(Object.keys(bySid).sort()).toEqual(['BackupEncryption', 'ListBackupPrefixes', 'ReadParameters', 'ReadSecrets', 'RestorePrimaryBackups', 'WriteOwnBackups']);
    expect(bySid['WriteOwnBackups']!['Resource']).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-shared\.outputs\.[^}]+\}\/pbx-cloud-standby\/\*$/);
    expect(bySid['RestorePrimaryBackups']!['Resource']).toEqual([expect.stringMatching(/\/pbx-freiburg\/\*$/)]);
    expect(bySid['ReadSecrets']).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: ['${data.aws_secretsmanager_secret.secret_schwarzwald-trunks-cloud.arn}'] });
    expect(bySid['ReadParameters']).toMatchObject({ Action: 'ssm:GetParameter', Resource: ['${data.aws_ssm_parameter.parameter_schwarzwald-snmp.arn}'] });
    for (const s of policy.Statement) {
      expect(s['Action']).not.toContain('*');
      expect(s['Resource']).not.toBe('*');
    }
  });

  it('read secrets as metadata only: no secret values ever enter the configuration or state', () => {
    const r = stack(g().result, 'cloud-eu-central-1');
    expect(dataSources(r, 'aws_secretsmanager_secret')).toEqual({ 'secret_schwarzwald-trunks-cloud': { name: 'schwarzwald/trunks/cloud' } });
    expect(dataSources(r, 'aws_ssm_parameter')['parameter_schwarzwald-snmp']).toEqual({ name: '/schwarzwald/snmp', with_decryption: false });
    for (const result of [f().result, g().result, fx().result]) {
      for (const s of result.synth!.stacks) {
        const text = JSON.stringify(s.config);
        expect(text).not.toMatch(/aws_secretsmanager_secret_version|secret_string|aws-sm:|ssm:\//);
      }
    }
  });
});

describe('Route 53 failover', () => {
  const r = () => stack(f().result, 'cloud-eu-central-1');

  it('TCP health checks on 5060 and 5061 with the model\'s interval and threshold, combined per gateway', () => {
    const checks = resources(r(), 'aws_route53_health_check');
    expect(keys(checks)).toEqual(['gw_cloud-pbx-a_sip', 'gw_cloud-pbx-a_sip_5060', 'gw_cloud-pbx-a_sip_5061', 'gw_cloud-pbx-b_sip', 'gw_cloud-pbx-b_sip_5060', 'gw_cloud-pbx-b_sip_5061']);
    expect(checks['gw_cloud-pbx-a_sip_5061']).toMatchObject({ type: 'TCP', port: 5061, request_interval: 10, failure_threshold: 3, ip_address: '${aws_eip.gw_cloud-pbx-a.public_ip}' });
    expect(checks['gw_cloud-pbx-a_sip']).toMatchObject({ type: 'CALCULATED', child_health_threshold: 2, child_healthchecks: ['${aws_route53_health_check.gw_cloud-pbx-a_sip_5060.id}', '${aws_route53_health_check.gw_cloud-pbx-a_sip_5061.id}'] });
  });

  it('failover A records with short TTLs and SIP SRV records, primary first', () => {
    const records = resources(r(), 'aws_route53_record');
    expect(records['dns_cloud-pbx-a_primary']).toMatchObject({
      name: 'cloud-pbx-a.voice.alpenblick-reisen.example',
      type: 'A',
      ttl: 30,
      set_identifier: 'cloud-pbx-a',
      failover_routing_policy: { type: 'PRIMARY' },
      health_check_id: '${aws_route53_health_check.gw_cloud-pbx-a_sip.id}',
      records: ['${aws_eip.gw_cloud-pbx-a.public_ip}'],
    });
    expect(records['dns_cloud-pbx-a_secondary']).toMatchObject({ failover_routing_policy: { type: 'SECONDARY' }, health_check_id: '${aws_route53_health_check.gw_cloud-pbx-b_sip.id}' });
    expect(records['dns_cloud-pbx-a_sips_tcp']).toMatchObject({
      name: '_sips._tcp.cloud-pbx-a.voice.alpenblick-reisen.example',
      type: 'SRV',
      ttl: 30,
      records: ['10 10 5061 cloud-pbx-a.gw.voice.alpenblick-reisen.example', '20 10 5061 cloud-pbx-b.gw.voice.alpenblick-reisen.example'],
    });
    for (const rec of values(records)) expect(remoteOutput(f().result, rec['zone_id'] as string)).toEqual({ stack: 'shared', value: '${aws_route53_zone.sip.zone_id}' });
  });

  it('alarms on the health checks from us-east-1, where their metrics are', () => {
    const alarm = resources(r(), 'aws_cloudwatch_metric_alarm')['gw_cloud-pbx-a_sip-health']!;
    expect(alarm).toMatchObject({ region: 'us-east-1', namespace: 'AWS/Route53', metric_name: 'HealthCheckStatus', dimensions: { HealthCheckId: '${aws_route53_health_check.gw_cloud-pbx-a_sip.id}' } });
    expect(remoteOutput(f().result, (alarm['alarm_actions'] as string[])[0]!).value).toBe('${aws_sns_topic.alerts_us-east-1.arn}');
  });

  it('has no failover for an on-premises primary without a public address', () => {
    expect(resources(stack(g().result, 'cloud-eu-central-1'), 'aws_route53_health_check')).toEqual({});
    expect(keys(resources(stack(g().result, 'cloud-eu-central-1'), 'aws_route53_record'))).toEqual(['dns_pbx-cloud-standby_host']);
  });
});

describe('site-to-site VPN', () => {
  it('one customer gateway and one connection per VPN uplink, on the transit gateway, with pinned crypto and logs', () => {
    const site = stack(f().result, 'site-muenchen');
    expect(keys(resources(site, 'aws_customer_gateway'))).toEqual(['uplink_fibre_eu-central-1']);
    expect(resources(site, 'aws_customer_gateway')['uplink_fibre_eu-central-1']).toMatchObject({ type: 'ipsec.1', ip_address: '198.51.100.61' });
    const vpn = resources(site, 'aws_vpn_connection')['uplink_fibre_eu-central-1']!;
    expect(vpn).toMatchObject({
      type: 'ipsec.1',
      customer_gateway_id: '${aws_customer_gateway.uplink_fibre_eu-central-1.id}',
      static_routes_only: false,
      preshared_key_storage: 'SecretsManager',
      tunnel1_ike_versions: ['ikev2'],
      tunnel2_phase2_dh_group_numbers: [20],
      tunnel1_phase1_encryption_algorithms: ['AES256-GCM-16'],
    });
    expect((vpn['tunnel1_log_options'] as { cloudwatch_log_options: Obj }).cloudwatch_log_options).toMatchObject({ log_enabled: true, log_group_arn: '${aws_cloudwatch_log_group.vpn_eu-central-1.arn}' });
  });

  it('two uplinks give two independent connections with their own alarms', () => {
    const site = stack(fx().result, 'site-muenchen');
    expect(keys(resources(site, 'aws_vpn_connection'))).toEqual(['uplink_fibre_eu-central-1', 'uplink_lte_eu-central-1']);
    const cgws = values(resources(site, 'aws_customer_gateway'));
    expect(cgws.map((c) => c['ip_address'])).toEqual(['198.51.100.10', '198.51.100.200']);
    expect(new Set(cgws.map((c) => c['bgp_asn_extended'])).size).toBe(1);
    expect(keys(resources(site, 'aws_cloudwatch_metric_alarm'))).toEqual([
      'uplink_fibre_eu-central-1_tunnel-down',
      'uplink_fibre_eu-central-1_vpn-down',
      'uplink_lte_eu-central-1_tunnel-down',
      'uplink_lte_eu-central-1_vpn-down',
    ]);
  });

  it('routes the site networks from the VPC to the transit gateway', () => {
    const r = stack(fx().result, 'cloud-eu-central-1');
    expect(resources(r, 'aws_route')['sites_10-1-0-0-16']).toMatchObject({ destination_cidr_block: '10.1.0.0/16', transit_gateway_id: '${aws_ec2_transit_gateway.sites.id}', depends_on: ['aws_ec2_transit_gateway_vpc_attachment.main'] });
    expect(resources(r, 'aws_ec2_transit_gateway')['sites']).toMatchObject({ amazon_side_asn: 64512, vpn_ecmp_support: 'enable', auto_accept_shared_attachments: 'disable' });
    expect(resources(r, 'aws_ec2_transit_gateway_vpc_attachment')['main']!['subnet_ids']).toEqual(['${aws_subnet.transit_eu-central-1a.id}', '${aws_subnet.transit_eu-central-1b.id}']);
  });
});

describe('shared stack', () => {
  it('an encrypted alert topic per alarm region with the on-call subscriptions', () => {
    const s = stack(f().result, 'shared');
    expect(keys(resources(s, 'aws_sns_topic'))).toEqual(['alerts_eu-central-1', 'alerts_us-east-1']);
    expect(resources(s, 'aws_sns_topic')['alerts_us-east-1']).toMatchObject({ region: 'us-east-1', kms_master_key_id: '${aws_kms_key.alerts_us-east-1.arn}' });
    expect(values(resources(s, 'aws_sns_topic_subscription')).map((x) => [x['protocol'], x['endpoint']])).toEqual([
      ['email', 'ops@wolkenwerk.example'],
      ['email', 'ops@wolkenwerk.example'],
    ]);
    const key = JSON.parse(resources(s, 'aws_kms_key')['alerts_eu-central-1']!['policy'] as string) as { Statement: Obj[] };
    expect(key.Statement.slice(1)).toEqual([
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }),
      expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' } }),
    ]);
  });

  it('a configuration-backup bucket: versioned, KMS-encrypted, private, TLS only, with a lifecycle', () => {
    const s = stack(g().result, 'shared');
    expect(resources(s, 'aws_s3_bucket')['config_backups_primary']).toMatchObject({ bucket: 'schwarzwald-kanzlei-pbx-backups', force_destroy: false });
    const ref = '${aws_s3_bucket.config_backups_primary.id}';
    expect(resources(s, 'aws_s3_bucket_versioning')['config_backups_primary']).toEqual({ bucket: ref, versioning_configuration: { status: 'Enabled' } });
    expect(resources(s, 'aws_s3_bucket_public_access_block')['config_backups_primary']).toEqual({ bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(resources(s, 'aws_s3_bucket_server_side_encryption_configuration')['config_backups_primary']!['rule']).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.config_backups_primary.arn}' }, bucket_key_enabled: true },
    ]);
    expect(resources(s, 'aws_s3_bucket_lifecycle_configuration')['config_backups_primary']!['rule']).toEqual([
      expect.objectContaining({ status: 'Enabled', noncurrent_version_expiration: [{ noncurrent_days: 365 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
    ]);
    expect(resources(s, 'aws_s3_bucket_policy')['config_backups_primary']!['policy']).toContain('aws:SecureTransport');
    expect(resources(s, 'aws_iam_policy')['config_backups_pbx-freiburg']!['policy']).toContain('/pbx-freiburg/*');
  });

  it('replicates the bucket to the second region where the blueprint is geo-redundant', () => {
    const s = stack(fx().result, 'shared');
    expect(resources(s, 'aws_s3_bucket')['config_backups_replica']).toMatchObject({ region: 'eu-west-1', bucket: 'nordwind-pbx-config-backups-replica' });
    const rep = resources(s, 'aws_s3_bucket_replication_configuration')['config_backups']!;
    expect(rep).toMatchObject({ bucket: '${aws_s3_bucket.config_backups_primary.id}', role: '${aws_iam_role.config_backups_replication.arn}' });
    expect((rep['rule'] as Obj[])[0]!['destination']).toMatchObject({ bucket: '${aws_s3_bucket.config_backups_replica.arn}', encryption_configuration: { replica_kms_key_id: '${aws_kms_key.config_backups_replica.arn}' } });
    expect(rep['depends_on']).toEqual(['aws_s3_bucket_versioning.config_backups_primary', 'aws_s3_bucket_versioning.config_backups_replica']);
  });

  it('an AWS Backup plan whose schedule meets the policy RPO, selecting the tagged gateways', () => {
    const s = stack(f().result, 'shared');
    const plan = resources(s, 'aws_backup_plan')['gateways_eu-central-1']!;
    expect((plan['rule'] as Obj[])[0]).toMatchObject({ schedule: 'cron(0 0/6 * * ? *)', target_vault_name: '${aws_backup_vault.backup_eu-central-1.name}', lifecycle: { delete_after: 35 } });
    const selection = resources(s, 'aws_backup_selection')['gateways_eu-central-1']!;
    expect(selection).toMatchObject({ plan_id: '${aws_backup_plan.gateways_eu-central-1.id}', resources: ['arn:aws:ec2:eu-central-1:111122223333:instance/*'] });
    expect(selection['condition']).toEqual([{ string_equals: [{ key: 'aws:ResourceTag/rbc:backup', value: 'alpenblick-reisen' }] }]);
    expect(resources(s, 'aws_backup_vault')['backup_eu-central-1']).toMatchObject({ kms_key_arn: '${aws_kms_key.backup_eu-central-1.arn}' });
    // Geo-redundant: recovery points are copied to the second region's vault.
    const geo = resources(stack(fx().result, 'shared'), 'aws_backup_plan')['gateways_eu-central-1']!;
    expect(((geo['rule'] as Obj[])[0]!['copy_action'] as Obj[])[0]).toMatchObject({ destination_vault_arn: '${aws_backup_vault.backup_eu-west-1.arn}' });
  });

  it('the DNS zone, its name servers as an output', () => {
    const s = stack(f().result, 'shared');
    expect(resources(s, 'aws_route53_zone')['sip']).toMatchObject({ name: 'voice.alpenblick-reisen.example' });
    expect((s['output'] as Record<string, Obj>)['dns_name_servers']!['value']).toBe('${aws_route53_zone.sip.name_servers}');
  });
});

describe('Amazon Chime SDK Voice Connector', () => {
  it('requires encryption, originates to the gateways by priority, terminates from their addresses only, logs SIP', () => {
    const t = stack(fx().result, 'trunk-cloud-sip');
    expect(resources(t, 'aws_chime_voice_connector')['trunk']).toMatchObject({ name: 'nordwind-cloud-sip', aws_region: 'eu-central-1', require_encryption: true });
    const routes = resources(t, 'aws_chime_voice_connector_origination')['trunk']!['route'] as Obj[];
    expect(routes.map((r) => [r['priority'], r['port'], r['protocol']])).toEqual([
      [1, 5061, 'TCP'],
      [2, 5061, 'TCP'],
    ]);
    expect(remoteOutput(fx().result, routes[0]!['host'] as string)).toEqual({ stack: 'cloud-eu-central-1', value: '${aws_eip.gw_pbx-cloud-a.public_ip}' });
    const term = resources(t, 'aws_chime_voice_connector_termination')['trunk']!;
    expect(term['calling_regions']).toEqual(['DE']);
    expect(term['cidr_allow_list']).toEqual([expect.stringMatching(/^\$\{data\.terraform_remote_state\.[^}]+\}\/32$/), expect.stringMatching(/\/32$/)]);
    expect(resources(t, 'aws_chime_voice_connector_logging')['trunk']).toMatchObject({ enable_sip_logs: true, enable_media_metric_logs: true });
  });
});

describe('findings', () => {
  it('the examples pass every security rule; local state is reported', () => {
    for (const r of [f().result, g().result]) {
      const errors = r.report!.findings.filter((x) => x.severity === 'error');
      expect(errors).toEqual([]);
      expect(r.report!.findings.map((x) => x.rule)).toContain('RBC-T014');
    }
    expect(fx().result.report!.findings).toEqual([]);
  });

  it('are written to findings.json and returned as RBC3100 diagnostics with the rule id', () => {
    const file = JSON.parse(g().result.files.find((x) => x.path === 'terraform/findings.json')!.content as string);
    expect(file.version).toBe(1);
    expect(file.rules.map((x: Obj) => x['id'])).toHaveLength(17);
    expect(file.findings[0]).toMatchObject({ rule: 'RBC-T014', severity: 'info', stack: 'shared', resource: 'terraform', path: 'cloud' });
    const d = g().result.diagnostics.find((x) => x.rule === 'RBC-T014')!;
    expect(d).toMatchObject({ code: 'RBC3100', category: 'info' });
  });
});

describe('a hot standby in a second region', () => {
  const geo = () => {
    const text = readFileSync(fixturePath('cloud-pbx-local-survivable'), 'utf8').replace('placement: { region: eu-central-1, az: eu-central-1b }', 'placement: { region: eu-west-1, az: eu-west-1a }');
    const load = loadBlueprintText('geo.yaml', Buffer.from(text));
    return generateTerraform(load.model!, { today: '2026-01-01' });
  };

  it('gets its own region stack; each site connects to both regions, each VPN to its own region\'s transit gateway', () => {
    const r = geo();
    expect(r.synth!.stacks.map((s) => [s.name, s.dependencies])).toEqual([
      ['shared', []],
      ['cloud-eu-central-1', ['shared']],
      ['cloud-eu-west-1', ['shared']],
      ['site-augsburg', ['cloud-eu-central-1', 'cloud-eu-west-1', 'shared']],
      ['site-muenchen', ['cloud-eu-central-1', 'cloud-eu-west-1', 'shared']],
      ['trunk-cloud-sip', ['cloud-eu-central-1', 'cloud-eu-west-1']],
    ]);
    const site = stack(r, 'site-muenchen');
    for (const region of ['eu-central-1', 'eu-west-1']) {
      const vpn = resources(site, 'aws_vpn_connection')[`uplink_fibre_${region}`]!;
      expect(remoteOutput(r, vpn['transit_gateway_id'] as string).stack).toBe(`cloud-${region}`);
      const alarm = resources(site, 'aws_cloudwatch_metric_alarm')[`uplink_fibre_${region}_vpn-down`]!;
      expect(remoteOutput(r, (alarm['alarm_actions'] as string[])[0]!).value).toBe(`\${aws_sns_topic.alerts_${region}.arn}`);
    }
    expect(resources(site, 'aws_vpn_connection')['uplink_fibre_eu-west-1']!['region']).toBe('eu-west-1');
  });

  it('keeps each failover record with its gateway, the SRV records with the primary', () => {
    const r = geo();
    expect(Object.keys(resources(stack(r, 'cloud-eu-central-1'), 'aws_route53_record')).sort()).toEqual(['dns_pbx-cloud-a_host', 'dns_pbx-cloud-a_primary', 'dns_pbx-cloud-a_sip_tcp', 'dns_pbx-cloud-a_sip_udp', 'dns_pbx-cloud-a_sips_tcp']);
    expect(Object.keys(resources(stack(r, 'cloud-eu-west-1'), 'aws_route53_record')).sort()).toEqual(['dns_pbx-cloud-a_secondary', 'dns_pbx-cloud-b_host']);
    const routes = resources(stack(r, 'trunk-cloud-sip'), 'aws_chime_voice_connector_origination')['trunk']!['route'] as Obj[];
    expect(routes.map((x) => remoteOutput(r, x['host'] as string).stack)).toEqual(['cloud-eu-central-1', 'cloud-eu-west-1']);
  });
});
