// Which sites a compile generates: all, one (--site), or a stable shard (--shard i/n) so that
// parallel CI jobs split a fleet and the union of all shards is the full compile.
import { createHash } from 'node:crypto';

export interface Shard { readonly index: number; readonly count: number }

/** Parses `i/n` (1-based). */
export function parseShard(text: string): Shard | null {
  const m = /^([0-9]+)\/([0-9]+)$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : null;
}

/** A site's shard depends only on its id, so adding a site never moves the others. */
export function shardOf(siteId: string, count: number): number {
  return (createHash('sha256').update(siteId).digest().readUInt32BE(0) % count) + 1;
}

export function selectSites(allSites: readonly string[], opts: { site?: readonly string[]; shard?: Shard }): Set<string> {
  let chosen = [...allSites];
  if (opts.site && opts.site.length > 0) chosen = chosen.filter((s) => opts.site!.includes(s));
  if (opts.shard) chosen = chosen.filter((s) => shardOf(s, opts.shard!.count) === opts.shard!.index);
  return new Set(chosen);
}
