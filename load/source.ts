// Reading a blueprint file: size limit, UTF-8 check and the YAML document with positions.
import { readFileSync, statSync } from 'node:fs';
import { DiagnosticBag, type Location } from '../diagnostics/index.js';
import { parseYamlWithPositions } from './yaml-positions.js';
import { findJsonSyntaxError } from './json-syntax.js';

/** Larger than a 10,000-site fleet blueprint, small enough to refuse a runaway file early. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const MAX_ALIAS_COUNT = 1000;
export const MAX_DEPTH = 64;

export interface SourceFile {
  readonly file: string;
  readonly text: string;
  /** Position of a JSON pointer: the key for an object member, the value otherwise. */
  readonly locate: (pointer: string) => Location;
}

export interface ParsedSource {
  readonly source: SourceFile | null;
  readonly value: unknown;
  readonly bytes: Buffer | null;
}

/** Reads the file, refusing it before reading when it is too large; `name` is how it is shown. */
export function readBlueprintFile(file: string, bag: DiagnosticBag, maxBytes = DEFAULT_MAX_BYTES, name = file): Buffer | null {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      bag.report('FileNotFound', { file: name }, [name, 'it is a directory']);
      return null;
    }
    if (stat.size > maxBytes) {
      bag.report('FileTooLarge', { file: name, line: 1, column: 1 }, [stat.size, maxBytes]);
      return null;
    }
    return readFileSync(file);
  } catch (e) {
    bag.report('FileNotFound', { file: name }, [name, (e as NodeJS.ErrnoException).code ?? String(e)]);
    return null;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses YAML or JSON text into a plain value, recording where every node stands. */
export function parseBlueprintText(file: string, bytes: Buffer, bag: DiagnosticBag): ParsedSource {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    bag.report('NotUtf8', { file, line: at.line, column: at.column });
    return { source: null, value: undefined, bytes };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const isJson = /\.json$/i.test(file);
  if (text.trim() === '') {
    bag.report('EmptyFile', { file, line: 1, column: 1 });
    return { source: null, value: undefined, bytes };
  }
  let lines: number[] | null = null;
  const posOf = (offset: number): Location => {
    lines ??= lineStarts(text);
    const line = lineOf(lines, offset);
    return { file, line: line + 1, column: offset - lines[line]! + 1 };
  };
  if (isJson) {
    // YAML would accept a .json file that no JSON tool reads (trailing comma, comment, ...).
    const err = findJsonSyntaxError(text);
    if (err) {
      bag.report('JsonSyntax', posOf(err.offset), [err.message]);
      return { source: null, value: undefined, bytes };
    }
  }
  const parsed = parseYamlWithPositions(text, { maxAliases: MAX_ALIAS_COUNT, maxDepth: MAX_DEPTH });
  if (!parsed.ok) {
    if (parsed.kind === 'too-deep') bag.report('TooDeep', posOf(parsed.offset), [MAX_DEPTH]);
    else if (parsed.kind === 'aliases') bag.report('TooManyAliases', posOf(parsed.offset), [parsed.message]);
    else bag.report(isJson ? 'JsonSyntax' : 'YamlSyntax', posOf(parsed.offset), [parsed.message.replace(/\.$/, '')]);
    return { source: null, value: undefined, bytes };
  }
  if (parsed.value === undefined || parsed.value === null) {
    // Only comments, `---` or `~`.
    bag.report('EmptyFile', { file, line: 1, column: 1 });
    return { source: null, value: undefined, bytes };
  }
  const locate = (requested: string): Location => {
    const { nodes, values } = parsed.positions();
    // `#key` asks for the key itself (an unknown key); otherwise a scalar's value is preferred.
    const wantKey = requested.endsWith('#key');
    const pointer = wantKey ? requested.slice(0, -4) : requested;
    const exact = wantKey ? undefined : values.get(pointer);
    if (exact !== undefined) return posOf(exact);
    // Walk up to the nearest pointer that exists in the file (defaults have no position).
    let p = pointer;
    for (;;) {
      const off = nodes.get(p);
      if (off !== undefined) return posOf(off);
      if (p === '') return { file, line: 1, column: 1 };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };
  return { source: { file, text, locate }, value: parsed.value, bytes };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Binary search: the 0-based line holding an offset. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Where the first byte sequence that is not UTF-8 starts, in one pass (RFC 3629 well-formed
 * sequences; overlong forms, surrogates and code points above U+10FFFF are rejected, exactly as
 * the fatal TextDecoder does). Columns count UTF-16 code units, like every other position.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number; offset: number } {
  let line = 1;
  let column = 1;
  const n = bytes.length;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < n && bytes[i]! >= lo && bytes[i]! <= hi;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b === 0xe0) len = cont(i + 1, 0xa0) && cont(i + 2) ? 3 : 0;
    else if (b === 0xed) len = cont(i + 1, 0x80, 0x9f) && cont(i + 2) ? 3 : 0;
    else if (b >= 0xe1 && b <= 0xef) len = cont(i + 1) && cont(i + 2) ? 3 : 0;
    else if (b === 0xf0) len = cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b >= 0xf1 && b <= 0xf3) len = cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    else if (b === 0xf4) len = cont(i + 1, 0x80, 0x8f) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    if (len === 0) return { line, column, offset: i };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column += len === 4 ? 2 : 1;
    i += len;
  }
  return { line: 1, column: 1, offset: 0 };
}
