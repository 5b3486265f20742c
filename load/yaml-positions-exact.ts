// Positions from a full YAML document model: slower, used only for the rare documents whose
// node events the fast path cannot pair up (a flow-mapping key without a value, merge keys).
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import type { Positions } from './yaml-positions.js';

// Loaded on first use: the document model is a large module that `rbc check` rarely needs.
const require = createRequire(import.meta.url);

export function exactPositions(text: string): Positions {
  const { LineCounter, parseDocument, isMap, isSeq, isScalar } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false });
  const out: Positions = { nodes: new Map(), values: new Map() };
  const root = doc.contents as Node | null;
  if (root?.range) out.nodes.set('', root.range[0]);
  const work: { node: unknown; pointer: string }[] = [{ node: root, pointer: '' }];
  while (work.length) {
    const { node, pointer } = work.pop()!;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const p = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const keyRange = (pair.key as Node | null)?.range;
        if (keyRange) out.nodes.set(p, keyRange[0]);
        if (isScalar(pair.value) && pair.value.range) out.values.set(p, pair.value.range[0]);
        work.push({ node: pair.value, pointer: p });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const r = (item as Node | null)?.range;
        if (r) out.nodes.set(`${pointer}/${i}`, r[0]);
        work.push({ node: item, pointer: `${pointer}/${i}` });
      });
    }
  }
  return out;
}
