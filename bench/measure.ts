// One benchmark run in its own process (so peak RSS belongs to this size only): generate a
// fleet, then time each compile stage on it. Prints one JSON line.
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { DiagnosticBag } from '../diagnostics/index.js';
import { loadBlueprintText } from '../load/load.js';
import { analyse } from '../analysis/index.js';
import { GENERATORS } from '../generators/registry.js';
import type { GeneratedFile } from '../generators/types.js';
import { reportFiles } from '../cli/pipeline.js';
import { buildManifest } from '../write/manifest.js';
import { writeOutputAtomically } from '../write/write-output.js';
import { generateFleet } from './fleet.js';

export interface Measurement {
  readonly sites: number;
  readonly total_s: number;
  readonly peak_rss_mb: number;
  readonly stages: Record<string, number>;
  readonly files: number;
  readonly bytes: number;
  readonly raw_write_s: number;
  readonly errors: number;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

export async function measure(sites: number): Promise<Measurement> {
  const text = Buffer.from(stringify(generateFleet({ sites, seed: 1 }), { lineWidth: 0 }));
  const stages: Record<string, number> = {};
  const t0 = process.hrtime.bigint();

  let t = process.hrtime.bigint();
  const load = loadBlueprintText('fleet.yaml', text);
  stages['load+validate'] = seconds(t);
  const errors = load.diagnostics.filter((d) => d.category === 'error');
  if (!load.model) {
    return { sites, total_s: seconds(t0), peak_rss_mb: process.resourceUsage().maxRSS / 1024, stages, files: 0, bytes: 0, raw_write_s: 0, errors: errors.length };
  }

  t = process.hrtime.bigint();
  const assessment = analyse(load.model, { today: '2026-01-01' });
  stages.analysis = seconds(t);

  const files: GeneratedFile[] = [];
  t = process.hrtime.bigint();
  files.push(...reportFiles(load.model, assessment));
  stages['report'] = seconds(t);
  const bag = new DiagnosticBag();
  for (const entry of GENERATORS) {
    t = process.hrtime.bigint();
    const g = await entry.load();
    const r = await g.generate(load.model, assessment, {});
    files.push(...r.files);
    stages[`generate:${entry.id}`] = seconds(t);
  }
  files.push(buildManifest(files, 'bench', load.inputHash ?? ''));

  const root = mkdtempSync(join(tmpdir(), 'rbc-bench-'));
  t = process.hrtime.bigint();
  writeOutputAtomically(join(root, 'out'), files, bag);
  stages.write = seconds(t);
  const total = seconds(t0);

  // The physical limit: the same bytes written with plain fs calls.
  t = process.hrtime.bigint();
  const raw = join(root, 'raw');
  const made = new Set<string>();
  for (const f of files) {
    const full = join(raw, f.path);
    const d = dirname(full);
    if (!made.has(d)) {
      mkdirSync(d, { recursive: true });
      made.add(d);
    }
    writeFileSync(full, f.content);
  }
  const rawWrite = seconds(t);
  rmSync(root, { recursive: true, force: true });
  const bytes = files.reduce((n, f) => n + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.byteLength), 0);
  return { sites, total_s: total, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), stages, files: files.length, bytes, raw_write_s: rawWrite, errors: errors.length + bag.all.filter((d) => d.category === 'error').length };
}

if (process.argv[1] && /measure\.(js|ts)$/.test(process.argv[1])) {
  const sites = Number(process.argv[2] ?? '100');
  measure(sites).then((m) => process.stdout.write(JSON.stringify(m) + '\n'));
}
