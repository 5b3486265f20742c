// The fast parser's positions must agree with a full YAML document model, key by key.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { parseYamlWithPositions } from '../../load/yaml-positions.js';
import { REPO } from '../support/compile.js';

function referencePositions(text: string): Map<string, { line: number; col: number }> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const out = new Map<string, { line: number; col: number }>();
  const walk = (node: unknown, pointer: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const p = `${pointer}/${String((pair.key as { value: unknown }).value).replace(/~/g, '~0').replace(/\//g, '~1')}`;
        out.set(p, lc.linePos((pair.key as Node).range![0]));
        if (isScalar(pair.value)) out.set(`${p}#value`, lc.linePos(pair.value.range![0]));
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        out.set(`${pointer}/${i}`, lc.linePos((item as Node).range![0]));
        walk(item, `${pointer}/${i}`);
      });
    }
  };
  walk(doc.contents, '');
  return out;
}

function ours(text: string): Map<string, { line: number; col: number }> {
  const r = parseYamlWithPositions(text, { maxAliases: 100, maxDepth: 64 });
  if (!r.ok) throw new Error(r.message);
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const pos = (o: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= o) line++;
    return { line: line + 1, col: o - starts[line]! + 1 };
  };
  const out = new Map<string, { line: number; col: number }>();
  for (const [p, o] of r.positions().nodes) if (p !== '') out.set(p, pos(o));
  for (const [p, o] of r.positions().values) out.set(`${p}#value`, pos(o));
  return out;
}

describe('source positions of the fast YAML parser', () => {
  const examples = readdirSync(`${REPO}blueprints`).filter((f) => /\.(ya?ml|json)$/.test(f));
  it.each(examples)('agree with a full document model for every key, item and value of %s', (name) => {
    const text = readFileSync(`${REPO}blueprints/${name}`, 'utf8');
    const expected = Object.fromEntries(referencePositions(text));
    const actual = Object.fromEntries(ours(text));
    expect(actual).toEqual(expected);
  });

  it('falls back to exact positions where a flow-mapping key has no value', () => {
    const text = 'a:\n  - { id: x, route: Front, Side Street }\n';
    expect(Object.fromEntries(ours(text))).toEqual(Object.fromEntries(referencePositions(text)));
  });

  it('handles flow mappings, quoted keys, empty values and comments', () => {
    const text = 'a: {b: 1, "c d": [x, y]}\n# note\ne:\nf:\n  - g: 2 # trailing\n    h: "v"\n  - [1, 2]\n';
    expect(Object.fromEntries(ours(text))).toEqual(Object.fromEntries(referencePositions(text)));
  });
});
