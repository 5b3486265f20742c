// write: the only phase that touches the output directory. It builds the new output in a
// sibling temporary directory and swaps it in with renames, so a failed compile (or a crash
// half way) leaves the previous output byte for byte as it was.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DiagnosticBag } from '../diagnostics/index.js';
import type { GeneratedFile } from '../generators/types.js';
import { MANIFEST } from './manifest.js';
import { isSafeArtifactPath } from './paths.js';

/** Checks the artifact list: safe paths, no path written twice. */
export function checkArtifacts(files: readonly GeneratedFile[], bag: DiagnosticBag): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (!isSafeArtifactPath(f.path)) bag.report('GeneratorFailed', { path: f.path }, ['writer', `unsafe artifact path '${f.path}'`]);
    if (seen.has(f.path)) bag.report('DuplicateArtifact', { path: f.path }, [f.path]);
    seen.add(f.path);
  }
}

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

/** Writes all files into `outDir` atomically; on any error the previous `outDir` is intact. */
export function writeOutputAtomically(outDir: string, files: readonly GeneratedFile[], bag: DiagnosticBag): boolean {
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  if (existsSync(target) && !isPreviousRbcOutput(target)) {
    bag.report('OutputNotRbc', { file: outDir }, [outDir]);
    return false;
  }
  const staging = join(parent, `.${name}.rbc-staging-${process.pid}`);
  const retired = join(parent, `.${name}.rbc-previous-${process.pid}`);
  try {
    mkdirSync(parent, { recursive: true });
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    const dirs = new Set<string>();
    for (const f of files) {
      const full = join(staging, f.path);
      const d = dirname(full);
      if (!dirs.has(d)) {
        mkdirSync(d, { recursive: true });
        dirs.add(d);
      }
      writeFileSync(full, f.content);
    }
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    bag.report('OutputNotWritable', { file: outDir }, [outDir, (e as Error).message]);
    return false;
  }
  try {
    if (existsSync(target)) renameSync(target, retired);
    try {
      renameSync(staging, target);
    } catch (e) {
      if (existsSync(retired)) renameSync(retired, target);
      throw e;
    }
    rmSync(retired, { recursive: true, force: true });
    return true;
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    bag.report('OutputNotWritable', { file: outDir }, [outDir, (e as Error).message]);
    return false;
  }
}
