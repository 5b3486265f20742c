import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, canonicalJsonBytes } from '../../load/canonical-json.js';

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
});
