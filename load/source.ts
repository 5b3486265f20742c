// Reading a blueprint file: size limit, UTF-8 check and the YAML document with positions.
import { readFileSync, statSync } from 'node:fs';
import { DiagnosticBag, type Location } from '../diagnostics/index.js';
import { parseYamlWithPositions } from './yaml-positions.js';

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

export function readBlueprintFile(file: string, bag: DiagnosticBag, maxBytes = DEFAULT_MAX_BYTES): Buffer | null {
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      bag.report('FileTooLarge', { file, line: 1, column: 1 }, [size, maxBytes]);
      return null;
    }
    return readFileSync(file);
  } catch (e) {
    bag.report('FileNotFound', { file }, [file, (e as NodeJS.ErrnoException).code ?? String(e)]);
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
  let lines: number[] | null = null;
  const posOf = (offset: number): Location => {
    lines ??= lineStarts(text);
    const line = lineOf(lines, offset);
    return { file, line: line + 1, column: offset - lines[line]! + 1 };
  };
  const parsed = parseYamlWithPositions(text, { maxAliases: MAX_ALIAS_COUNT, maxDepth: MAX_DEPTH });
  if (!parsed.ok) {
    if (parsed.kind === 'too-deep') bag.report('TooDeep', posOf(parsed.offset), [MAX_DEPTH]);
    else if (parsed.kind === 'aliases') bag.report('TooManyAliases', posOf(parsed.offset), [parsed.message]);
    else bag.report(isJson ? 'JsonSyntax' : 'YamlSyntax', posOf(parsed.offset), [parsed.message.replace(/\.$/, '')]);
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

function firstInvalidUtf8(bytes: Buffer): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(0, i + 1), { stream: false });
    } catch {
      // the prefix may end inside a valid multi-byte character: only a hard failure 4 bytes on counts
      try {
        decoder.decode(bytes.subarray(0, Math.min(bytes.length, i + 4)));
      } catch {
        return { line, column: i - lineStart + 1 };
      }
    }
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    if (i > 4096) break;
  }
  return { line: 1, column: 1 };
}
