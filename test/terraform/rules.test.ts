// The RBC-T rules over synthesized stacks: each one fires on a stack that breaks it and stays
// quiet on the generated examples; rule failures and acknowledgements behave like cdk-nag's.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../generators/terraform/plan.js';
import { checkRule, runRules, stackView, TERRAFORM_RULES, type TerraformRule } from '../../generators/terraform/rules/index.js';
import type { RuleHit } from '../../generators/terraform/rules/types.js';
import { scheduleIntervalHours } from '../../generators/terraform/rules/t011-backup-misses-rpo.js';
import type { Model } from '../../model/types.js';
import { readFileSync } from 'node:fs';
import { Diagnostics } from '../../diagnostics/catalogue.js';
import { REPO, loadModel } from '../support/compile.js';
import { examplePath, fixturePath, generated } from './support.js';

type Obj = Record<string, unknown>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const fModel = () => loadModel(examplePath('f-cloud-pbx-local-survivable')).model;

/** Runs one rule over hand-written stacks, in the order given. */
function check(id: string, stacks: Record<string, Obj>, model: Model = fModel()) {
  const rule = TERRAFORM_RULES.find((r) => r.meta.id === id)!;
  const plan = buildPlan(model).plan!;
  return checkRule(rule, { model, plan }, Object.entries(stacks).map(([n, c], i) => stackView(n, c, i)));
}

/** The hits of a rule that applies. */
function hits(result: ReturnType<typeof check>): readonly RuleHit[] {
  if (result === 'not-applicable') throw new Error('the rule does not apply');
  return result;
}

/** The generated stacks of an example with one change applied. */
function mutated(file: string, change: (stacks: Record<string, Obj>) => void): Record<string, Obj> {
  const stacks = Object.fromEntries(generated(file).result.synth!.stacks.map((s) => [s.name, clone(s.config)]));
  change(stacks);
  return stacks;
}
const res = (stacks: Record<string, Obj>, stack: string, type: string) => ((stacks[stack]!['resource'] as Obj)[type] ?? {}) as Record<string, Obj>;

describe('rule metadata', () => {
  it('has unique, stable ids in order, a severity, a title and a rationale', () => {
    const ids = TERRAFORM_RULES.map((r) => r.meta.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of TERRAFORM_RULES) {
      expect(r.meta.id).toMatch(/^RBC-T[0-9]{3}$/);
      expect(['error', 'warning', 'info']).toContain(r.meta.severity);
      expect(r.meta.title.length).toBeGreaterThan(5);
      expect(r.meta.rationale.length).toBeGreaterThan(40);
    }
  });
});

describe('docs/terraform.md', () => {
  it('lists every rule with its severity and title, and every generator diagnostic', () => {
    const text = readFileSync(`${REPO}docs/terraform.md`, 'utf8');
    for (const r of TERRAFORM_RULES) expect(text, r.meta.id).toContain(`| ${r.meta.id} | ${r.meta.severity} | ${r.meta.title} |`);
    for (const d of Object.values(Diagnostics).filter((x) => x.code >= 4100 && x.code < 4200)) expect(text).toContain(`| RBC${d.code} |`);
  });
});

