// Output directories made by hand in the layout `rbc compile` writes (manifest.json, analysis.json,
// model.json, terraform/stacks/<stack>/cdk.tf.json, devices/..., runbooks/...), so that the review
// is tested without the generators.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Assessment } from '../../../analysis/types.js';
import { canonicalJson } from '../../../load/canonical-json.js';
import { loadBlueprintText } from '../../../load/load.js';
import type { Model } from '../../../model/types.js';
import { buildManifest } from '../../../write/manifest.js';
import { fixtureAssessment } from './fixture-assessment.js';
import { exampleText, variantText, type ChangeKind } from './variants.js';

export interface FixtureOutput {
  readonly analysis?: Assessment;
  readonly model?: Model | null;
  /** Other artifacts by path. */
  readonly files?: Readonly<Record<string, string>>;
  readonly inputHash?: string;
}

export function tempDir(prefix = 'rbc-review-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes an output directory with a manifest that matches its files. */
export function writeOutput(dir: string, out: FixtureOutput): string {
  const files: { path: string; content: string }[] = [];
  if (out.analysis) files.push({ path: 'analysis.json', content: canonicalJson(out.analysis, 2) + '\n' });
  if (out.model) files.push({ path: 'model.json', content: canonicalJson(out.model, 2) + '\n' });
  for (const [path, content] of Object.entries(out.files ?? {})) files.push({ path, content });
  files.push(buildManifest(files, '0.1.0', out.inputHash ?? 'f'.repeat(64)) as { path: string; content: string });
  for (const f of files) {
    const full = join(dir, f.path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, f.content);
  }
  return dir;
}

export function modelOf(yamlText: string): Model {
  const r = loadBlueprintText('fixture.yaml', Buffer.from(yamlText));
  if (!r.model) throw new Error(r.diagnostics.map((d) => `${d.location.line}: ${d.message}`).join('\n'));
  return r.model;
}

function runbook(model: Model, site: string): string {
  const s = model.sites.find((x) => x.id === site)!;
  const lines = [`# Runbook: ${s.name}`, '', model.deployment.description ?? '', '', '## Trunks', ''];
  for (const t of model.trunks.filter((x) => x.site === site)) {
    const p = model.providers.find((x) => x.id === t.provider)!;
    const rerouting = p.rerouting.mode === 'on-request' ? `on request, about ${p.rerouting.leadTimeMinutes} min` : p.rerouting.mode;
    lines.push(`- ${t.id} (${t.kind}, ${p.name}): number block rerouting ${rerouting}.${t.credentials ? ` Credentials: ${t.credentials}.` : ''}`);
  }
  lines.push('', '## Power', '');
  for (const u of s.power.ups) lines.push(`- ${u.id}: ${u.autonomyMinutes} min on battery.`);
  return lines.join('\n') + '\n';
}

/** What the generators would write for a model, reduced to what a review needs. */
export function fixtureFiles(model: Model): Record<string, string> {
  const files: Record<string, string> = {};
  files['runbooks/index.md'] = ['# Runbooks', '', model.deployment.description ?? '', '', ...model.sites.map((s) => `- [${s.name}](${s.id}.md)`)].join('\n') + '\n';
  for (const s of model.sites) {
    files[`runbooks/${s.id}.md`] = runbook(model, s.id);
    files[`runbooks/${s.id}.html`] = `<!doctype html>\n<html><body><pre>\n${runbook(model, s.id).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>\n`;
  }
  for (const g of model.gateways) {
    const site = g.placement.type === 'site' ? g.placement.site : 'cloud';
    files[`devices/${site}/${g.id}/prometheus.yml`] = [
      'scrape_configs:',
      `  - job_name: ${g.id}`,
      '    static_configs:',
      `      - targets: ["${g.address ?? g.id}:9100"]`,
      '    basic_auth:',
      '      username: prometheus',
      `      password: "\${PROMETHEUS_PASSWORD_${g.id.replace(/-/g, '_').toUpperCase()}}"`,
      '',
    ].join('\n');
  }
  return files;
}

/** The main example (or one change of it) as an output directory with a hand-written analysis. */
export function exampleOutput(dir: string, change: ChangeKind | 'base'): string {
  const text = change === 'base' ? exampleText() : variantText(change);
  const model = modelOf(text);
  return writeOutput(dir, { analysis: fixtureAssessment(change), model, files: fixtureFiles(model) });
}
