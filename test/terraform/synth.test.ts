// Synthesis: in memory, the same JSON as cdktf's own app.synth() (and so as `npx cdktf synth`);
// the fast stack rendering equals TerraformStack.toTerraform(); moved blocks for a renamed
// gateway; small constructs checked with Testing.synthScope.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../generators/terraform/app.js';
import { synthBlueprint } from '../../generators/terraform/cdktf-app.js';
import { TerraformStack, Testing, VpnConnection } from '../../generators/terraform/cdk.js';
import { generateTerraform } from '../../generators/terraform/index.js';
import { fleetBlueprint } from '../../generators/terraform/bench.js';
import { buildPlan } from '../../generators/terraform/plan.js';
import { VPN_CRYPTO } from '../../generators/terraform/stacks/site.js';
import { renderStack, synthesize, undefinedReferences } from '../../generators/terraform/synth.js';
import { loadBlueprintText } from '../../load/load.js';
import { loadModel } from '../support/compile.js';
import { EXAMPLES, FIXTURES, examplePath, fixturePath } from './support.js';

const planOf = (file: string) => buildPlan(loadModel(file).model).plan!;

describe('synthesis', () => {
  it('in memory gives the same stacks and manifest as cdktf app.synth() on disk', () => {
    const plan = planOf(fixturePath('cloud-pbx-local-survivable'));
    const memory = synthesize(plan, 'memory');
    const disk = synthesize(plan, 'disk');
    expect(memory.stacks.map((s) => s.name)).toEqual(['shared', 'cloud-eu-central-1', 'site-augsburg', 'site-muenchen', 'trunk-cloud-sip']);
    expect(memory.stacks).toEqual(disk.stacks);
    expect(memory.manifest).toEqual(disk.manifest);
  });

  it('renders each stack exactly as TerraformStack.toTerraform() does', () => {
    const fleet = loadBlueprintText('fleet.json', Buffer.from(JSON.stringify(fleetBlueprint(3)))).model!;
    const plans = [...EXAMPLES.map((n) => planOf(examplePath(n))), ...FIXTURES.map((n) => planOf(fixturePath(n))), buildPlan(fleet).plan!];
    for (const plan of plans) {
      const outdir = mkdtempSync(join(tmpdir(), 'rbc-terraform-test-'));
      try {
        const { app } = buildApp(plan, outdir);
        for (const s of app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
          expect(renderStack(s), `${plan.deployment} ${s.node.id}`).toEqual(s.toTerraform());
        }
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
  });

  it('the cdktf CLI entry writes the same layout', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'rbc-cdktf-app-'));
    try {
      const err: string[] = [];
      expect(await synthBlueprint(examplePath('g-cloud-cold-standby'), outdir, (t) => err.push(t))).toBe(0);
      const { model } = loadModel(examplePath('g-cloud-cold-standby'));
      const files = generateTerraform(model, { today: '2026-01-01' }).files;
      const checked = files.filter((x) => /stacks\/.*cdk\.tf\.json$|manifest\.json$/.test(x.path));
      expect(checked).toHaveLength(4);
      for (const f of checked) {
        expect(JSON.parse(readFileSync(join(outdir, f.path.replace(/^terraform\//, '')), 'utf8')), f.path).toEqual(JSON.parse(f.content as string));
      }
      expect(await synthBlueprint(examplePath('a-single-site-hot-standby'), outdir, (t) => err.push(t))).toBe(1);
      expect(err.join('')).toContain('has no cloud section');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('leaves stack traces of the process as they were', () => {
    const before = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
    synthesize(planOf(examplePath('g-cloud-cold-standby')));
    expect(Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')).toEqual(before);
    expect(new Error('x').stack).toMatch(/\n\s+at /);
  });

  it('finds references to addresses a stack does not define', () => {
    const config = {
      resource: { aws_eip: { a: { network_interface: '${aws_network_interface.a.id}' } }, aws_network_interface: { a: {} } },
      data: { aws_ip_ranges: { r: {} } },
      output: { x: { value: '${aws_sns_topic.elsewhere.arn} ${data.aws_ip_ranges.r.cidr_blocks} ${each.value} ${terraform.workspace} ${var.x}' } },
    };
    expect(undefinedReferences(config)).toEqual(['aws_sns_topic.elsewhere']);
  });
});

describe('moved blocks', () => {
  it('move every resource of a renamed gateway instead of replacing it', () => {
    let text = readFileSync(examplePath('g-cloud-cold-standby'), 'utf8').replaceAll('pbx-cloud-standby', 'pbx-cloud-reserve');
    text = text.replace('  - id: pbx-cloud-reserve\n', '  - id: pbx-cloud-reserve\n    formerId: pbx-cloud-standby\n');
    const load = loadBlueprintText('g.yaml', Buffer.from(text));
    expect(load.model, load.diagnostics.map((d) => d.message).join('; ')).not.toBeNull();
    const result = generateTerraform(load.model!, { today: '2026-01-01' });
    const region = result.synth!.stacks.find((s) => s.name === 'cloud-eu-central-1')!.config;
    const moved = region['moved'] as { from: string; to: string }[];
    expect(moved).toContainEqual({ from: 'aws_instance.gw_pbx-cloud-standby', to: 'aws_instance.gw_pbx-cloud-reserve' });
    expect(moved).toContainEqual({ from: 'aws_eip.gw_pbx-cloud-standby', to: 'aws_eip.gw_pbx-cloud-reserve' });
    expect(moved).toContainEqual({ from: 'aws_ec2_instance_state.gw_pbx-cloud-standby', to: 'aws_ec2_instance_state.gw_pbx-cloud-reserve' });
    for (const m of moved) expect(m.to).toBe(m.from.replace('pbx-cloud-standby', 'pbx-cloud-reserve'));
    // Nothing outside the gateway moves.
    expect(moved.every((m) => m.from.includes('pbx-cloud-standby'))).toBe(true);
  });

  it('refuses a former id that is still a gateway', () => {
    const text = readFileSync(examplePath('g-cloud-cold-standby'), 'utf8').replace('  - id: pbx-cloud-standby\n', '  - id: pbx-cloud-standby\n    formerId: pbx-freiburg\n');
    const load = loadBlueprintText('g.yaml', Buffer.from(text));
    expect(load.diagnostics.map((d) => d.code)).toContain('RBC2019');
  });
});

describe('small constructs (Testing.synthScope)', () => {
  it('a VPN connection with the pinned tunnel options', () => {
    const json = Testing.synthScope((scope) => {
      new VpnConnection(scope, 'vpn', {
        type: 'ipsec.1',
        customerGatewayId: 'cgw-1',
        transitGatewayId: 'tgw-1',
        tunnel1IkeVersions: [...VPN_CRYPTO.ikeVersions],
        tunnel1Phase1DhGroupNumbers: [...VPN_CRYPTO.dhGroups],
      });
    });
    expect(Testing.toHaveResourceWithProperties(json, VpnConnection.tfResourceType, { tunnel1_ike_versions: ['ikev2'], tunnel1_phase1_dh_group_numbers: [20] })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(json, VpnConnection.tfResourceType, { tunnel1_ike_versions: ['ikev1'] })).toBe(false);
  });
});