describe('each rule fires on a stack that breaks it', () => {
  const F = examplePath('f-cloud-pbx-local-survivable');
  const region = 'cloud-eu-central-1';

  it('RBC-T001 management open to the world; RBC-T002 SIP open to the world', () => {
    const stacks = mutated(F, (s) => {
      res(s, region, 'aws_vpc_security_group_ingress_rule')['gw_cloud-pbx-a_in_admin-22_203-0-113-0-28']!['cidr_ipv4'] = '0.0.0.0/0';
      res(s, region, 'aws_vpc_security_group_ingress_rule')['gw_cloud-pbx-a_in_sip-udp_192-0-2-128-26']!['cidr_ipv4'] = '0.0.0.0/0';
    });
    expect(check('RBC-T001', stacks)).toEqual([expect.objectContaining({ address: 'aws_vpc_security_group_ingress_rule.gw_cloud-pbx-a_in_admin-22_203-0-113-0-28' })]);
    expect(check('RBC-T002', stacks)).toEqual([expect.objectContaining({ address: 'aws_vpc_security_group_ingress_rule.gw_cloud-pbx-a_in_sip-udp_192-0-2-128-26' })]);
    // Inline rules of a security group count too.
    const inline = { s: { resource: { aws_security_group: { x: { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }] } } } } };
    expect(check('RBC-T001', inline)).toHaveLength(1);
  });

  it('RBC-T003 IMDSv1; RBC-T004 unencrypted EBS; RBC-T016 no recovery alarm', () => {
    const stacks = mutated(F, (s) => {
      const i = res(s, region, 'aws_instance')['gw_cloud-pbx-b']!;
      i['metadata_options'] = { http_tokens: 'optional' };
      i['root_block_device'] = { encrypted: false };
      delete res(s, region, 'aws_cloudwatch_metric_alarm')['gw_cloud-pbx-b_system-check'];
    });
    expect(check('RBC-T003', stacks)).toEqual([expect.objectContaining({ address: 'aws_instance.gw_cloud-pbx-b' })]);
    expect(check('RBC-T004', stacks)).toEqual([expect.objectContaining({ message: 'aws_instance.gw_cloud-pbx-b has an unencrypted root volume' })]);
    expect(check('RBC-T016', stacks)).toEqual([expect.objectContaining({ address: 'aws_instance.gw_cloud-pbx-b' })]);
  });

  it('RBC-T005 unprotected bucket; RBC-T006 unencrypted topic', () => {
    const stacks = mutated(F, (s) => {
      delete res(s, 'shared', 'aws_s3_bucket_versioning')['config_backups_primary'];
      delete res(s, 'shared', 'aws_s3_bucket_policy')['config_backups_primary'];
      delete res(s, 'shared', 'aws_sns_topic')['alerts_us-east-1']!['kms_master_key_id'];
    });
    expect(check('RBC-T005', stacks)).toEqual([expect.objectContaining({ message: 'aws_s3_bucket.config_backups_primary lacks versioning, a policy refusing insecure transport' })]);
    expect(check('RBC-T006', stacks)).toEqual([expect.objectContaining({ address: 'aws_sns_topic.alerts_us-east-1' })]);
  });

  it('RBC-T007 hot standby in the primary\'s availability zone', () => {
    const stacks = mutated(F, (s) => {
      res(s, region, 'aws_network_interface')['gw_cloud-pbx-b']!['subnet_id'] = '${aws_subnet.public_eu-central-1a.id}';
    });
    const found = hits(check('RBC-T007', stacks));
    expect(found).toEqual([expect.objectContaining({ path: 'gateways/cloud-pbx-b' })]);
    expect(found[0]!.message).toContain("policy 'survive-cloud-loss' expects an AZ outage to be survived");
  });

  it('RBC-T008 DNS failover slower than a policy allows (real Route 53 timings, not the requested ones)', () => {
    const stacks = mutated(F, (s) => {
      for (const h of Object.values(res(s, region, 'aws_route53_health_check'))) if (h['type'] === 'TCP') h['request_interval'] = 30;
    });
    const found = hits(check('RBC-T008', stacks));
    expect(found.map((h) => h.path)).toEqual(['gateways/cloud-pbx-a', 'gateways/cloud-pbx-a']);
    // Both policies cover the failures the pair is for (an AZ outage, a broken instance).
    expect(found.map((h) => h.message)).toEqual(
      ['emergency-local', 'survive-cloud-loss'].map(
        (p) => `DNS failover from cloud-pbx-a to cloud-pbx-b takes 150 s (DNS health check (30 s x 3) 90 s + DNS TTL expiry (30 s) 30 s + re-registration 30 s), more than the 120 s policy '${p}' allows`,
      ),
    );
    // As generated (10 s x 3 + 30 s + 30 s = 90 s) the example meets both.
    expect(check('RBC-T008', mutated(F, () => undefined))).toEqual([]);
  });

  it('RBC-T009 health checks Route 53 cannot run; RBC-T017 primary record without a health check', () => {
    const stacks = mutated(F, (s) => {
      res(s, region, 'aws_route53_health_check')['gw_cloud-pbx-a_sip_5060']!['request_interval'] = 5;
      delete res(s, region, 'aws_route53_record')['dns_cloud-pbx-a_primary']!['health_check_id'];
    });
    expect(check('RBC-T009', stacks)).toEqual([expect.objectContaining({ message: 'aws_route53_health_check.gw_cloud-pbx-a_sip_5060 probes every 5 s; Route 53 allows 10 or 30' })]);
    expect(check('RBC-T017', stacks)).toEqual([expect.objectContaining({ address: 'aws_route53_record.dns_cloud-pbx-a_primary' })]);
  });

  it('RBC-T010 alarm without action; RBC-T013 unrestricted egress', () => {
    const stacks = mutated(F, (s) => {
      res(s, region, 'aws_cloudwatch_metric_alarm')['gw_cloud-pbx-a_instance-check']!['alarm_actions'] = [];
      res(s, region, 'aws_vpc_security_group_egress_rule')['gw_cloud-pbx-a_out_https']!['ip_protocol'] = '-1';
    });
    expect(check('RBC-T010', stacks)).toEqual([expect.objectContaining({ address: 'aws_cloudwatch_metric_alarm.gw_cloud-pbx-a_instance-check' })]);
    expect(check('RBC-T013', stacks)).toEqual([expect.objectContaining({ address: 'aws_vpc_security_group_egress_rule.gw_cloud-pbx-a_out_https' })]);
  });

  it('RBC-T011 backups less often than the RPO, or a gateway no plan selects', () => {
    const stacks = mutated(F, (s) => {
      ((res(s, 'shared', 'aws_backup_plan')['gateways_eu-central-1']!['rule'] as Obj[])[0]!)['schedule'] = 'cron(0 3 * * ? *)';
      (res(s, region, 'aws_instance')['gw_cloud-pbx-b']!['tags'] as Obj)['rbc:backup'] = 'other';
    });
    expect(hits(check('RBC-T011', stacks)).map((h) => h.message)).toEqual([
      "aws_backup_plan.gateways_eu-central-1 rule every-6h runs every 24 h; policy 'survive-cloud-loss' demands backups every 6 h",
      "Gateway cloud-pbx-b is selected by no backup plan; policy 'survive-cloud-loss' demands backups every 6 h",
    ]);
    expect([scheduleIntervalHours('cron(0 0/6 * * ? *)'), scheduleIntervalHours('cron(0 * * * ? *)'), scheduleIntervalHours('cron(30 2,14 * * ? *)'), scheduleIntervalHours('rate(1 day)')]).toEqual([6, 1, 12, null]);
  });

  it('RBC-T012 weak VPN cryptography', () => {
    const stacks = mutated(F, (s) => {
      const vpn = res(s, 'site-muenchen', 'aws_vpn_connection')['uplink_fibre_eu-central-1']!;
      vpn['tunnel2_ike_versions'] = ['ikev1', 'ikev2'];
      vpn['tunnel2_phase1_dh_group_numbers'] = [2, 14];
    });
    expect(check('RBC-T012', stacks)).toEqual([expect.objectContaining({ message: 'aws_vpn_connection.uplink_fibre_eu-central-1 tunnel 2 leaves weak choices open: IKEv1, phase 1 DH groups' })]);
  });

  it('RBC-T014 local state; RBC-T015 backups not copied to the second region', () => {
    expect(check('RBC-T014', Object.fromEntries(generated(F).result.synth!.stacks.map((s) => [s.name, s.config])))).toEqual([expect.objectContaining({ address: 'terraform', stack: 'shared' })]);
    const FX = fixturePath('cloud-pbx-local-survivable');
    const fxModel = loadModel(FX).model;
    const stacks = mutated(FX, (s) => {
      delete res(s, 'shared', 'aws_s3_bucket_replication_configuration')['config_backups'];
      delete ((res(s, 'shared', 'aws_backup_plan')['gateways_eu-central-1']!['rule'] as Obj[])[0]!)['copy_action'];
    });
    expect(hits(check('RBC-T015', stacks, fxModel)).map((h) => h.address)).toEqual(['aws_s3_bucket.config_backups_primary', 'aws_backup_plan.gateways_eu-central-1']);
    expect(check('RBC-T015', stacks, fModel())).toBe('not-applicable');
  });
});

