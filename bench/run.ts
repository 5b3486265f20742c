// `npm run bench [-- --json] [-- --sizes 100,1000,10000]`: compile generated fleets of each size,
// each in its own process, and print stage times, peak memory and the scaling ratios; plus the
// cold `rbc check` time of the main example.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IncrementalMeasurement, Measurement } from './measure.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL(here.includes('/dist/') ? '../../' : '../', import.meta.url));

function parseArgs(argv: readonly string[]): { json: boolean; sizes: number[]; incremental: number } {
  let json = false;
  let sizes = [100, 1000, 10000];
  let incremental = 1000;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--sizes') sizes = String(argv[++i]).split(',').map(Number).filter((n) => n > 0);
    else if (argv[i] === '--incremental') incremental = Number(argv[++i]) || 0;
  }
  return { json, sizes, incremental };
}

/** A size that cannot finish (out of memory, a crash) is reported, not fatal to the run. */
type Failed = { readonly sites: number; readonly failed: string };
type Outcome = Measurement | Failed;

function measureInChild<T = Measurement>(sites: number, mode: 'full' | 'incremental' = 'full'): T | Failed {
  try {
    const args = mode === 'incremental' ? ['incremental', String(sites)] : [String(sites)];
    const out = execFileSync(process.execPath, ['--max-old-space-size=12288', `${here}measure.js`, ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop()!) as T;
  } catch (e) {
    const err = e as { stderr?: string; status?: number; signal?: string };
    const reason = /heap out of memory|Allocation failed/i.test(err.stderr ?? '') ? 'out of memory (12 GB heap)' : `exit ${err.status ?? err.signal}`;
    return { sites, failed: reason };
  }
}

function coldCheckSeconds(): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    execFileSync(process.execPath, [`${repo}bin/rbc.js`, 'check', `${repo}blueprints/a-single-site-hot-standby.yaml`, '--fail-on', 'none'], { stdio: 'ignore' });
    runs.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return Math.min(...runs);
}

const { json, sizes, incremental } = parseArgs(process.argv.slice(2));
const outcomes: Outcome[] = sizes.map((n) => measureInChild(n));
const incrementalOutcome = incremental > 0 ? measureInChild<IncrementalMeasurement>(incremental, 'incremental') : null;
const failures = outcomes.filter((r): r is Failed => 'failed' in r);
const results = outcomes.filter((r): r is Measurement => !('failed' in r));
if (results.length === 0) {
  process.stderr.write(`bench: no size finished: ${failures.map((f) => `${f.sites} sites ${f.failed}`).join('; ')}\n`);
  process.exit(1);
}
const bySize = new Map(results.map((r) => [r.sites, r]));
const ratio = (a?: Measurement, b?: Measurement) => (a && b ? Math.round((a.total_s / b.total_s) * 100) / 100 : null);
const largest = results[results.length - 1]!;
const summary = {
  results: results.map((r) => ({ sites: r.sites, total_s: round(r.total_s), peak_rss_mb: r.peak_rss_mb, stages: Object.fromEntries(Object.entries(r.stages).map(([k, v]) => [k, round(v)])), files: r.files, bytes: r.bytes, errors: r.errors })),
  ratio_10k_1k: ratio(bySize.get(10000), bySize.get(1000)),
  ratio_vs_raw_write: Math.round((largest.total_s / Math.max(largest.raw_write_s, 1e-6)) * 10) / 10,
  raw_write_s: round(largest.raw_write_s),
  failed: failures,
  incremental: incrementalOutcome && !('failed' in incrementalOutcome)
    ? { sites: incrementalOutcome.sites, first_s: round(incrementalOutcome.first_s), incremental_s: round(incrementalOutcome.incremental_s), from_cache: incrementalOutcome.from_cache }
    : incrementalOutcome,
  cold_check_s: round(coldCheckSeconds()),
};

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

if (json) {
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
} else {
  for (const r of summary.results) {
    process.stdout.write(`\n${r.sites} sites: total ${r.total_s.toFixed(2)} s, peak RSS ${r.peak_rss_mb} MB, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB${r.errors ? `, ${r.errors} ERRORS` : ''}\n`);
    for (const [stage, s] of Object.entries(r.stages)) process.stdout.write(`  ${stage.padEnd(22)} ${s.toFixed(3)} s\n`);
  }
  for (const f of failures) process.stdout.write(`\n${f.sites} sites: FAILED, ${f.failed}\n`);
  process.stdout.write(`\nratio 10,000 / 1,000 sites: ${summary.ratio_10k_1k ?? 'n/a'}\n`);
  process.stdout.write(`ratio full compile / raw write of the same bytes (${largest.sites} sites): ${summary.ratio_vs_raw_write} (raw write ${summary.raw_write_s} s)\n`);
  const inc = summary.incremental;
  if (inc && 'incremental_s' in inc) process.stdout.write(`incremental recompile of ${inc.sites} sites after one site changed: ${inc.incremental_s.toFixed(2)} s (${inc.from_cache} sites from the cache; the compile that filled it: ${inc.first_s.toFixed(2)} s)\n`);
  else if (inc) process.stdout.write(`incremental recompile of ${inc.sites} sites: FAILED, ${inc.failed}\n`);
  process.stdout.write(`cold rbc check of the main example: ${summary.cold_check_s} s\n`);
}
