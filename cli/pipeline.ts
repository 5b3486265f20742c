// The orchestration: load → model → analyse → generate → write. Only the CLI calls this.
import { join } from 'node:path';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { loadAny, type LoadResult } from '../load/load.js';
import { canonicalJsonChunks } from '../load/canonical-json.js';
import { analyse, type Assessment } from '../analysis/index.js';
import type { Model } from '../model/types.js';
import { GENERATORS } from '../generators/registry.js';
import type { GeneratedFile, GeneratorOptions } from '../generators/types.js';
import type { ArtifactRecord } from '../write/artifact.js';
import { MANIFEST, manifestOf } from '../write/manifest.js';
import { MemorySink, type ArtifactSink } from '../write/sink.js';
import { OutputStaging } from '../write/write-output.js';
import { collectThreadedGenerators, startThreadedGenerators, type ThreadedGenerators } from './generator-thread.js';
import { assessmentDiagnostics } from './findings.js';
import { RBC_ROOT, RBC_VERSION } from './version.js';
import { cacheSalt, SiteCache } from './site-cache.js';
import { SliceIndex, siteKey } from './site-slice.js';
import { selectSites, type Shard } from './site-selection.js';

export interface CheckOptions {
  readonly today?: string;
  readonly maxOrder?: number;
}

export interface CheckResult {
  readonly load: LoadResult;
  readonly assessment: Assessment | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reports the compile's progress: a stage name and how far along the whole compile is. */
export type ProgressListener = (stage: string, done: number, total: number) => void;

/** load + analyse, every problem as a diagnostic. Never loads a generator. */
export async function checkBlueprint(file: string, options: CheckOptions = {}): Promise<CheckResult> {
  const load = await loadAny(file);
  return analyseLoaded(load, options);
}

export function analyseLoaded(load: LoadResult, options: CheckOptions = {}): CheckResult {
  if (!load.model) return { load, assessment: null, diagnostics: load.diagnostics };
  const assessment = analyse(load.model, { today: options.today, maxOrder: options.maxOrder });
  const diagnostics = sortDiagnostics([...load.diagnostics, ...assessmentDiagnostics(assessment, load.model, load.locateConstruct)]);
  return { load, assessment, diagnostics };
}

export interface CompileOptions extends CheckOptions, Omit<GeneratorOptions, 'sites' | 'emit'> {
  /** Generator ids to run. @default all */
  readonly only?: readonly string[];
  /** Only these sites' per-site files (deployment-wide files are always written). @default all */
  readonly site?: readonly string[];
  /** A stable subset of the sites, for parallel CI jobs. */
  readonly shard?: Shard;
  /** Folder of the incremental-compile cache; undefined disables it. */
  readonly cacheDir?: string;
  /**
   * Run the generators that read only the model (Terraform, device configs) on a worker thread,
   * beside the runbooks on the main thread. The output is the same either way. @default true
   */
  readonly threads?: boolean;
  readonly onProgress?: ProgressListener;
}

export interface CompileStats {
  readonly sitesSelected: number;
  readonly sitesGenerated: number;
  readonly sitesFromCache: number;
  readonly cacheRejected: number;
  /**
   * Seconds per stage: `cache` (lookups), `report`, `generate:<id>` (each generator, writing its
   * files included; those on the worker thread overlap the others) and `wait:thread` (how long
   * the main thread waited for the worker after its own work).
   */
  readonly seconds: Readonly<Record<string, number>>;
}

/**
 * model.json and analysis.json. The analysis has one line per verdict, scenario, finding and
 * cut set (entries below the second level are not indented): line diffs stay meaningful and a
 * fleet's report is less than half the size of a fully indented one. It is handed over in
 * chunks: a 10,000-site analysis is longer than the longest JavaScript string.
 */
export function writeReport(model: Model, assessment: Assessment, sink: ArtifactSink): void {
  sink.addChunks('model.json', withFinalNewline(canonicalJsonChunks(model, 2)));
  sink.addChunks('analysis.json', withFinalNewline(canonicalJsonChunks(assessment, 2, 2)));
}

function* withFinalNewline(chunks: Iterable<Uint8Array>): Generator<Uint8Array> {
  yield* chunks;
  yield Buffer.from('\n');
}

/**
 * Generates every artifact of a compile into `sink`, one file at a time: from the cache for
 * sites whose inputs did not change, from the generators for the others. Generators already
 * started on the worker thread (`threaded`) are waited for and left out here; they write every
 * selected site and are not cached. The manifest is left to the caller.
 */
export async function produceArtifacts(
  model: Model,
  assessment: Assessment,
  options: CompileOptions,
  bag: DiagnosticBag,
  sink: ArtifactSink,
  threaded: ThreadedGenerators | null = null,
): Promise<CompileStats> {
  const progress = options.onProgress ?? (() => undefined);
  const seconds: Record<string, number> = {};
  let lapStart = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    seconds[stage] = (now - lapStart) / 1000;
    lapStart = now;
  };
  const generators = chosenGenerators(options).filter((g) => !threaded?.ids.includes(g.id));
  const total = generators.length + (threaded ? 3 : 2);
  const selected = selectSites(model.sites.map((s) => s.id), { site: options.site, shard: options.shard });

