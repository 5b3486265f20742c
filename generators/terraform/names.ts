// Names: Terraform stack names and logical ids (stable, derived only from blueprint ids, never
// from positions or hashes of construct paths), and AWS resource names within AWS length limits.

/** 32-bit FNV-1a, for short deterministic suffixes and derived numbers. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * An AWS resource name from parts joined by `-`; when it exceeds `max` characters it is cut and
 * ends in 8 hex digits of a hash of the full name, so it stays unique and stable.
 */
export function awsName(max: number, ...parts: string[]): string {
  const full = parts.filter((p) => p.length > 0).join('-');
  if (full.length <= max) return full;
  const hash = fnv1a(full).toString(16).padStart(8, '0');
  return `${full.slice(0, max - 9).replace(/[-.]+$/, '')}-${hash}`;
}

/** A Terraform logical id: parts joined by `_` (blueprint ids never contain `_`). */
export function lid(...parts: string[]): string {
  const id = parts.join('_').replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `r_${id}`;
}

export const SHARED_STACK = 'shared';
export const regionStackName = (region: string) => `cloud-${region}`;
export const siteStackName = (site: string) => `site-${site}`;
export const trunkStackName = (trunk: string) => `trunk-${trunk}`;
