// The incremental-compile cache: per site, the files it produced, keyed by the hash of
// everything those files depend on (see site-slice.ts). An entry is used only when its key,
// format and every file's sha256 check out; anything else is ignored and rewritten.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedFile } from '../generators/types.js';

const FORMAT = 'rbc-site-cache-1';

interface Entry {
  readonly format: string;
  readonly key: string;
  readonly site: string;
  readonly files: readonly { path: string; sha256: string; utf8?: string; base64?: string }[];
}

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');

export class SiteCache {
  hits = 0;
  misses = 0;
  rejected = 0;

  constructor(private readonly dir: string) {}

  private entryPath(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached files of a site, or null when absent, foreign or corrupt. */
  get(site: string, key: string): GeneratedFile[] | null {
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
      const files = e.files.map((f): GeneratedFile => {
        const content = typeof f.utf8 === 'string' ? f.utf8 : typeof f.base64 === 'string' ? new Uint8Array(Buffer.from(f.base64, 'base64')) : null;
        if (content === null || typeof f.path !== 'string' || sha256(content) !== f.sha256) throw new Error('corrupt file');
        return { path: f.path, content, site };
      });
      this.hits++;
      return files;
    } catch {
      this.rejected++;
      return null;
    }
  }

  put(site: string, key: string, files: readonly GeneratedFile[]): void {
    const entry: Entry = {
      format: FORMAT,
      key,
      site,
      files: [...files]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((f) => ({ path: f.path, sha256: sha256(f.content), ...(typeof f.content === 'string' ? { utf8: f.content } : { base64: Buffer.from(f.content).toString('base64') }) })),
    };
    const target = this.entryPath(key);
    try {
      mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, target);
    } catch {
      // A cache that cannot be written only costs speed next time.
    }
  }
}
