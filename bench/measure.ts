// One benchmark run in its own process (so peak RSS belongs to this size only): generate a
// fleet, then compile it the way `rbc compile --no-cache` does, timing each stage. Prints one
// JSON line. `measure.js incremental N` times a one-site change of an N-site fleet instead.
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DiagnosticBag } from '../diagnostics/index.js';
import { loadBlueprintText } from '../load/load.js';
import { analyse } from '../analysis/index.js';
import { compileBlueprint, produceArtifacts } from '../cli/pipeline.js';
import { OutputStaging } from '../write/write-output.js';
import { startThreadedGenerators } from '../cli/generator-thread.js';
import { GENERATORS } from '../generators/registry.js';
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

export interface IncrementalMeasurement {
  readonly sites: number;
  /** The compile that fills the cache. */
  readonly first_s: number;
  /** The compile after one site changed. */
  readonly incremental_s: number;
  readonly from_cache: number;
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
const fleetText = (sites: number) => Buffer.from(stringify(generateFleet({ sites, seed: 1 }), { lineWidth: 0 }));

export async function measure(sites: number): Promise<Measurement> {
  const text = fleetText(sites);
  const stages: Record<string, number> = {};
  const t0 = process.hrtime.bigint();

  let t = process.hrtime.bigint();
  const load = loadBlueprintText('fleet.yaml', text);
  stages['load+validate'] = seconds(t);
  const errors = load.diagnostics.filter((d) => d.category === 'error');
  if (!load.model) {
    return { sites, total_s: seconds(t0), peak_rss_mb: process.resourceUsage().maxRSS / 1024, stages, files: 0, bytes: 0, raw_write_s: 0, errors: errors.length };
  }

  // As `rbc compile --no-cache` does it: device configs and Terraform start on the worker
  // thread as soon as the model is loaded.
  const root = mkdtempSync(join(tmpdir(), 'rbc-bench-'));
  const bag = new DiagnosticBag();
  const staging = OutputStaging.open(join(root, 'out'), bag)!;
  const threaded = startThreadedGenerators(load.model, GENERATORS, null, { today: '2026-01-01' }, staging.root);

  t = process.hrtime.bigint();
  const assessment = analyse(load.model, { today: '2026-01-01' });
  stages.analysis = seconds(t);

  const stats = await produceArtifacts(load.model, assessment, { today: '2026-01-01' }, bag, staging, threaded);
  for (const [stage, s] of Object.entries(stats.seconds)) if (stage !== 'cache') stages[stage] = s;
  t = process.hrtime.bigint();
  staging.commit('bench', load.inputHash ?? '');
  stages.commit = seconds(t);
  const total = seconds(t0);

  // The physical limit: the same bytes written with plain fs calls (reading them back is not timed).
  const raw = join(root, 'raw');
  let rawWrite = 0;
  let bytes = 0;
  let files = 0;
  const copy = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) {
      const src = join(from, name);
      if (statSync(src).isDirectory()) {
        copy(src, join(to, name));
        continue;
      }
      const content = readFileSync(src);
      const w = process.hrtime.bigint();
      writeFileSync(join(to, name), content);
      rawWrite += seconds(w);
      bytes += content.byteLength;
      files++;
    }
  };
  copy(join(root, 'out'), raw);
  rmSync(root, { recursive: true, force: true });
  return {
    sites,
    total_s: total,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    stages,
    files,
    bytes,
    raw_write_s: rawWrite,
    errors: errors.length + bag.all.filter((d) => d.category === 'error').length,
  };
}

/** `rbc compile` with its cache, twice: the second time after one site's users changed. */
export async function measureIncremental(sites: number): Promise<IncrementalMeasurement> {
  const root = mkdtempSync(join(tmpdir(), 'rbc-bench-inc-'));
  try {
    const fleet = generateFleet({ sites, seed: 1 });
    const file = join(root, 'fleet.yaml');
    writeFileSync(file, stringify(fleet, { lineWidth: 0 }));
    const options = { today: '2026-01-01', cacheDir: join(root, 'cache') };
    let t = process.hrtime.bigint();
    await compileBlueprint(file, join(root, 'out'), options);
    const first = seconds(t);
    fleet.sites[Math.floor(sites / 2)]!.users += 1;
    writeFileSync(file, stringify(fleet, { lineWidth: 0 }));
    t = process.hrtime.bigint();
    const again = await compileBlueprint(file, join(root, 'out'), options);
    return { sites, first_s: first, incremental_s: seconds(t), from_cache: again.stats?.sitesFromCache ?? 0 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && /measure\.(js|ts)$/.test(process.argv[1])) {
  const incremental = process.argv[2] === 'incremental';
  const sites = Number(process.argv[incremental ? 3 : 2] ?? '100');
  (incremental ? measureIncremental(sites) : measure(sites)).then((m) => process.stdout.write(JSON.stringify(m) + '\n'));
}
