import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, canonicalJsonBytes, canonicalJsonChunks, sortKeys } from '../../load/canonical-json.js';

/**
 * The serializer as it was defined before it wrote in one pass: a sorted copy handed to
 * JSON.stringify, with the levels from `lineDepth` on written by JSON.stringify on one line.
 * Reports written before must keep their bytes.
 */
function reference(value: unknown, indent = 0, lineDepth = Infinity): string {
  if (!indent) return JSON.stringify(sortKeys(value));
  if (lineDepth === Infinity) return JSON.stringify(sortKeys(value), null, indent);
  const parts: string[] = [];
  referenceWrite(sortKeys(value), 0, ' '.repeat(indent), lineDepth, parts);
  return parts.join('');
}

function referenceWrite(v: unknown, depth: number, unit: string, lineDepth: number, out: string[]): void {
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
      referenceWrite(item, depth + 1, unit, lineDepth, out);
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
    referenceWrite((v as Record<string, unknown>)[k], depth + 1, unit, lineDepth, out);
    out.push(i < keys.length - 1 ? ',\n' : '\n');
  });
  out.push(close, '}');
}

const LAYOUTS: readonly [indent: number, lineDepth: number][] = [
  [0, Infinity],
  [0, 2],
  [2, 1],
  [2, 2],
  [2, Infinity],
];

function expectSameText(value: unknown, expected: (indent: number, lineDepth: number) => string): void {
  for (const [indent, lineDepth] of LAYOUTS) {
    const text = expected(indent, lineDepth);
    expect(canonicalJson(value, indent, lineDepth)).toBe(text);
    expect(canonicalJsonBytes(value, indent, lineDepth).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(Buffer.concat([...canonicalJsonChunks(value, indent, lineDepth)]).equals(Buffer.from(text, 'utf8'))).toBe(true);
  }
}

/** Characters JSON.stringify escapes (lone surrogates too) or that are not ASCII. */
const special = fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', 'ä', '\u2028', '\ud800', '\udc00', '\ud83d\ude80');
/** Mixed, and one alone in a short or long run of plain ones, where it is easily missed. */
const tricky = fc.oneof(
  fc.string({ unit: fc.oneof(special, fc.constantFrom('a', ' ')), maxLength: 40 }),
  fc.tuple(fc.nat(40), special, fc.nat(40)).map(([before, c, after]) => 'a'.repeat(before) + c + 'b'.repeat(after)),
);

/** Keys the engine orders in its own way (integer keys, "__proto__") come up often. */
const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.constantFrom('0', '1', '10', '2', '-1', '01', '1.5', '4294967294', '4294967295', '__proto__', 'a', 'b', 'a\u0000b', ''),
  tricky,
);

/** What reports hold: JSON data, with the values JSON.stringify writes its own way. */
const { data } = fc.letrec((tie) => ({
  data: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary', minLength: 32, maxLength: 80 }),
    tricky,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('data')),
    fc.dictionary(key, tie('data')),
  ),
}));

/**
 * Everything else JSON.stringify accepts, which it writes, drops or calls. Not under "__proto__":
 * the sorted copy takes that member for its prototype, and a toJSON there would be called.
 */
