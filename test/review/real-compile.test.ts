// Each kind of change on real compiles of the main example: the failure analysis, the generators
// and the review together. The statements follow from the example's design (two PBXs in hot
// standby in two fire zones, two carriers on two cable entries, UPS with a diesel generator).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../analysis/index.js';
import { renderMarkdown, type Review } from '../../review/index.js';
import { blueprintPath } from '../support/compile.js';
import { modelOf, tempDir } from './support/fixture-output.js';
import { rbc, section } from './support/run-rbc.js';
import { exampleText, variantText, type ChangeKind } from './support/variants.js';

const TODAY = '2026-01-01';
// Until the failure analysis is in place, analyse() returns an empty matrix: nothing to assert.
const analysisReady = analyse(modelOf(exampleText()), { today: TODAY }).matrix.length > 0;
if (!analysisReady) console.warn('SKIP: the failure analysis returns no verdicts yet; the real-compile review tests wait for it');

let root: string;
let baseOut: string;

beforeAll(async () => {
  root = tempDir();
  if (!analysisReady) return;
  writeFileSync(join(root, 'base.yaml'), exampleText());
  baseOut = join(root, 'base-out');
  const r = await rbc(['compile', '--today', TODAY, '-q', join(root, 'base.yaml'), '-o', baseOut]);
  expect(r.code, r.err).toBe(0);
}, 300_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function review(change: ChangeKind, ...extra: string[]): Promise<{ code: number; review: Review; md: string }> {
  const file = join(root, `${change}.yaml`);
  writeFileSync(file, variantText(change));
  const r = await rbc(['diff', '--format', 'json', '--today', TODAY, ...extra, baseOut, file]);
  expect(r.code, r.err).toBeLessThan(2);
  const parsed = JSON.parse(r.out) as Review;
  return { code: r.code, review: parsed, md: renderMarkdown(parsed) };
}

const lostPairs = (r: Review, site = 'ulm') =>
  (r.redundancy.sites.find((s) => s.site === site)?.lost ?? []).map((l) => `${l.service} @ ${l.scenario.id}`).sort();

describe.skipIf(!analysisReady)('real compiles of the main example', () => {
  it('identical blueprints: "No changes."', async () => {
    const r = await rbc(['diff', '--today', TODAY, baseOut, blueprintPath('a-single-site-hot-standby.yaml')]);
    expect(r.out).toBe('No changes.\n');
    expect(r.code).toBe(0);
  }, 120_000);

  it('removing the second trunk: emergency, outbound and incoming calls lose the carrier and duct failures', async () => {
    const { code, review: r, md } = await review('remove-second-trunk');
    expect(code).toBe(1);
    expect(lostPairs(r)).toEqual([
      'emergency @ provider:telekom',
      'emergency @ supply-line:ulm/duct-north',
      'incoming @ supply-line:ulm/duct-north',
      'outbound @ provider:telekom',
      'outbound @ supply-line:ulm/duct-north',
    ]);
    const emergency = r.redundancy.policies.find((p) => p.policy === 'emergency-always')!;
    expect(emergency.newViolations.map((v) => `${v.service} @ ${v.scenario.id}`)).toEqual(['emergency @ provider:telekom', 'emergency @ supply-line:ulm/duct-north']);
    expect(r.redundancy.pointsOfFailure.filter((c) => c.change === 'new' && c.order === 1).map((c) => c.domains.map((d) => d.id).join('+'))).toEqual(['supply-line:ulm/duct-north']);
    expect(r.headline).toMatch(/^Redundancy regression \(\d+\): policy emergency-always newly violated; 3 services at Ulm headquarters no longer survive 2 scenarios/);
    expect(section(md, 'Redundancy')).toContain('**Emergency calls** no longer survive');
    expect(JSON.stringify(r)).not.toContain('meyer/trunks/swu-sip');
  }, 120_000);

  it("moving the standby into the primary's fire zone: a fire or the cooling in zone-a now takes every service down", async () => {
    const { code, review: r } = await review('standby-into-primary-zone');
    expect(code).toBe(1);
    const lost = lostPairs(r);
    for (const service of ['emergency', 'internal', 'outbound', 'incoming']) expect(lost).toContain(`${service} @ cooling:ulm/ac-east`);
    for (const service of ['internal', 'outbound', 'incoming']) expect(lost).toContain(`${service} @ fire-zone:ulm/zone-a`);
    const fire = r.redundancy.policies.find((p) => p.policy === 'telephony-fire')!;
    expect([fire.before, fire.after]).toEqual(['met', 'violated']);
    expect(r.redundancy.pointsOfFailure.some((c) => c.change === 'new' && c.order === 1 && c.domains[0]!.id === 'cooling:ulm/ac-east')).toBe(true);
    expect(r.redundancy.findings.filter((f) => f.change === 'new').map((f) => `${f.rule} ${f.path}`)).toContain('RBC-R001 gateways/pbx-west');
  }, 120_000);

  it('shortening the UPS autonomy: the diesel generator still carries the 240-minute outage, so redundancy does not change', async () => {
    const { code, review: r, md } = await review('shorter-ups-autonomy');
    expect(code).toBe(0);
    expect(r.redundancy.changed).toBe(false);
    expect(section(md, 'Redundancy')).toContain('No change in redundancy');
    expect(r.files.some((f) => f.path === 'runbooks/ulm.md' && /\+.*\b15\b/.test(f.patch ?? ''))).toBe(true);
  }, 120_000);

  it('adding a branch: a new site whose single PBX breaks the all-sites policies', async () => {
    const { code, review: r, md } = await review('add-branch');
    expect(code).toBe(1);
    const branch = r.redundancy.sites.find((s) => s.site === 'neu-ulm')!;
    expect(branch.status).toBe('added');
    expect(branch.addedServices.find((e) => e.service === 'emergency')!.notSurviving.map((s) => s.id)).toContain('device:pbx-neu-ulm');
    expect(r.redundancy.sites.find((s) => s.site === 'ulm')).toBeUndefined();
    expect(r.regressions.every((g) => g.kind === 'policy-violated' && g.site === 'neu-ulm')).toBe(true);
    expect(section(md, 'Redundancy')).toContain('### New site: Neu-Ulm branch (`neu-ulm`)');
    expect(r.files.map((f) => `${f.status} ${f.path}`)).toContain('added runbooks/neu-ulm.md');
  }, 120_000);

  it("changing a provider's rerouting lead time: incoming calls wait 8 hours instead of 4, no policy limits them", async () => {
    const { code, review: r } = await review('rerouting-lead-time');
    expect(code).toBe(0);
    expect(r.regressions).toEqual([]);
    const sw = r.redundancy.sites.find((s) => s.site === 'ulm')!.switchover;
    expect(sw.map((c) => [c.service, c.scenario.id, c.beforeSeconds, c.afterSeconds])).toContainEqual(['incoming', 'supply-line:ulm/duct-north', 14_400, 28_800]);
    expect(sw.every((c) => c.service === 'incoming' && c.afterSeconds > c.beforeSeconds && !c.afterAutomatic)).toBe(true);
  }, 120_000);

  it('a cosmetic rename of a description: no change in redundancy or Terraform', async () => {
    const { code, review: r, md } = await review('description-rename');
    expect(code).toBe(0);
    expect(r.redundancy.changed).toBe(false);
    expect(r.terraform.changed).toBe(false);
    expect(section(md, 'Redundancy')).toContain('No change in redundancy');
    expect(r.files.map((f) => f.path)).toContain('runbooks/index.md');
  }, 120_000);
});

describe.skipIf(!analysisReady)('shortening the UPS where no generator backs it', () => {
  it('example (f): 30 instead of 90 minutes breaks the promised 60-minute power outage', async () => {
    const base = blueprintPath('f-cloud-pbx-local-survivable.yaml');
    const bp = parse(readFileSync(base, 'utf8'));
    for (const site of bp.sites) for (const u of site.power?.ups ?? []) u.autonomyMinutes = 30;
    const changed = join(root, 'f-short-ups.yaml');
    writeFileSync(changed, stringify(bp, { lineWidth: 0 }));
    const r = await rbc(['diff', '--format', 'json', '--today', TODAY, base, changed]);
    expect(r.code, r.err).toBe(1);
    const parsed = JSON.parse(r.out) as Review;
    const lost = parsed.redundancy.sites.flatMap((s) => s.lost.map((l) => l.scenario.id));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((id) => /@60m$/.test(id))).toBe(true);
    expect(parsed.regressions.some((g) => g.kind === 'policy-violated' || g.kind === 'survival-lost')).toBe(true);
  }, 300_000);
});

