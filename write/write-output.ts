// write: the only phase that touches the output directory. Files go into a sibling staging
// directory as they are made; commit() swaps it in with renames, so a failed compile (or a crash
// half way) leaves the previous output byte for byte as it was.
import { closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { DiagnosticBag } from '../diagnostics/index.js';
import type { GeneratedFile } from '../generators/types.js';
import { writeArtifact, type ArtifactRecord } from './artifact.js';
import { MANIFEST, manifestOf } from './manifest.js';
import { ArtifactPaths, type ArtifactSink } from './sink.js';

function isPreviousRbcOutput(dir: string): boolean {
  const entries = readdirSync(dir);
  if (entries.length === 0) return true;
  try {
    const m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { generator?: string };
    return m.generator === 'rbc';
  } catch {
    return false;
  }
}

/** A new output being written next to the old one; nothing is visible until commit(). */
export class OutputStaging implements ArtifactSink {
  readonly records: ArtifactRecord[] = [];
  private readonly madeDirs = new Set<string>();
  private readonly paths: ArtifactPaths;
  private failed = false;
  private linksWork = true;

  private constructor(
    private readonly outDir: string,
    private readonly target: string,
    readonly root: string,
    private readonly bag: DiagnosticBag,
  ) {
    this.paths = new ArtifactPaths(bag);
  }

  /** Creates the staging directory, or reports why the output cannot be written (null). */
  static open(outDir: string, bag: DiagnosticBag): OutputStaging | null {
    const target = resolve(outDir);
    if (existsSync(target) && !isPreviousRbcOutput(target)) {
      bag.report('OutputNotRbc', { file: outDir }, [outDir]);
      return null;
    }
    const root = join(dirname(target), `.${basename(target)}.rbc-staging-${process.pid}`);
    try {
      mkdirSync(dirname(target), { recursive: true });
      rmSync(root, { recursive: true, force: true });
      mkdirSync(root);
    } catch (e) {
      bag.report('OutputNotWritable', { file: outDir }, [outDir, (e as Error).message]);
      return null;
    }
    return new OutputStaging(outDir, target, root, bag);
  }

  /** Runs a write; the first failure is reported once and fails the compile. */
  private guard(fn: () => void): void {
    if (this.failed) return;
    try {
      fn();
    } catch (e) {
      this.failed = true;
      this.bag.report('OutputNotWritable', { file: this.outDir }, [this.outDir, (e as Error).message]);
    }
  }

  private folderOf(path: string): string {
    const full = join(this.root, path);
    const dir = dirname(full);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    return full;
  }

  add(file: GeneratedFile): void {
    if (!this.paths.accept(file.path)) return;
    this.guard(() => this.records.push(writeArtifact(this.root, file, this.madeDirs)));
  }

  addChunks(path: string, chunks: Iterable<Uint8Array>): void {
    if (!this.paths.accept(path)) return;
    this.guard(() => {
      const fd = openSync(this.folderOf(path), 'w');
      const hash = createHash('sha256');
      let bytes = 0;
      try {
        for (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.byteLength;
          for (let off = 0; off < chunk.byteLength; ) off += writeSync(fd, chunk, off);
        }
      } finally {
        closeSync(fd);
      }
      this.records.push({ path, sha256: hash.digest('hex'), bytes });
    });
  }

  adopt(record: ArtifactRecord): void {
    if (!this.paths.accept(record.path)) return;
    this.records.push(record);
  }

  /** A cached file is hard-linked (copied where links do not work): no bytes are rewritten. */
  addCached(record: ArtifactRecord, blob: string): void {
    if (!this.paths.accept(record.path)) return;
    this.guard(() => {
      const full = this.folderOf(record.path);
      if (this.linksWork) {
        try {
          linkSync(blob, full);
          this.records.push(record);
          return;
        } catch {
          this.linksWork = false;
        }
      }
      copyFileSync(blob, full);
      this.records.push(record);
    });
  }

  /** The full path of a staged file, for the cache to keep. */
  pathOf(record: ArtifactRecord): string {
    return join(this.root, record.path);
  }

  /** Writes the manifest and swaps the staging directory in; false (reported) on failure. */
  commit(rbcVersion: string, inputHash: string): boolean {
    if (this.failed || this.bag.hasErrors) {
      this.abort();
      return false;
    }
    const manifest = manifestOf(this.records, rbcVersion, inputHash);
    this.add(manifest);
    if (this.failed) {
      this.abort();
      return false;
    }
    const retired = join(dirname(this.target), `.${basename(this.target)}.rbc-previous-${process.pid}`);
    try {
      if (existsSync(this.target)) renameSync(this.target, retired);
      try {
        renameSync(this.root, this.target);
      } catch (e) {
        if (existsSync(retired)) renameSync(retired, this.target);
        throw e;
      }
      rmSync(retired, { recursive: true, force: true });
      return true;
    } catch (e) {
      this.abort();
      this.bag.report('OutputNotWritable', { file: this.outDir }, [this.outDir, (e as Error).message]);
      return false;
    }
  }

  /** Removes the staging directory; the previous output stays as it was. */
  abort(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Writes files held in memory, then their manifest, atomically; the previous output survives any error. */
export function writeOutputAtomically(outDir: string, files: readonly GeneratedFile[], bag: DiagnosticBag, rbcVersion: string, inputHash: string): boolean {
  const staging = OutputStaging.open(outDir, bag);
  if (!staging) return false;
  for (const f of files) staging.add(f);
  return staging.commit(rbcVersion, inputHash);
}
