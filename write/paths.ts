/** An artifact path is relative, forward-slashed, and cannot leave the output directory. */
export function isSafeArtifactPath(p: string): boolean {
  if (p.length === 0 || p.length > 400) return false;
  if (p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg.length > 0 && seg !== '.' && seg !== '..' && /^[A-Za-z0-9._-]+$/.test(seg));
}
