// Terraform in a review: per stack, destroys first, moves as moves, changed arguments, secrets
// masked; on hand-written cdk.tf.json files in the cdktf layout.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffArguments, diffTerraform, parseStack, type Review } from '../../review/index.js';
import { tempDir, writeOutput } from './support/fixture-output.js';
import { rbc, section } from './support/run-rbc.js';

const meta = (path: string) => ({ metadata: { path, uniqueId: path.split('/').pop() } });

function ulmStack(v: { renamed?: boolean; sg?: string[]; psk?: string; dropLog?: boolean; addImport?: boolean }) {
  const pbx = v.renamed ? 'pbx_ulm_primary' : 'pbx_ulm';
  const stack: Record<string, unknown> = {
    '//': { metadata: { backend: 'local', stackName: 'ulm', version: '0.21.0' }, outputs: {} },
    terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
    provider: { aws: [{ region: 'eu-central-1' }] },
    variable: { trunk_password: { type: 'string', sensitive: true } },
    data: { aws_ssm_parameter: { image: { name: '/rbc/pbx-image', '//': meta('ulm/image') } } },
    resource: {
      aws_instance: {
        [pbx]: { ami: '${data.aws_ssm_parameter.image.value}', instance_type: 't3.medium', tags: { Name: 'pbx-ulm', Site: 'ulm' }, '//': meta(`ulm/${pbx}`) },
      },
      aws_security_group: {
        sip: {
          name: 'sip-ulm',
          ingress: [{ cidr_blocks: v.sg ?? ['203.0.113.10/32'], from_port: 5061, to_port: 5061, protocol: 'tcp' }],
          '//': meta('ulm/sip'),
        },
      },
      aws_vpn_connection: {
        fibre_1: {
          customer_gateway_id: '${aws_customer_gateway.fibre_1.id}',
          tunnel1_preshared_key: v.psk ?? 'aws-sm:meyer/vpn/fibre-1',
          tunnel2_inside_cidr: '169.254.10.0/30',
          '//': meta('ulm/fibre_1'),
        },
      },
      aws_ssm_parameter: {
        trunk: { name: '/meyer/trunk', type: 'SecureString', value: '${var.trunk_password}', '//': meta('ulm/trunk') },
      },
      ...(v.dropLog ? {} : { aws_cloudwatch_log_group: { pbx: { name: '/rbc/ulm/pbx', retention_in_days: 30, '//': meta('ulm/log') } } }),
      ...(v.addImport ? { aws_s3_bucket: { backup: { bucket: 'meyer-pbx-backup', '//': meta('ulm/backup') } } } : {}),
    },
  };
  if (v.renamed) stack.moved = [{ from: 'aws_instance.pbx_ulm', to: 'aws_instance.pbx_ulm_primary' }];
  if (v.addImport) stack.import = [{ id: 'meyer-pbx-backup', to: 'aws_s3_bucket.backup' }];
  return stack;
}

const sharedStack = { resource: { aws_route53_zone: { main: { name: 'tel.meyer.example' } } } };

