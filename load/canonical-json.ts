/**
 * JSON with object keys sorted at every level: the same data always gives the same bytes.
 * With `indent`, the first `lineDepth` levels are indented and anything deeper is written on
 * one line: a large report then has one line per entry (one verdict, one finding), which keeps
 * line diffs meaningful at a fraction of the size of indenting everything.
 */
export function canonicalJson(value: unknown, indent = 0, lineDepth = Infinity): string {
  if (!indent) return JSON.stringify(sortKeys(value));
  if (lineDepth === Infinity) return JSON.stringify(sortKeys(value), null, indent);
  const parts: string[] = [];
  write(sortKeys(value), 0, ' '.repeat(indent), lineDepth, parts);
  return parts.join('');
}

/**
 * The same text as `canonicalJson(value, indent, lineDepth)`, as UTF-8 bytes assembled in
 * chunks: a 10,000-site analysis is longer than the longest string JavaScript can hold.
 */
export function canonicalJsonBytes(value: unknown, indent: number, lineDepth: number): Buffer {
  const parts: string[] = [];
  write(sortKeys(value), 0, ' '.repeat(indent), lineDepth, parts);
  const chunks: Buffer[] = [];
  const CHUNK = 1 << 16;
  for (let i = 0; i < parts.length; i += CHUNK) chunks.push(Buffer.from(parts.slice(i, i + CHUNK).join(''), 'utf8'));
  return Buffer.concat(chunks);
}

function write(v: unknown, depth: number, unit: string, lineDepth: number, out: string[]): void {
  if (depth >= lineDepth || v === null || typeof v !== 'object') {
    out.push(JSON.stringify(v) ?? 'null');
    return;
  }
  const pad = unit.repeat(depth + 1);
  const close = unit.repeat(depth);
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push('[]');
    out.push('[\n');
    v.forEach((item, i) => {
      out.push(pad);
      write(item, depth + 1, unit, lineDepth, out);
      out.push(i < v.length - 1 ? ',\n' : '\n');
    });
    out.push(close, ']');
    return;
  }
  const keys = Object.keys(v as object);
  if (keys.length === 0) return void out.push('{}');
  out.push('{\n');
  keys.forEach((k, i) => {
    out.push(pad, JSON.stringify(k), ': ');
    write((v as Record<string, unknown>)[k], depth + 1, unit, lineDepth, out);
    out.push(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.push(close, '}');
}

export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
