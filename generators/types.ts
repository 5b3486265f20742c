// The contract every generator follows: it takes the model and the assessment and returns
// files. Generators never touch the disk and never import each other; only the CLI orchestrates.
import type { Model } from '../model/types.js';
import type { Assessment } from '../analysis/types.js';
import type { Diagnostic } from '../diagnostics/index.js';

export interface GeneratedFile {
  /** Path relative to the output directory, with forward slashes. */
  readonly path: string;
  readonly content: string | Uint8Array;
  /**
   * The site whose artifacts this file belongs to (its runbook, its stack, its devices), or
   * absent for deployment-wide files (indexes, shared stack, manifests). Incremental compiles
   * and `--shard` reuse or split files by this tag, so set it on every per-site file.
   */
  readonly site?: string;
}

export interface GeneratorOptions {
  /** Per-dialect template folders that replace the built-in ones (e.g. { kamailio: './my-templates' }). */
  readonly templateDirs?: Readonly<Record<string, string>>;
  /**
   * Only generate the per-site files of these sites (for --site, --shard and incremental
   * compiles); deployment-wide files are always generated. undefined = all sites.
   */
  readonly sites?: ReadonlySet<string>;
  /**
   * When set, the generator hands every file here as soon as it is made and leaves it out of
   * `GeneratorResult.files`, so that a fleet's output never has to be in memory at once (the
   * CLI writes each file straight into its staging directory). A site's files are handed over
   * together, one site after another; deployment-wide files at any point.
   * @default undefined (files are returned in the result)
   */
  readonly emit?: (file: GeneratedFile) => void;
}

export interface GeneratorResult {
  readonly files: readonly GeneratedFile[];
  /** Problems found while generating (e.g. a value unsafe for a config); errors fail the compile. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface Generator {
  /** Stable id, also the output folder it owns (e.g. `terraform`, `devices`, `runbooks`). */
  readonly id: string;
  readonly description: string;
  generate(model: Model, assessment: Assessment, options: GeneratorOptions): Promise<GeneratorResult> | GeneratorResult;
}
