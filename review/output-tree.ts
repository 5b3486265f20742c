// One side of a review as files in memory: read from an output directory that `rbc compile`
// wrote, or taken from a compile that ran in memory. The review never compiles anything itself.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SideSummary } from './types.js';
import { ReviewInputError } from './input-error.js';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestInfo {
  readonly rbcVersion: string | null;
  readonly inputHash: string | null;
  readonly artifacts: ReadonlyMap<string, string>;
}

export interface OutputTree {
  readonly side: SideSummary;
  /** Every artifact but the manifest, by relative path (forward slashes). */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly manifest: ManifestInfo | null;
  /** Remarks about this side, e.g. artifacts that differ from the manifest. */
  readonly notes: readonly string[];
}

/** An in-memory artifact, as the compile pipeline returns it. */
export interface ArtifactLike {
  readonly path: string;
  readonly content: string | Uint8Array;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Whether `dir` looks like an rbc output directory (a manifest written by rbc). */
export function isRbcOutputDir(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
    const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { generator?: unknown };
    return m.generator === 'rbc';
  } catch {
    return false;
  }
}

function parseManifest(text: string, label: string): ManifestInfo {
  let raw: { generator?: unknown; rbcVersion?: unknown; inputHash?: unknown; artifacts?: unknown };
  try {
    raw = JSON.parse(text) as typeof raw;
  } catch (e) {
    throw new ReviewInputError('DiffOutputCorrupt', [label, `${MANIFEST_FILE} is not JSON (${(e as Error).message})`]);
  }
  if (raw.generator !== 'rbc' || !Array.isArray(raw.artifacts)) {
    throw new ReviewInputError('DiffOutputCorrupt', [label, `${MANIFEST_FILE} was not written by rbc`]);
  }
  const artifacts = new Map<string, string>();
  for (const a of raw.artifacts as { path?: unknown; sha256?: unknown }[]) {
    if (typeof a?.path === 'string' && typeof a.sha256 === 'string') artifacts.set(a.path, a.sha256);
  }
  return {
    rbcVersion: typeof raw.rbcVersion === 'string' ? raw.rbcVersion : null,
    inputHash: typeof raw.inputHash === 'string' ? raw.inputHash : null,
    artifacts,
  };
}

function walk(root: string, rel: string, out: Map<string, Buffer>): void {
  const names = readdirSync(join(root, rel)).sort();
  for (const name of names) {
    const relPath = rel ? `${rel}/${name}` : name;
    const full = join(root, relPath);
    const st = lstatSync(full);
    if (st.isSymbolicLink()) continue; // rbc never writes links; following one could leave the directory
    if (st.isDirectory()) walk(root, relPath, out);
    else if (st.isFile()) out.set(relPath, readFileSync(full));
  }
}

/** Reads an output directory; throws ReviewInputError when it is not one. */
export function readOutputDir(dir: string, label = dir): OutputTree {
  if (!existsSync(dir)) throw new ReviewInputError('DiffSideMissing', [label, 'no such file or directory']);
  if (!isRbcOutputDir(dir)) throw new ReviewInputError('DiffSideUnknown', [label]);
  const files = new Map<string, Buffer>();
  try {
    walk(dir, '', files);
  } catch (e) {
    throw new ReviewInputError('DiffOutputCorrupt', [label, (e as Error).message]);
  }
  const manifest = parseManifest(files.get(MANIFEST_FILE)!.toString('utf8'), label);
  files.delete(MANIFEST_FILE);
  const notes = manifestMismatches(files, manifest).map((m) => `${label}: ${m}`);
  return {
    side: { label, kind: 'output', rbcVersion: manifest.rbcVersion, inputHash: manifest.inputHash },
    files,
    manifest,
    notes,
  };
}

/** What differs between the files on disk and what the manifest says rbc wrote. */
export function manifestMismatches(files: ReadonlyMap<string, Buffer>, manifest: ManifestInfo): string[] {
  const edited: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [path, hash] of manifest.artifacts) {
    const f = files.get(path);
    if (!f) missing.push(path);
    else if (sha256(f) !== hash) edited.push(path);
  }
  for (const path of files.keys()) if (!manifest.artifacts.has(path)) extra.push(path);
  const list = (xs: string[]) => (xs.length <= 3 ? xs.join(', ') : `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more`);
  const out: string[] = [];
  if (edited.length) out.push(`${edited.length} file(s) changed after rbc wrote them (${list(edited.sort())})`);
  if (missing.length) out.push(`${missing.length} file(s) listed in the manifest are missing (${list(missing.sort())})`);
  if (extra.length) out.push(`${extra.length} file(s) not written by rbc (${list(extra.sort())})`);
  return out;
}

/** A side compiled in memory: the artifacts the pipeline returned. */
export function treeFromArtifacts(label: string, artifacts: readonly ArtifactLike[]): OutputTree {
  const files = new Map<string, Buffer>();
  let manifest: ManifestInfo | null = null;
  for (const a of artifacts) {
    const buf = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : Buffer.from(a.content);
    if (a.path === MANIFEST_FILE) manifest = parseManifest(buf.toString('utf8'), label);
    else files.set(a.path, buf);
  }
  return {
    side: { label, kind: 'blueprint', rbcVersion: manifest?.rbcVersion ?? null, inputHash: manifest?.inputHash ?? null },
    files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    manifest,
    notes: [],
  };
}

/** Nothing: the old side of a blueprint that is new in this change. */
export function emptyTree(label: string): OutputTree {
  return { side: { label, kind: 'empty', rbcVersion: null, inputHash: null }, files: new Map(), manifest: null, notes: [] };
}
