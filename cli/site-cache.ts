// The incremental-compile cache: per site, the list of files it produced, keyed by the hash of
// everything those files depend on (see site-slice.ts); the files themselves are kept once each
// as content-addressed blobs, hard-linked into the output rather than rewritten.
//
// Trust: an entry is used only when its format, key and site match and every blob it names is
// there with the recorded size and modification time (what git's index trusts); a blob whose
// size or time differs is hashed again and used only if its sha256 still matches. Anything else
// (truncated JSON, a foreign entry, an edited or missing blob) is ignored and rewritten.
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ArtifactRecord } from '../write/artifact.js';

const FORMAT = 'rbc-site-cache-2';

interface EntryFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The blob's modification time when the entry was written, in ms. */
  readonly mtimeMs: number;
}

interface Entry {
  readonly format: string;
  readonly key: string;
  readonly site: string;
  readonly files: readonly EntryFile[];
}

/** A site's files as the cache holds them: records plus the blob each one is in. */
export interface CachedFile {
  readonly record: ArtifactRecord;
  readonly blob: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class SiteCache {
  hits = 0;
  misses = 0;
  rejected = 0;
  private linksWork = true;

  constructor(private readonly dir: string) {}

  private entryPath(key: string): string {
    return join(this.dir, 'entries', key.slice(0, 2), `${key}.json`);
  }

  private blobPath(sha: string): string {
    return join(this.dir, 'blobs', sha.slice(0, 2), sha);
  }

  /** The cached files of a site, or null when absent, foreign or corrupt. */
  get(site: string, key: string): CachedFile[] | null {
    let raw: string;
    try {
      raw = readFileSync(this.entryPath(key), 'utf8');
    } catch {
      this.misses++;
      return null;
    }
    try {
      const e = JSON.parse(raw) as Entry;
      if (e.format !== FORMAT || e.key !== key || e.site !== site || !Array.isArray(e.files)) throw new Error('foreign entry');
      const files = e.files.map((f): CachedFile => {
        if (typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !SHA256.test(f.sha256) || typeof f.bytes !== 'number') throw new Error('corrupt entry');
        const blob = this.blobPath(f.sha256);
        if (!this.intact(blob, f)) throw new Error('corrupt blob');
        return { record: { path: f.path, sha256: f.sha256, bytes: f.bytes, site }, blob };
      });
      this.hits++;
      return files;
    } catch {
      this.rejected++;
      return null;
    }
  }

  /** Size and time as recorded, or else the content still hashes to its name. */
  private intact(blob: string, f: EntryFile): boolean {
    let st;
    try {
      st = statSync(blob);
    } catch {
      return false;
    }
    if (st.size === f.bytes && st.mtimeMs === f.mtimeMs) return true;
    if (st.size !== f.bytes) return false;
    return createHash('sha256').update(readFileSync(blob)).digest('hex') === f.sha256;
  }

  /** Keeps a site's files (each `staged` on disk at the given path) under its key. */
  put(site: string, key: string, files: readonly { record: ArtifactRecord; staged: string }[]): void {
    try {
      const entryFiles: EntryFile[] = [];
      for (const { record, staged } of [...files].sort((a, b) => (a.record.path < b.record.path ? -1 : 1))) {
        const blob = this.keepBlob(record, staged);
        entryFiles.push({ path: record.path, sha256: record.sha256, bytes: record.bytes, mtimeMs: statSync(blob).mtimeMs });
      }
      const entry: Entry = { format: FORMAT, key, site, files: entryFiles };
      const target = this.entryPath(key);
      mkdirSync(join(this.dir, 'entries', key.slice(0, 2)), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, target);
    } catch {
      // A cache that cannot be written only costs speed next time.
    }
  }

  /** The blob of a file, made from the staged file unless an intact one is there already. */
  private keepBlob(record: ArtifactRecord, staged: string): string {
    const blob = this.blobPath(record.sha256);
    try {
      // An existing blob is reused only when its content is what its name says.
      if (statSync(blob).size === record.bytes && createHash('sha256').update(readFileSync(blob)).digest('hex') === record.sha256) return blob;
      rmSync(blob, { force: true });
    } catch {
      // not there yet
    }
    mkdirSync(join(this.dir, 'blobs', record.sha256.slice(0, 2)), { recursive: true });
    if (this.linksWork) {
      try {
        linkSync(staged, blob);
        return blob;
      } catch {
        // another file system: copy from now on
        this.linksWork = false;
      }
    }
    const tmp = `${blob}.${process.pid}.tmp`;
    copyFileSync(staged, tmp);
    renameSync(tmp, blob);
    return blob;
  }
}

/**
 * What, besides a site's slice, its files depend on: rbc's version, the generators whose files
 * are cached, the generators' own code and built-in templates (so a changed rbc never serves
 * stale files, even between releases), and the user's template folders.
 */
export function cacheSalt(rbcVersion: string, rbcRoot: string, generatorIds: readonly string[], templateDirs: Readonly<Record<string, string>> = {}): string {
  const h = createHash('sha256').update(`rbc ${rbcVersion}\0${generatorIds.join(',')}\0`);
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
  hashFolder('generators', join(rbcRoot, 'generators'));
  hashFolder('dist', join(rbcRoot, 'dist', 'generators'));
  for (const [kind, dir] of Object.entries(templateDirs).sort()) hashFolder(kind, dir);
  return h.digest('hex');
}
