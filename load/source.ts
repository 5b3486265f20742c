// Reading a blueprint file: size limit, UTF-8 check and the YAML document with positions.
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, isAlias, type Document, type Node } from 'yaml';
import { DiagnosticBag, type Location } from '../diagnostics/index.js';

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const posOf = (offset: number): Location => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
      bag.report(isJson ? 'JsonSyntax' : 'YamlSyntax', posOf(err.pos[0]), [msg]);
    }
    return { source: null, value: undefined, bytes };
  }
  const tooDeep = findTooDeep(doc);
  if (tooDeep !== null) {
    bag.report('TooDeep', posOf(tooDeep), [MAX_DEPTH]);
    return { source: null, value: undefined, bytes };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = String((e as Error).message);
    if (/alias/i.test(msg)) bag.report('TooManyAliases', { file, line: 1, column: 1 }, [`more than ${MAX_ALIAS_COUNT}`]);
    else bag.report('YamlSyntax', { file, line: 1, column: 1 }, [msg.replace(/\.$/, '')]);
    return { source: null, value: undefined, bytes };
  }
  const positions = indexPositions(doc);
  const locate = (requested: string): Location => {
    let pointer = requested;
    // Walk up to the nearest pointer that exists in the file (defaults have no position).
    // `#key` asks for the key itself (an unknown key); otherwise a scalar's value is preferred.
    const wantKey = pointer.endsWith('#key');
    if (wantKey) pointer = pointer.slice(0, -4);
    const exact = wantKey ? undefined : positions.get(`${pointer}#value`);
    if (exact !== undefined) return posOf(exact);
    let p = pointer;
    for (;;) {
      const off = positions.get(p);
      if (off !== undefined) return posOf(off);
      if (p === '') return { file, line: 1, column: 1 };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  };
  return { source: { file, text, locate }, value, bytes };
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

/** Iteratively finds a node nested deeper than MAX_DEPTH (recursion would overflow first). */
function findTooDeep(doc: Document): number | null {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_DEPTH) return (node as Node).range?.[0] ?? 0;
      for (const item of node.items) {
        if (isPair(item)) stack.push({ node: item.value, depth: depth + 1 });
        else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** JSON pointer to source offset, for every map key and sequence item. */
function indexPositions(doc: Document): Map<string, number> {
  const map = new Map<string, number>();
  const stack: { node: unknown; pointer: string }[] = [{ node: doc.contents, pointer: '' }];
  if (doc.contents && (doc.contents as Node).range) map.set('', (doc.contents as Node).range![0]);
  while (stack.length) {
    const { node, pointer } = stack.pop()!;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const p = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) map.set(p, keyNode.range[0]);
        if (isScalar(pair.value) && pair.value.range) map.set(`${p}#value`, pair.value.range[0]);
        if (pair.value && !isAlias(pair.value)) stack.push({ node: pair.value, pointer: p });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = `${pointer}/${i}`;
        const r = (item as Node | null)?.range;
        if (r) map.set(p, r[0]);
        if (!isAlias(item)) stack.push({ node: item, pointer: p });
      });
    }
  }
  return map;
}
