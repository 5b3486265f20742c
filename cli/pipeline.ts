// The orchestration: load → model → analyse → generate → write. Only the CLI calls this.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { loadAny, type LoadResult } from '../load/load.js';
import { canonicalJson, canonicalJsonBytes } from '../load/canonical-json.js';
import { analyse, type Assessment } from '../analysis/index.js';
import type { Model } from '../model/types.js';
import { GENERATORS } from '../generators/registry.js';
import type { GeneratedFile, GeneratorOptions } from '../generators/types.js';
import { buildManifest } from '../write/manifest.js';
import { checkArtifacts, writeOutputAtomically } from '../write/write-output.js';
import { assessmentDiagnostics } from './findings.js';
import { RBC_ROOT, RBC_VERSION } from './version.js';
import { SiteCache } from './site-cache.js';
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

export interface CompileOptions extends CheckOptions, Omit<GeneratorOptions, 'sites'> {
  /** Generator ids to run. @default all */
  readonly only?: readonly string[];
  /** Only these sites' per-site files (deployment-wide files are always written). @default all */
  readonly site?: readonly string[];
  /** A stable subset of the sites, for parallel CI jobs. */
  readonly shard?: Shard;
  /** Folder of the incremental-compile cache; undefined disables it. */
  readonly cacheDir?: string;
  readonly onProgress?: ProgressListener;
}

export interface CompileStats {
  readonly sitesSelected: number;
  readonly sitesGenerated: number;
  readonly sitesFromCache: number;
  readonly cacheRejected: number;
}

/**
 * model.json and analysis.json. The analysis has one line per verdict, scenario, finding and
 * cut set (entries below the second level are not indented): line diffs stay meaningful and a
 * fleet's report is less than half the size of a fully indented one.
 */
export function reportFiles(model: Model, assessment: Assessment): GeneratedFile[] {
  return [
    { path: 'model.json', content: canonicalJson(model, 2) + '\n' },
    { path: 'analysis.json', content: Buffer.concat([canonicalJsonBytes(assessment, 2, 2), Buffer.from('\n')]) },
  ];
}

/** Every artifact of a compile, manifest included, in memory. */
export async function generateArtifacts(
  model: Model,
  assessment: Assessment,
  inputHash: string,
  options: CompileOptions,
  bag: DiagnosticBag,
): Promise<{ files: GeneratedFile[]; stats: CompileStats }> {
  const progress = options.onProgress ?? (() => undefined);
  const generators = GENERATORS.filter((g) => !options.only || options.only.includes(g.id));
  const total = generators.length + 2;
  const selected = selectSites(model.sites.map((s) => s.id), { site: options.site, shard: options.shard });
  const whole = selected.size === model.sites.length;

  // Sites whose files the cache still holds are not generated again.
  const cache = options.cacheDir ? new SiteCache(options.cacheDir) : null;
  const index = cache ? new SliceIndex(model, assessment) : null;
  const salt = cache ? cacheSalt(options, generators.map((g) => g.id)) : '';
  const keys = new Map<string, string>();
  const cached: GeneratedFile[] = [];
  const dirty = new Set<string>();
  for (const site of [...selected].sort()) {
    if (!cache || !index) {
      dirty.add(site);
      continue;
    }
    const key = siteKey(index, site, salt);
    keys.set(site, key);
    const hit = cache.get(site, key);
    if (hit) cached.push(...hit);
    else dirty.add(site);
  }

  const files: GeneratedFile[] = reportFiles(model, assessment);
  progress('report', 1, total);
  const generated: GeneratedFile[] = [];
  let step = 1;
  for (const entry of generators) {
    progress(`generate ${entry.id}`, ++step, total);
    try {
      const generator = await entry.load();
      const result = await generator.generate(model, assessment, { ...options, sites: whole && dirty.size === selected.size ? undefined : dirty });
      for (const d of result.diagnostics) bag.add(d);
      // A generator that ignores the selection still contributes only the selected sites.
      generated.push(...result.files.filter((f) => f.site === undefined || dirty.has(f.site)));
    } catch (e) {
      bag.report('GeneratorFailed', {}, [entry.id, (e as Error)?.message ?? String(e)]);
    }
  }
  files.push(...generated, ...cached);
  if (cache && !bag.hasErrors) {
    const bySite = new Map<string, GeneratedFile[]>();
    for (const f of generated) if (f.site !== undefined) (bySite.get(f.site) ?? bySite.set(f.site, []).get(f.site)!).push(f);
    for (const site of dirty) cache.put(site, keys.get(site)!, bySite.get(site) ?? []);
  }
  checkArtifacts(files, bag);
  files.push(buildManifest(files, RBC_VERSION, inputHash));
  progress('write', total, total);
  return {
    files,
    stats: { sitesSelected: selected.size, sitesGenerated: dirty.size, sitesFromCache: selected.size - dirty.size, cacheRejected: cache?.rejected ?? 0 },
  };
}

/**
 * What, besides a site's slice, its files depend on: rbc's version, the generators that ran,
 * the generators' own code and built-in templates (so a changed rbc never serves stale files,
 * even between releases), and the user's template folders.
 */
function cacheSalt(options: CompileOptions, generatorIds: readonly string[]): string {
  const h = createHash('sha256').update(`rbc ${RBC_VERSION}\0${generatorIds.join(',')}\0`);
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else h.update(name).update('\0').update(readFileSync(full));
    }
  };
  const hashFolder = (label: string, dir: string) => {
    h.update(`\0${label}=`);
    try {
      walk(dir);
    } catch {
      h.update('missing');
    }
  };
  hashFolder('generators', join(RBC_ROOT, 'generators'));
  hashFolder('dist', join(RBC_ROOT, 'dist', 'generators'));
  for (const [kind, dir] of Object.entries(options.templateDirs ?? {}).sort()) hashFolder(kind, dir);
  return h.digest('hex');
}

export interface CompileResult extends CheckResult {
  readonly written: boolean;
  readonly files: readonly GeneratedFile[];
  readonly stats: CompileStats | null;
}

/** check, then generate and write atomically; nothing is written when anything fails. */
export async function compileBlueprint(file: string, outDir: string, options: CompileOptions = {}): Promise<CompileResult> {
  options.onProgress?.('load', 0, 1);
  const checked = await checkBlueprint(file, options);
  const { load, assessment } = checked;
  if (!load.model || !assessment || !load.inputHash) return { ...checked, written: false, files: [], stats: null };
  const bag = new DiagnosticBag();
  const { files, stats } = await generateArtifacts(load.model, assessment, load.inputHash, options, bag);
  let written = false;
  if (!bag.hasErrors) written = writeOutputAtomically(outDir, files, bag);
  return { ...checked, diagnostics: sortDiagnostics([...checked.diagnostics, ...bag.all]), written, files, stats };
}