  // Sites whose files the cache still holds are not generated again. The cache keeps files on
  // disk, so it serves only a compile that writes to disk.
  const staged = sink.root;
  const cache = options.cacheDir && staged ? new SiteCache(options.cacheDir) : null;
  const index = cache ? new SliceIndex(model, assessment) : null;
  const salt = cache ? cacheSalt(RBC_VERSION, RBC_ROOT, generators.map((g) => g.id), options.templateDirs) : '';
  const keys = new Map<string, string>();
  const dirty = new Set<string>();
  for (const site of [...selected].sort()) {
    if (!cache || !index) {
      dirty.add(site);
      continue;
    }
    const key = siteKey(index, site, salt);
    keys.set(site, key);
    const hit = cache.get(site, key);
    if (hit) for (const f of hit) sink.addCached(f.record, f.blob);
    else dirty.add(site);
  }
  lap('cache');
  const sites = selected.size === model.sites.length && dirty.size === selected.size ? undefined : dirty;
  const take = (f: GeneratedFile) => {
    // A generator that ignores the selection still contributes only the selected sites.
    if (f.site === undefined || dirty.has(f.site)) sink.add(f);
  };

  writeReport(model, assessment, sink);
  lap('report');
  progress('report', 1, total);
  let step = 1;
  for (const entry of generators) {
    progress(`generate ${entry.id}`, ++step, total);
    try {
      const generator = await entry.load();
      const result = await generator.generate(model, assessment, { ...options, sites, emit: take });
      for (const f of result.files) take(f);
      for (const d of result.diagnostics) bag.add(d);
    } catch (e) {
      bag.report('GeneratorFailed', {}, [entry.id, (e as Error)?.message ?? String(e)]);
    }
    lap(`generate:${entry.id}`);
  }
  if (threaded) {
    progress(`generate ${threaded.ids.join(', ')}`, ++step, total);
    const threadSeconds = await collectThreadedGenerators(threaded, sink, bag);
    lap('wait:thread');
    Object.assign(seconds, threadSeconds);
  }

  if (cache && staged && !bag.hasErrors) {
    const cachedIds = new Set(generators.map((g) => g.id));
    const bySite = new Map<string, { record: ArtifactRecord; staged: string }[]>();
    for (const r of sink.records) {
      // Generator ids are the top-level folders they own.
      if (r.site === undefined || !dirty.has(r.site) || !cachedIds.has(r.path.split('/')[0]!)) continue;
      (bySite.get(r.site) ?? bySite.set(r.site, []).get(r.site)!).push({ record: r, staged: join(staged, r.path) });
    }
    for (const site of dirty) cache.put(site, keys.get(site)!, bySite.get(site) ?? []);
    lap('cache:store');
  }
  progress('write', total, total);
  return { sitesSelected: selected.size, sitesGenerated: dirty.size, sitesFromCache: selected.size - dirty.size, cacheRejected: cache?.rejected ?? 0, seconds };
}

const chosenGenerators = (options: CompileOptions) => GENERATORS.filter((g) => !options.only || options.only.includes(g.id));

/** Every artifact of a compile, manifest included, in memory (for `rbc diff`). */
export async function generateArtifacts(
  model: Model,
  assessment: Assessment,
  inputHash: string,
  options: CompileOptions,
  bag: DiagnosticBag,
): Promise<{ files: GeneratedFile[]; stats: CompileStats }> {
  const sink = new MemorySink(bag);
  const stats = await produceArtifacts(model, assessment, { ...options, cacheDir: undefined }, bag, sink);
  sink.files.push(manifestOf(sink.records, RBC_VERSION, inputHash));
  return { files: sink.files, stats };
}

export interface CompileResult extends CheckResult {
  readonly written: boolean;
  /** Every file written (manifest.json aside): path, sha256, size and site. */
  readonly files: readonly ArtifactRecord[];
  readonly stats: CompileStats | null;
}

/**
 * check, then generate straight into a staging directory and swap it in; nothing is written
 * when anything fails, and no more than one site's files are in memory at a time.
 */
export async function compileBlueprint(file: string, outDir: string, options: CompileOptions = {}): Promise<CompileResult> {
  options.onProgress?.('load', 0, 1);
  const load = await loadAny(file);
  if (!load.model || !load.inputHash) return { ...analyseLoaded(load, options), written: false, files: [], stats: null };
  const model = load.model;
  const bag = new DiagnosticBag();
  const staging = OutputStaging.open(outDir, bag);
  // Device configs and Terraform start now, beside the analysis.
  const selected = selectSites(model.sites.map((s) => s.id), { site: options.site, shard: options.shard });
  const threaded =
    staging && options.threads !== false
      ? startThreadedGenerators(model, chosenGenerators(options), selected.size === model.sites.length ? null : selected, options, staging.root)
      : null;
  const checked = analyseLoaded(load, options);
  let stats: CompileStats | null = null;
  let written = false;
  if (staging && checked.assessment) {
    try {
      stats = await produceArtifacts(model, checked.assessment, options, bag, staging, threaded);
    } catch (e) {
      staging.abort();
      throw e;
    }
    written = staging.commit(RBC_VERSION, load.inputHash);
  }
  const files = written ? staging!.records.filter((r) => r.path !== MANIFEST) : [];
  return { ...checked, diagnostics: sortDiagnostics([...checked.diagnostics, ...bag.all]), written, files, stats };
}