const { anything } = fc.letrec((tie) => ({
  anything: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    data,
    fc.sparseArray(tie('anything')),
    fc.dictionary(
      key.filter((k) => k !== '__proto__'),
      tie('anything'),
    ),
    fc.constantFrom(Symbol('s'), () => 1, new Map([[1, 2]]), new Date(0), Object(1), Object('ab'), Object(false)),
    tie('anything').map((result) => ({ b: 1, toJSON: () => result })),
    fc.constant({ a: 1, toJSON: (k: string) => `key ${k}` }),
    fc.constant({ toJSON: () => undefined }),
    fc.constant({ toJSON: 'not a function' }),
  ),
}));

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('indents only the first levels when asked, one entry per line below', () => {
    const text = canonicalJson({ matrix: [{ site: 'b', ok: true }, { site: 'a', ok: false }], version: 1 }, 2, 2);
    expect(text).toBe('{\n  "matrix": [\n    {"ok":true,"site":"b"},\n    {"ok":false,"site":"a"}\n  ],\n  "version": 1\n}');
  });

  it('always parses back to the same data, whatever the depth limit', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (value, depth) => {
        const expected = JSON.parse(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value, 2, depth))).toEqual(expected);
        expect(canonicalJson(value, 2)).toBe(JSON.stringify(JSON.parse(canonicalJson(value)), null, 2));
        expect(canonicalJsonBytes(value, 2, depth).toString('utf8')).toBe(canonicalJson(value, 2, depth));
      }),
    );
  });

  it('writes JSON data byte for byte as before, in every layout', () => {
    fc.assert(
      fc.property(data, (value) => {
        fc.pre(value !== undefined);
        expectSameText(value, (indent, lineDepth) => reference(value, indent, lineDepth));
      }),
      { numRuns: 500 },
    );
  });

  it('writes what JSON.stringify writes of the sorted copy, whatever the value', () => {
    fc.assert(
      fc.property(anything, (value) => {
        expect(canonicalJson(value)).toBe(JSON.stringify(sortKeys(value)));
        expect(canonicalJson(value, 2)).toBe(JSON.stringify(sortKeys(value), null, 2));
        const compact = canonicalJson(value);
        if (compact === undefined) return;
        // Below lineDepth the layout changes, never the data.
        for (const lineDepth of [1, 2]) {
          expect(JSON.stringify(JSON.parse(canonicalJson(value, 2, lineDepth)))).toBe(JSON.stringify(JSON.parse(compact)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('orders keys as the sorted copy always did: integer keys first, "__proto__" left out', () => {
    const value = JSON.parse('{"b":1,"10":2,"2":3,"a":4,"__proto__":{"x":1},"01":5}');
    expectSameText(value, (indent, lineDepth) => reference(value, indent, lineDepth));
    expect(canonicalJson(value)).toBe('{"2":3,"10":2,"01":5,"a":4,"b":1}');
  });

  it('tells apart key lists that join to the same text', () => {
    const value = [{ 'a\u0000b': 1, c: 2 }, { a: 1, 'b\u0000c': 2 }, { a: 1, b: 2, c: 3 }, { c: 3, b: 2, a: 1 }, { 'a\u0000b\u0000c': 0 }];
    expectSameText(value, (indent, lineDepth) => reference(value, indent, lineDepth));
  });

  it('keeps its output right past the limits of its shape cache', () => {
    // Tens of thousands of keys in shapes seen once, and shapes too large to keep.
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${(i * 37) % 100}`, i]));
    const many = Array.from({ length: 1_500 }, (_, i) =>
      Object.fromEntries(Array.from({ length: 50 }, (_, k) => [`k${(k * 7) % 50}-${i}`, k || i % 100 ? k : wide])),
    );
    for (let pass = 0; pass < 2; pass++) {
      expect(canonicalJson({ many, wide })).toBe(reference({ many, wide }));
      expect(canonicalJson({ many, wide }, 2, 2)).toBe(reference({ many, wide }, 2, 2));
    }
  });

  it('gives no text for a value JSON has none for, as JSON.stringify does', () => {
    for (const value of [undefined, () => 1, Symbol('s'), { toJSON: () => undefined }]) {
      expect(canonicalJson(value)).toBeUndefined();
      expect(canonicalJson(value, 2, 1)).toBeUndefined();
      expect([...canonicalJsonChunks(value, 2, 2)]).toEqual([]);
    }
  });

  it('fails where JSON.stringify fails, rather than writing forever', () => {
    const loop: Record<string, unknown> = { a: [1] };
    (loop.a as unknown[]).push(loop);
    expect(() => canonicalJson(loop)).toThrow(TypeError);
    expect(() => [...canonicalJsonChunks(loop, 2, 2)]).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    // The same object twice is no cycle.
    const shared = { x: 1 };
    expect(canonicalJson([shared, { shared }])).toBe('[{"x":1},{"shared":{"x":1}}]');
  });

  it('streams a large text in chunks of about a megabyte, split between characters', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ site: `Zürich ${i} 🚀`, n: i, tags: ['ä', 'b\n', i % 7 ? 'x' : '\ud800'] }));
    const value = { rows, version: 1 };
    const chunks = [...canonicalJsonChunks(value, 2, 2)];
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThan(1 << 19);
      expect(chunk.length).toBeLessThanOrEqual(1 << 20);
      // Each chunk decodes on its own: no character is cut in two.
      expect(Buffer.from(chunk.toString('utf8'), 'utf8').equals(chunk)).toBe(true);
    }
    const text = reference(value, 2, 2);
    expect(Buffer.concat(chunks).equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(canonicalJson(value, 2, 2)).toBe(text);
    expect(canonicalJson(value)).toBe(reference(value));
  });

  it('writes deeply nested values without running out of stack', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? [deep] : { d: deep };
    const text = canonicalJson(deep, 2, 3);
    expect(text.startsWith('[\n  {\n    "d": [\n      {"d":[{"d":')).toBe(true);
    expect(text.length).toBeGreaterThan(300_000);
    let indented: unknown = { b: 1, a: 'end' };
    for (let i = 0; i < 150; i++) indented = i % 2 ? [indented, i] : { z: indented, y: [i] };
    expectSameText(indented, (indent, lineDepth) => reference(indented, indent, lineDepth));
  });
});