describe.skipIf(!analysisReady)('renaming a cloud gateway', () => {
  it('example (f): with formerId its resources move, Terraform destroys nothing, and redundancy does not change', async () => {
    const base = blueprintPath('f-cloud-pbx-local-survivable.yaml');
    const bp = parse(readFileSync(base, 'utf8'));
    const renamed = JSON.parse(JSON.stringify(bp).replaceAll('"cloud-pbx-b"', '"cloud-pbx-standby"'));
    renamed.gateways.find((g: { id: string }) => g.id === 'cloud-pbx-standby').formerId = 'cloud-pbx-b';
    const changed = join(root, 'f-renamed.yaml');
    writeFileSync(changed, stringify(renamed, { lineWidth: 0 }));
    const r = await rbc(['diff', '--format', 'json', '--today', TODAY, '--fail-on', 'destroy,redundancy-change', base, changed]);
    expect(r.code, r.err).toBe(0);
    const parsed = JSON.parse(r.out) as Review;
    // the renamed gateway's failure scenarios are the same scenarios under the new id
    expect(parsed.redundancy.changed).toBe(false);
    expect(parsed.notes).toContain('Gateway cloud-pbx-b is now cloud-pbx-standby (formerId): its failure scenarios are compared under the new id.');
    expect(parsed.terraform.totals.destroy).toBe(0);
    expect(parsed.terraform.totals.add).toBe(0);
    const moves = parsed.terraform.stacks.flatMap((st) => st.blocks.filter((b) => b.change === 'move'));
    expect(moves.map((m) => `${m.from} -> ${m.address}`)).toContain('aws_instance.gw_cloud-pbx-b -> aws_instance.gw_cloud-pbx-standby');
    expect(renderMarkdown(parsed)).toContain('- move `aws_instance.gw_cloud-pbx-b` → `aws_instance.gw_cloud-pbx-standby`, and change it');
  }, 300_000);
});
