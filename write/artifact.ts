// What the manifest and the incremental-compile cache keep of a generated file once it is on
// disk: its path, hash and size, not its content.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from '../generators/types.js';

export interface ArtifactRecord {
  /** Path relative to the output directory, with forward slashes. */
  readonly path: string;
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
  /** The site the file belongs to; absent for deployment-wide files. */
  readonly site?: string;
}

export function sha256Of(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

export function byteLength(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
}

export function recordOf(file: GeneratedFile): ArtifactRecord {
  const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  return { path: file.path, sha256: sha256Of(bytes), bytes: bytes.byteLength, ...(file.site !== undefined ? { site: file.site } : {}) };
}

/**
 * Writes one file under `root` (a staging directory) and returns its record. `madeDirs`
 * remembers the folders already created, so a fleet's thousands of files cost one mkdir per
 * folder, not per file. The caller has checked the path (isSafeArtifactPath).
 */
export function writeArtifact(root: string, file: GeneratedFile, madeDirs: Set<string>): ArtifactRecord {
  const full = join(root, file.path);
  const dir = dirname(full);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  // Encoded once: the same bytes are hashed and written.
  const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  writeFileSync(full, bytes);
  return { path: file.path, sha256: sha256Of(bytes), bytes: bytes.byteLength, ...(file.site !== undefined ? { site: file.site } : {}) };
}
