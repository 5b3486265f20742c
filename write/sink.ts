// Where a compile's files go as generators make them: straight into a staging directory
// (OutputStaging) or, for `rbc diff`, into memory (MemorySink). Both check every path and
// record every file for the manifest.
import { readFileSync } from 'node:fs';
import type { DiagnosticBag } from '../diagnostics/index.js';
import type { GeneratedFile } from '../generators/types.js';
import { recordOf, type ArtifactRecord } from './artifact.js';
import { isSafeArtifactPath } from './paths.js';

export interface ArtifactSink {
  /** Takes one generated file. */
  add(file: GeneratedFile): void;
  /** Takes a file as UTF-8 chunks: a fleet's report can be longer than a JavaScript string. */
  addChunks(path: string, chunks: Iterable<Uint8Array>): void;
  /** Takes a file that another thread has already written under `root`. */
  adopt(record: ArtifactRecord): void;
  /** Takes a file kept by the incremental-compile cache: an immutable, verified file on disk. */
  addCached(record: ArtifactRecord, blob: string): void;
  /** The folder other threads may write files into, or null when the sink is not on disk. */
  readonly root: string | null;
  /** Every file taken so far, in the order taken. */
  readonly records: readonly ArtifactRecord[];
}

/** Checks paths and duplicates once for every kind of sink. */
export class ArtifactPaths {
  private readonly seen = new Set<string>();

  constructor(private readonly bag: DiagnosticBag) {}

  /** True when the file may be written; otherwise the problem is reported. */
  accept(path: string): boolean {
    if (!isSafeArtifactPath(path)) {
      this.bag.report('GeneratorFailed', { path }, ['writer', `unsafe artifact path '${path}'`]);
      return false;
    }
    if (this.seen.has(path)) {
      this.bag.report('DuplicateArtifact', { path }, [path]);
      return false;
    }
    this.seen.add(path);
    return true;
  }
}

/** Every file in memory, for comparing two compiles without writing either. */
export class MemorySink implements ArtifactSink {
  readonly root = null;
  readonly files: GeneratedFile[] = [];
  readonly records: ArtifactRecord[] = [];
  private readonly paths: ArtifactPaths;

  constructor(bag: DiagnosticBag) {
    this.paths = new ArtifactPaths(bag);
  }

  add(file: GeneratedFile): void {
    if (!this.paths.accept(file.path)) return;
    this.files.push(file);
    this.records.push(recordOf(file));
  }

  addChunks(path: string, chunks: Iterable<Uint8Array>): void {
    this.add({ path, content: Buffer.concat([...chunks]) });
  }

  adopt(record: ArtifactRecord): void {
    throw new Error(`an in-memory compile cannot take ${record.path} from another thread`);
  }

  addCached(record: ArtifactRecord, blob: string): void {
    this.add({ path: record.path, content: new Uint8Array(readFileSync(blob)), ...(record.site !== undefined ? { site: record.site } : {}) });
  }
}