describe('running the rules', () => {
  it('the generated examples break no rule but local state', () => {
    for (const file of [examplePath('f-cloud-pbx-local-survivable'), examplePath('g-cloud-cold-standby')]) {
      expect(generated(file).result.report!.rules.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(['RBC-T014']);
    }
  });

  it('gives the same report whatever order the stacks come in', () => {
    const F = examplePath('f-cloud-pbx-local-survivable');
    const region = 'cloud-eu-central-1';
    const model = fModel();
    const stacks = mutated(F, (s) => {
      res(s, region, 'aws_network_interface')['gw_cloud-pbx-b']!['subnet_id'] = '${aws_subnet.public_eu-central-1a.id}';
      for (const h of Object.values(res(s, region, 'aws_route53_health_check'))) if (h['type'] === 'TCP') h['request_interval'] = 30;
      (res(s, region, 'aws_instance')['gw_cloud-pbx-b']!['tags'] as Obj)['rbc:backup'] = 'other';
      res(s, 'site-muenchen', 'aws_vpn_connection')['uplink_fibre_eu-central-1']!['tunnel2_ike_versions'] = ['ikev1'];
    });
    const views = Object.entries(stacks).map(([n, c], i) => stackView(n, c, i));
    const ctx = { model, plan: buildPlan(model).plan! };
    const origins = generated(F).result.synth!.origins;
    const inOrder = runRules({ ...ctx, stacks: views }, origins, '2026-01-01');
    expect(new Set(inOrder.findings.map((f) => f.rule))).toEqual(new Set(['RBC-T007', 'RBC-T008', 'RBC-T011', 'RBC-T012', 'RBC-T014']));
    expect(runRules({ ...ctx, stacks: [...views].reverse() }, origins, '2026-01-01')).toEqual(inOrder);
  });

  it('turns a throwing rule into a failure, not a crash', () => {
    const broken: TerraformRule = {
      meta: { id: 'RBC-T999', severity: 'error', title: 'Broken rule', rationale: 'A rule that throws must not stop the others from running.' },
      start: () => {
        throw new Error('boom');
      },
    };
    const model = fModel();
    const report = runRules({ model, plan: buildPlan(model).plan!, stacks: [] }, new Map(), '2026-01-01', [broken]);
    expect(report.failures).toEqual([{ rule: 'RBC-T999', message: 'boom' }]);
    expect(report.rules[0]!.status).toBe('error');
  });

  it('hides a finding the blueprint acknowledges until the acknowledgement expires', () => {
    const F = examplePath('f-cloud-pbx-local-survivable');
    const model = clone(fModel()) as Model & { acknowledgements: Model['acknowledgements'][number][] };
    model.acknowledgements.push({ rule: 'RBC-T014', target: '*', reason: 'State moves to S3 with the next change window.', owner: 'Ops lead', expires: '2026-06-30' });
    const stacks = generated(F).result.synth!.stacks.map((s, i) => stackView(s.name, s.config, i));
    const ctx = { model, plan: buildPlan(model).plan!, stacks };
    const before = runRules(ctx, generated(F).result.synth!.origins, '2026-01-01');
    expect(before.findings.find((f) => f.rule === 'RBC-T014')!.acknowledged).toEqual({ reason: 'State moves to S3 with the next change window.', owner: 'Ops lead', expires: '2026-06-30' });
    expect(before.rules.find((r) => r.id === 'RBC-T014')!.status).toBe('pass');
    const after = runRules(ctx, generated(F).result.synth!.origins, '2026-07-01');
    expect(after.findings.find((f) => f.rule === 'RBC-T014')!.acknowledged).toBeNull();
  });

  it('puts findings on the blueprint construct the resource comes from', () => {
    const F = examplePath('f-cloud-pbx-local-survivable');
    const origins = generated(F).result.synth!.origins;
    expect(origins.get('cloud-eu-central-1')?.get('aws_instance.gw_cloud-pbx-a')).toEqual({ path: 'gateways/cloud-pbx-a', gateway: { id: 'cloud-pbx-a', formerId: null } });
    expect(origins.get('site-muenchen')?.get('aws_vpn_connection.uplink_fibre_eu-central-1')).toEqual({ path: 'sites/muenchen/uplinks/fibre' });
    expect(origins.get('cloud-eu-central-1')?.get('data.aws_ssm_parameter.gateway_image')).toEqual({ path: 'cloud' });
  });
});
