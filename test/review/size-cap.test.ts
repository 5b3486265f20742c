// The Markdown fits a pull-request comment: the least important parts go first, and it says so.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, Verdict } from '../../analysis/types.js';
import { GITHUB_COMMENT_LIMIT, fitMarkdown, readOutputDir, reviewTrees, utf8Length, type Review } from '../../review/index.js';
import { fixtureAssessment } from './support/fixture-assessment.js';
import { modelOf, tempDir, writeOutput } from './support/fixture-output.js';
import { exampleText } from './support/variants.js';
import { rbc, section } from './support/run-rbc.js';

let root: string;
beforeAll(() => {
  root = tempDir();
});
afterAll(() => { if (!process.env.KEEP) rmSync(root, { recursive: true, force: true }); });

/** Deterministic filler text: lines that differ between the two sides. */
const lines = (seed: string, n: number) => Array.from({ length: n }, (_, i) => `${seed} line ${i}: ${'x'.repeat(i % 40)} ä€`).join('\n') + '\n';

const model = modelOf(exampleText());

function bigSides(devices: number, linesPerFile: number, sites = 0): Review {
  const files = (seed: string) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < devices; i++) out[`devices/ulm/gw-${String(i).padStart(3, '0')}/keepalived.conf`] = lines(`${seed}${i}`, linesPerFile);
    out['runbooks/ulm.md'] = lines(`${seed}-runbook`, 50);
    return out;
  };
  const stack = (n: number) =>
    JSON.stringify({ resource: { aws_eip: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`eip_${i}`, { domain: 'vpc', tags: { n: String(n + i) } }])) } });
  const manySites = (a: Assessment, lose: boolean): Assessment => {
    const extra: Verdict[] = [];
    for (let s = 0; s < sites; s++) {
      for (const svc of ['emergency', 'incoming', 'internal', 'outbound']) {
        for (let k = 0; k < 10; k++) {
          extra.push({
            site: `branch-${String(s).padStart(3, '0')}`, service: svc, kind: svc as Verdict['kind'], scenario: `device:gw-${s}-${k}`,
            survives: !lose, switchover: lose ? null : { totalSeconds: 0, automatic: true, parts: [], activeCallsDropped: false }, path: null,
            cut: lose ? [`device:gw-${s}-${k}`] : null, reason: lose ? `Branch ${s} loses its gateway ${k}.` : 'The normal path survives.',
          });
        }
      }
    }
    const scenarios = extra.map((v) => ({ id: v.scenario, class: 'technical-damage' as const, label: `gateway ${v.scenario}`, domains: [v.scenario], durationMinutes: null, origin: 'single' as const }));
    return { ...a, matrix: [...a.matrix, ...extra], scenarios: [...a.scenarios, ...scenarios.filter((x, i, all) => all.findIndex((y) => y.id === x.id) === i)] };
  };
  const old = writeOutput(join(root, `old-${devices}-${linesPerFile}-${sites}`), {
    model,
    analysis: manySites(fixtureAssessment('base'), false),
    files: { ...files('old'), 'terraform/stacks/ulm/cdk.tf.json': stack(0) },
  });
  const neu = writeOutput(join(root, `new-${devices}-${linesPerFile}-${sites}`), {
    model,
    analysis: manySites(fixtureAssessment('remove-second-trunk'), true),
    files: { ...files('new'), 'terraform/stacks/ulm/cdk.tf.json': stack(1) },
  });
  return reviewTrees(readOutputDir(old), readOutputDir(neu));
}

describe('size cap', () => {
  it('a review within the cap is not shortened', () => {
    const r = bigSides(2, 10);
    const fitted = fitMarkdown(r, GITHUB_COMMENT_LIMIT);
    expect(fitted.truncated).toBe(false);
    expect(fitted.text).not.toContain('Shortened');
  });

  it('drops unified diffs first, keeps redundancy and Terraform whole, and says so', () => {
    const r = bigSides(40, 60);
    const fitted = fitMarkdown(r, GITHUB_COMMENT_LIMIT);
    expect(fitted.truncated).toBe(true);
    expect(utf8Length(fitted.text)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(fitted.text).toMatch(/\*\*Shortened to fit a pull-request comment \(65,536 characters\)\*\*: left out the unified diffs of \d+ of 41 files\. /);
    // the headline stays first, the notice right under it
    expect(fitted.text.split('\n')[0]).toMatch(/^### Redundancy regression/);
    expect(fitted.text.indexOf('Shortened')).toBeLessThan(fitted.text.indexOf('\n## Redundancy'));
    expect(section(fitted.text, 'Redundancy')).toContain('- *Deutsche Telekom*: **Emergency calls**, **Incoming calls** and **Outbound calls** no longer survive.');
    expect(section(fitted.text, 'Terraform')).toContain('  - `tags.n`: `"0"` → `"1"`');
    // some diffs still fit and are shown; the rest are listed
    expect(fitted.text).toContain('<details><summary>devices/ulm/gw-000/keepalived.conf');
    expect(fitted.text).toMatch(/- `devices\/ulm\/gw-039\/keepalived.conf` changed \(\+60 −60\) — diff left out for size/);
  });

  it('then leaves out Terraform arguments and block lists, then shortens redundancy lists, and still fits', () => {
    const r = bigSides(10, 20, 300);
    const fitted = fitMarkdown(r, 20_000);
    expect(utf8Length(fitted.text)).toBeLessThanOrEqual(20_000);
    expect(fitted.text).toContain('left out the unified diffs of 11 of 11 files');
    expect(fitted.text).toContain('Terraform blocks other than destroys (counted per stack)');
    expect(fitted.text).toMatch(/redundancy items beyond the first (50|10|3) of each list/);
    expect(fitted.text).toMatch(/… and \d+ more (sites )?\(see `rbc diff --format json`\)/);
    expect(fitted.text).toContain('- 200 change (not listed here)');
    // the policy verdict, the most important line, is still there
    expect(fitted.text).toContain('`emergency-always`');
  });

  it('cuts at a line boundary as a last resort, and says so', () => {
    const r = bigSides(1, 5, 300);
    const fitted = fitMarkdown(r, 2_000);
    expect(utf8Length(fitted.text)).toBeLessThanOrEqual(2_000);
    expect(fitted.text).toMatch(/\n\n> \*\*Cut at 2,000 characters to fit a pull-request comment\.\*\* Run `rbc diff` locally/);
    expect(fitted.text.split('\n')[0]).toMatch(/^### Redundancy regression/);
  });

  it('--max-chars sets the cap on the command line; a bad value is a usage error', async () => {
    const r = bigSides(30, 100);
    const oldDir = join(root, 'old-30-100-0');
    const newDir = join(root, 'new-30-100-0');
    expect(r.files.length).toBe(31);
    const out = await rbc(['diff', '--max-chars', '10000', oldDir, newDir]);
    expect(out.code).toBe(1);
    expect(utf8Length(out.out)).toBeLessThanOrEqual(10_000);
    expect(out.out).toContain('Shortened to fit a pull-request comment (10,000 characters)');
    const bad = await rbc(['diff', '--max-chars', '12abc', oldDir, newDir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('error RBC5114');
    // JSON is never shortened
    const json = await rbc(['diff', '--format', 'json', '--max-chars', '10000', oldDir, newDir]);
    expect((JSON.parse(json.out) as Review).files.every((f) => f.patch !== null)).toBe(true);
  });
});
