import type { GeneratedFile } from '../generators/types.js';
import { canonicalJson } from '../load/canonical-json.js';
import { recordOf, type ArtifactRecord } from './artifact.js';

export const MANIFEST = 'manifest.json';

export interface ManifestArtifact { readonly path: string; readonly sha256: string; readonly bytes: number }
export interface Manifest {
  readonly generator: 'rbc';
  readonly rbcVersion: string;
  readonly inputHash: string;
  readonly artifacts: readonly ManifestArtifact[];
}

/** The manifest lists every artifact but itself, sorted by path. */
export function manifestOf(records: readonly ArtifactRecord[], rbcVersion: string, inputHash: string): GeneratedFile {
  const artifacts = records
    .map((r) => ({ path: r.path, sha256: r.sha256, bytes: r.bytes }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { generator: 'rbc', rbcVersion, inputHash, artifacts };
  return { path: MANIFEST, content: canonicalJson(manifest, 2) + '\n' };
}

/** The manifest of files held in memory. */
export function buildManifest(files: readonly GeneratedFile[], rbcVersion: string, inputHash: string): GeneratedFile {
  return manifestOf(files.map(recordOf), rbcVersion, inputHash);
}
