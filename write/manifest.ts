import { createHash } from 'node:crypto';
import type { GeneratedFile } from '../generators/types.js';
import { canonicalJson } from '../load/canonical-json.js';

export const MANIFEST = 'manifest.json';

export interface ManifestArtifact { readonly path: string; readonly sha256: string; readonly bytes: number }
export interface Manifest {
  readonly generator: 'rbc';
  readonly rbcVersion: string;
  readonly inputHash: string;
  readonly artifacts: readonly ManifestArtifact[];
}

export function sha256Of(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

/** The manifest lists every artifact but itself, sorted by path. */
export function buildManifest(files: readonly GeneratedFile[], rbcVersion: string, inputHash: string): GeneratedFile {
  const artifacts = files
    .map((f) => ({ path: f.path, sha256: sha256Of(f.content), bytes: byteLength(f.content) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { generator: 'rbc', rbcVersion, inputHash, artifacts };
  return { path: MANIFEST, content: canonicalJson(manifest, 2) + '\n' };
}
