// The orchestration: load → model → analyse → generate → write. Only the CLI calls this.
import { DiagnosticBag, sortDiagnostics, type Diagnostic } from '../diagnostics/index.js';
import { loadAny, type LoadResult } from '../load/load.js';
import { canonicalJson } from '../load/canonical-json.js';
import { analyse, type Assessment } from '../analysis/index.js';
import type { Model } from '../model/types.js';
import { GENERATORS } from '../generators/registry.js';
import type { GeneratedFile, GeneratorOptions } from '../generators/types.js';
import { buildManifest } from '../write/manifest.js';
import { checkArtifacts, writeOutputAtomically } from '../write/write-output.js';
import { assessmentDiagnostics } from './findings.js';
import { RBC_VERSION } from './version.js';

export interface CheckOptions {
  readonly today?: string;
  readonly maxOrder?: number;
}

export interface CheckResult {
  readonly load: LoadResult;
  readonly assessment: Assessment | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** load + analyse, every problem as a diagnostic. Never loads a generator. */
export async function checkBlueprint(file: string, options: CheckOptions = {}): Promise<CheckResult> {
  const load = await loadAny(file);
  if (!load.model) return { load, assessment: null, diagnostics: load.diagnostics };
  const assessment = analyse(load.model, { today: options.today, maxOrder: options.maxOrder });
  const diagnostics = sortDiagnostics([...load.diagnostics, ...assessmentDiagnostics(assessment, load.model, load.locateConstruct)]);
  return { load, assessment, diagnostics };
}

export interface CompileOptions extends CheckOptions, GeneratorOptions {
  /** Generator ids to run. @default all */
  readonly only?: readonly string[];
}

/** Every artifact of a compile, manifest included, in memory. */
export async function generateArtifacts(
  model: Model,
  assessment: Assessment,
  inputHash: string,
  options: CompileOptions,
  bag: DiagnosticBag,
): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [
    { path: 'model.json', content: canonicalJson(model, 2) + '\n' },
    { path: 'analysis.json', content: canonicalJson(assessment, 2) + '\n' },
  ];
  for (const entry of GENERATORS) {
    if (options.only && !options.only.includes(entry.id)) continue;
    try {
      const generator = await entry.load();
      const result = await generator.generate(model, assessment, options);
      for (const d of result.diagnostics) bag.add(d);
      files.push(...result.files);
    } catch (e) {
      bag.report('GeneratorFailed', {}, [entry.id, (e as Error)?.message ?? String(e)]);
    }
  }
  checkArtifacts(files, bag);
  files.push(buildManifest(files, RBC_VERSION, inputHash));
  return files;
}

export interface CompileResult extends CheckResult {
  readonly written: boolean;
  readonly files: readonly GeneratedFile[];
}

/** check, then generate and write atomically; nothing is written when anything fails. */
export async function compileBlueprint(file: string, outDir: string, options: CompileOptions = {}): Promise<CompileResult> {
  const checked = await checkBlueprint(file, options);
  const { load, assessment } = checked;
  if (!load.model || !assessment || !load.inputHash) return { ...checked, written: false, files: [] };
  const bag = new DiagnosticBag();
  const files = await generateArtifacts(load.model, assessment, load.inputHash, options, bag);
  let written = false;
  if (!bag.hasErrors) written = writeOutputAtomically(outDir, files, bag);
  return { ...checked, diagnostics: sortDiagnostics([...checked.diagnostics, ...bag.all]), written, files };
}
