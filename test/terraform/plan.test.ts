// The cloud plan: pure derivations from the model (no cdktf), checked on the examples and on
// small variations of them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cidrSubnet, isPublicIpv4, normaliseCidrs, summariseCidrs } from '../../generators/terraform/cidr.js';
import { awsName, lid } from '../../generators/terraform/names.js';
import { generateTerraform } from '../../generators/terraform/generator.js';
import { backupSchedule, buildPlan, route53Interval, siteAsn, voiceConnectorRegion } from '../../generators/terraform/plan.js';
import type { Model } from '../../model/types.js';
import { loadBlueprintText } from '../../load/load.js';
import { loadModel } from '../support/compile.js';
import { examplePath, fixturePath } from './support.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const planOf = (model: Model) => {
  const r = buildPlan(model);
  if (!r.plan) throw new Error('no plan');
  return { plan: r.plan, diagnostics: r.diagnostics };
};

describe('IPv4 helpers', () => {
  it('takes subnets like Terraform cidrsubnet()', () => {
    expect(cidrSubnet('10.60.0.0/16', 8, 0)).toBe('10.60.0.0/24');
    expect(cidrSubnet('10.60.0.0/16', 8, 2)).toBe('10.60.2.0/24');
    expect(cidrSubnet('10.60.0.0/16', 12, 4095)).toBe('10.60.255.240/28');
    expect(() => cidrSubnet('10.60.0.0/16', 8, 256)).toThrow();
  });

  it('tells public from private, CGNAT, loopback and link-local addresses', () => {
    for (const ip of ['198.51.100.61', '203.0.113.7', '8.8.8.8']) expect(isPublicIpv4(ip), ip).toBe(true);
    for (const ip of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.1', '169.254.169.254', 'host.example']) expect(isPublicIpv4(ip), ip).toBe(false);
  });

  it('drops duplicates and covered networks', () => {
    expect(normaliseCidrs(['10.1.0.0/16', '10.1.2.0/24', '10.1.0.0/16', '192.0.2.0/24', '10.0.0.0/8'])).toEqual(['10.0.0.0/8', '192.0.2.0/24']);
  });

  it('summarises long lists to RFC 1918 blocks and leaves out public addresses it cannot list', () => {
    const many = Array.from({ length: 30 }, (_, i) => `10.${i}.0.0/24`);
    expect(summariseCidrs(many.slice(0, 5), 20)).toEqual({ cidrs: many.slice(0, 5), summarised: false, dropped: [] });
    expect(summariseCidrs([...many, '192.0.2.0/24'], 20)).toEqual({ cidrs: ['10.0.0.0/8', '192.0.2.0/24'], summarised: true, dropped: [] });
    const publics = Array.from({ length: 25 }, (_, i) => `20.0.${i}.1/32`);
    const r = summariseCidrs([...many, ...publics], 20);
    expect(r.cidrs).toEqual(['10.0.0.0/8']);
    expect(r.dropped).toHaveLength(25);
  });
});

describe('names', () => {
  it('keeps AWS names within their limit, stable and unique', () => {
    expect(awsName(64, 'dep', 'gw-a')).toBe('dep-gw-a');
    const long = awsName(64, 'a'.repeat(48), 'b'.repeat(48));
    expect(long).toHaveLength(64);
    expect(long).toBe(awsName(64, 'a'.repeat(48), 'b'.repeat(48)));
    expect(long).not.toBe(awsName(64, 'a'.repeat(48), 'c'.repeat(48)));
  });

  it('makes Terraform logical ids that start with a letter', () => {
    expect(lid('gw', 'pbx-a')).toBe('gw_pbx-a');
    expect(lid('1st', 'x')).toBe('r_1st_x');
  });
});

describe('detection and schedules', () => {
  it('maps probe intervals to what Route 53 offers', () => {
    expect(route53Interval(5)).toBe(10);
    expect(route53Interval(10)).toBe(10);
    expect(route53Interval(11)).toBe(30);
    expect(route53Interval(30)).toBe(30);
  });

  it('schedules AWS Backup at the longest interval meeting the RPO', () => {
    expect(backupSchedule(24)).toEqual({ intervalHours: 24, schedule: 'cron(0 3 * * ? *)' });
    expect(backupSchedule(48)).toEqual({ intervalHours: 24, schedule: 'cron(0 3 * * ? *)' });
    expect(backupSchedule(6)).toEqual({ intervalHours: 6, schedule: 'cron(0 0/6 * * ? *)' });
    expect(backupSchedule(5)).toEqual({ intervalHours: 4, schedule: 'cron(0 0/4 * * ? *)' });
    expect(backupSchedule(1)).toEqual({ intervalHours: 1, schedule: 'cron(0 * * * ? *)' });
    expect(backupSchedule(0.5).intervalHours).toBe(1);
  });

  it('gives each site a stable private 4-byte ASN', () => {
    const asn = siteAsn('dep', 'ulm');
    expect(asn).toBeGreaterThanOrEqual(4_200_000_000);
    expect(asn).toBeLessThanOrEqual(4_294_967_294);
    expect(siteAsn('dep', 'ulm')).toBe(asn);
    expect(siteAsn('dep', 'augsburg')).not.toBe(asn);
  });

  it('puts a Voice Connector in the home region or the nearest one offering it', () => {
    expect(voiceConnectorRegion('eu-central-1')).toBe('eu-central-1');
    expect(voiceConnectorRegion('eu-north-1')).toBe('eu-central-1');
    expect(voiceConnectorRegion('us-east-2')).toBe('us-east-1');
    expect(voiceConnectorRegion('ap-south-1')).toBe('ap-southeast-1');
  });
});

describe('the plan of the examples', () => {
  it('has no plan without a cloud section', () => {
    const { model } = loadModel(`${examplePath('a-single-site-hot-standby')}`);
    expect(buildPlan(model)).toEqual({ plan: null, diagnostics: [] });
  });

  it('f: a shared stack, one region, one stack per VPN branch', () => {
    const { plan } = planOf(loadModel(examplePath('f-cloud-pbx-local-survivable')).model);
    expect(plan.stacks).toEqual(['shared', 'cloud-eu-central-1', 'site-augsburg', 'site-muenchen']);
    const region = plan.regions[0]!;
    expect(region.gateways.map((g) => [g.id, g.role, g.az, g.privateIp])).toEqual([
      ['cloud-pbx-a', 'primary', 'eu-central-1a', '10.60.1.10'],
      ['cloud-pbx-b', 'hot-standby', 'eu-central-1b', '10.60.2.10'],
    ]);
    // The subnets follow the blueprint's addresses.
    expect(region.azs.map((a) => a.publicSubnet)).toEqual(['10.60.1.0/24', '10.60.2.0/24']);
    expect(plan.groups[0]?.dns).toMatchObject({ requestInterval: 10, failureThreshold: 3, ttl: 30, secondary: 'cloud-pbx-b' });
    // Its cloud trunk registers at a carrier: no Voice Connector.
    expect(plan.voiceConnectors).toEqual([]);
    expect(plan.shared.backup?.intervalHours).toBe(6);
  });

  it('g: the cold standby is stopped, restores from the primary\'s prefix, and the primary uploads through a policy', () => {
    const { plan, diagnostics } = planOf(loadModel(examplePath('g-cloud-cold-standby')).model);
    const g = plan.regions[0]!.gateways[0]!;
    expect(g).toMatchObject({ id: 'pbx-cloud-standby', role: 'cold-standby', running: false, privateIp: '10.70.1.10' });
    expect(g.backupPrefixes).toEqual({ write: 'pbx-cloud-standby/', read: ['pbx-freiburg/'] });
    expect(plan.shared.configBucket?.onPremisesWriters).toEqual([{ gateway: 'pbx-freiburg', path: 'gateways/pbx-freiburg' }]);
    // The on-premises primary has a private address: no health check, no failover records.
    expect(diagnostics.map((d) => d.code)).toContain('RBC4101');
    expect(plan.healthChecks).toEqual([]);
    expect(plan.records.filter((r) => r.failover)).toEqual([]);
  });

  it('fixture: a Voice Connector carries a cloud trunk without a registrar, primary first', () => {
    const { plan } = planOf(loadModel(fixturePath('cloud-pbx-local-survivable')).model);
    expect(plan.voiceConnectors).toEqual([
      expect.objectContaining({
        trunk: 'cloud-sip',
        region: 'eu-central-1',
        routes: [
          { gateway: 'pbx-cloud-a', region: 'eu-central-1', priority: 1, weight: 1 },
          { gateway: 'pbx-cloud-b', region: 'eu-central-1', priority: 2, weight: 1 },
        ],
        callingRegions: ['DE'],
      }),
    ]);
    expect(plan.shared.configBucket?.replica).toEqual({ name: 'nordwind-pbx-config-backups-replica', region: 'eu-west-1' });
    expect(plan.backend).toMatchObject({ kind: 's3', bucket: 'nordwind-terraform-state', keyPrefix: 'rbc/nordwind' });
  });

  it('reports a probe interval Route 53 cannot run and uses the next one it can', () => {
    const { model } = loadModel(fixturePath('cloud-pbx-local-survivable'));
    const m = clone(model) as unknown as { gateways: { id: string; standbyFor: { detection: { probeIntervalSeconds: number } }[] }[] };
    m.gateways.find((g) => g.id === 'pbx-cloud-b')!.standbyFor[0]!.detection.probeIntervalSeconds = 5;
    const { plan, diagnostics } = planOf(m as unknown as Model);
    expect(plan.healthChecks.every((h) => h.requestInterval === 10)).toBe(true);
    expect(diagnostics.find((d) => d.code === 'RBC4105')?.message).toContain('every 5 s');
  });

  it('honours the site selection but keeps the shared, region and trunk stacks, unchanged', () => {
    const { model } = loadModel(fixturePath('cloud-pbx-local-survivable'));
    const stacksOf = (files: readonly { path: string }[]) => files.map((f) => /^terraform\/stacks\/([^/]+)\//.exec(f.path)?.[1]).filter(Boolean);
    const selected = generateTerraform(model, { sites: new Set(['muenchen']), today: '2026-01-01' });
    expect(stacksOf(selected.files)).toEqual(['shared', 'cloud-eu-central-1', 'site-muenchen', 'trunk-cloud-sip']);
    expect(selected.files.find((f) => f.path.includes('site-muenchen'))?.site).toBe('muenchen');
    // A region stack's outputs depend on every site stack reading them: selection must not change it.
    const full = generateTerraform(model, { today: '2026-01-01' });
    const region = (files: readonly { path: string; content: unknown }[]) => files.find((f) => f.path.includes('/cloud-eu-central-1/'))?.content;
    expect(region(selected.files)).toBe(region(full.files));
  });
});

describe('secrets', () => {
  it('a blueprint with a plaintext trunk password is refused at check time', () => {
    const text = readFileSync(examplePath('g-cloud-cold-standby'), 'utf8').replace('credentials: aws-sm:schwarzwald/trunks/cloud', 'credentials: "S3cret-Passw0rd!"');
    const load = loadBlueprintText('g.yaml', Buffer.from(text));
    expect(load.model).toBeNull();
    expect(load.diagnostics.map((d) => d.code)).toContain('RBC1020');
  });
});