describe('Terraform diff by address', () => {
  it('shows a rename with a moved block as a move, not a destroy and a create', () => {
    const t = diffTerraform(new Map([['ulm', parseStack('ulm', ulmStack({}))]]), new Map([['ulm', parseStack('ulm', ulmStack({ renamed: true }))]]));
    expect(t.totals).toEqual({ add: 0, change: 0, destroy: 0, move: 1, import: 0 });
    expect(t.stacks[0]!.blocks).toEqual([
      { kind: 'resource', address: 'aws_instance.pbx_ulm_primary', change: 'move', from: 'aws_instance.pbx_ulm', imported: false, arguments: [] },
    ]);
  });

  it('without a moved block, the same rename destroys and creates', () => {
    const renamed = ulmStack({ renamed: true });
    delete renamed.moved;
    const t = diffTerraform(new Map([['ulm', parseStack('ulm', ulmStack({}))]]), new Map([['ulm', parseStack('ulm', renamed)]]));
    expect(t.totals).toMatchObject({ add: 1, destroy: 1, move: 0 });
    expect(t.stacks[0]!.blocks.map((b) => `${b.change} ${b.address}`)).toEqual(['destroy aws_instance.pbx_ulm', 'add aws_instance.pbx_ulm_primary']);
  });

  it('lists changed arguments by path and ignores cdktf metadata', () => {
    const before = ulmStack({});
    const after = ulmStack({ sg: ['203.0.113.10/32', '0.0.0.0/0'] });
    (after.resource as { aws_instance: { pbx_ulm: { '//': unknown } } }).aws_instance.pbx_ulm['//'] = meta('ulm/renamed-construct');
    const t = diffTerraform(new Map([['ulm', parseStack('ulm', before)]]), new Map([['ulm', parseStack('ulm', after)]]));
    expect(t.stacks[0]!.blocks).toEqual([
      {
        kind: 'resource', address: 'aws_security_group.sip', change: 'change', from: null, imported: false,
        arguments: [{ path: 'ingress[0].cidr_blocks', before: '["203.0.113.10/32"]', after: '["203.0.113.10/32","0.0.0.0/0"]', masked: false }],
      },
    ]);
  });

  it('never shows a secret: secret-looking keys, secret references and sensitive variables are masked', () => {
    const args = diffArguments(
      { tunnel1_preshared_key: 'aws-sm:meyer/vpn/a', value: '${var.trunk_password}', user: 'x', note: 'plain' },
      { tunnel1_preshared_key: 'aws-sm:meyer/vpn/b', value: '${var.trunk_password_2}', user: '${data.aws_secretsmanager_secret_version.sip.secret_string}', note: 'plain too' },
      new Set(['trunk_password', 'trunk_password_2']),
    );
    expect(args).toEqual([
      { path: 'note', before: '"plain"', after: '"plain too"', masked: false },
      { path: 'tunnel1_preshared_key', before: '(secret, hidden)', after: '(secret, hidden)', masked: true },
      { path: 'user', before: '"x"', after: '(secret, hidden)', masked: true },
      { path: 'value', before: '(secret, hidden)', after: '(secret, hidden)', masked: true },
    ]);
    const out = diffArguments({ value: 'pw-1', sensitive: true }, { value: 'pw-2', sensitive: true });
    expect(out).toEqual([{ path: 'value', before: '(secret, hidden)', after: '(secret, hidden)', masked: true }]);
    const ssm = diffArguments({ name: '/meyer/pin', type: 'SecureString', value: '1234' }, { name: '/meyer/pin', type: 'SecureString', value: '4321' });
    expect(ssm).toEqual([{ path: 'value', before: '(secret, hidden)', after: '(secret, hidden)', masked: true }]);
  });

  it('keeps an IAM policy readable and masks only the secret it names', () => {
    const doc = (arn: string, action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action], Resource: arn }] });
    const args = diffArguments(
      { policy: doc('arn:aws:secretsmanager:eu-central-1:111122223333:secret:meyer/trunk-AbCdEf', 'secretsmanager:GetSecretValue') },
      { policy: doc('${data.aws_secretsmanager_secret.trunk.arn}', 'secretsmanager:*') },
    );
    expect(args).toHaveLength(1);
    expect(args[0]!.masked).toBe(true);
    expect(args[0]!.before).toContain('secretsmanager:GetSecretValue');
    expect(args[0]!.after).toContain('secretsmanager:*');
    expect(args[0]!.before).toContain('(secret, hidden)');
    expect(JSON.stringify(args)).not.toMatch(/meyer\/trunk|111122223333|data\.aws_secretsmanager_secret\.trunk/);
  });

  it('counts destroys, puts destroying stacks first, marks imports and removed stacks', () => {
    const before = new Map([
      ['shared', parseStack('shared', sharedStack)],
      ['ulm', parseStack('ulm', ulmStack({}))],
      ['zz-old', parseStack('zz-old', { resource: { aws_eip: { a: { domain: 'vpc' } } } })],
    ]);
    const after = new Map([
      ['shared', parseStack('shared', { resource: { aws_route53_zone: { main: { name: 'tel.meyer.example', comment: 'PBX' } } } })],
      ['ulm', parseStack('ulm', ulmStack({ dropLog: true, addImport: true }))],
    ]);
    const t = diffTerraform(before, after);
    expect(t.stacks.map((s) => `${s.stack}:${s.status}`)).toEqual(['ulm:changed', 'zz-old:removed', 'shared:changed']);
    expect(t.totals).toEqual({ add: 0, change: 1, destroy: 2, move: 0, import: 1 });
    expect(t.stacks[0]!.blocks.map((b) => `${b.change} ${b.address}${b.imported ? ' (import)' : ''}`)).toEqual([
      'destroy aws_cloudwatch_log_group.pbx',
      'add aws_s3_bucket.backup (import)',
    ]);
  });
});

describe('Terraform in the Markdown review', () => {
  let root: string;
  let before: string;
  let after: string;
  beforeAll(() => {
    root = tempDir();
    const files = (stacks: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(stacks).map(([name, s]) => [`terraform/stacks/${name}/cdk.tf.json`, JSON.stringify(s, null, 2)]));
    before = writeOutput(join(root, 'before'), { files: { ...files({ shared: sharedStack, ulm: ulmStack({}) }), 'terraform/manifest.json': '{"stacks":{}}\n' } });
    after = writeOutput(join(root, 'after'), {
      files: { ...files({ ulm: ulmStack({ renamed: true, psk: 'aws-sm:meyer/vpn/fibre-1-rotated', dropLog: true, sg: ['0.0.0.0/0'] }) }), 'terraform/manifest.json': '{"stacks":{"ulm":{}}}\n' },
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('flags destroys first, shows the move and the masked change, and no redundancy change', async () => {
    const r = await rbc(['diff', before, after]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('### No change in redundancy. Terraform: 2 to destroy, 2 to change, 1 moved, 1 stack removed; device configs and runbooks: no change.');
    const tf = section(r.out, 'Terraform');
    expect(tf.indexOf('**2 resource(s) to destroy**')).toBeLessThan(tf.indexOf('### Stack'));
    expect(tf).toContain('### Stack `shared` (removed: run `terraform destroy` on it, or it keeps running unmanaged)');
    expect(tf).toContain('- move `aws_instance.pbx_ulm` → `aws_instance.pbx_ulm_primary`');
    expect(tf).toContain('- **destroy** `aws_cloudwatch_log_group.pbx`');
    expect(tf).toContain('  - `ingress[0].cidr_blocks`: `["203.0.113.10/32"]` → `["0.0.0.0/0"]`');
    expect(tf).toContain('  - `tunnel1_preshared_key`: `(secret, hidden)` → `(secret, hidden)`');
    expect(r.out).not.toContain('meyer/vpn');
    expect(r.out).not.toContain('terraform/manifest.json');
    expect((await rbc(['diff', '--fail-on', 'destroy', before, after])).code).toBe(1);
    const json = JSON.parse((await rbc(['diff', '--format', 'json', before, after])).out) as Review;
    expect(json.terraform.totals).toEqual({ add: 0, change: 2, destroy: 2, move: 1, import: 0 });
    expect(JSON.stringify(json)).not.toContain('meyer/vpn');
  });
});
