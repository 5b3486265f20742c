// Fast YAML (and JSON) parsing with source positions. js-yaml parses a fleet blueprint about
// eight times faster than a full document model; its listener reports where every node starts,
// from which we rebuild the JSON pointer of every key, value and sequence item.
import jsYaml from 'js-yaml';
import { exactPositions } from './yaml-positions-exact.js';

export interface Positions {
  /** Offset of a map key (pointer of the member) or of a sequence item. */
  readonly nodes: Map<string, number>;
  /** Offset of a scalar value, keyed by its member's pointer. */
  readonly values: Map<string, number>;
}

export type YamlParse =
  | { readonly ok: true; readonly value: unknown; /** Built on first use: a clean load never needs it. */ readonly positions: () => Positions; readonly aliases: number }
  | { readonly ok: false; readonly kind: 'syntax' | 'too-deep' | 'aliases'; readonly message: string; readonly offset: number };

/** Expanded node count above which a document of aliases is refused (billion laughs). */
export const MAX_EXPANDED_NODES = 5_000_000;

/**
 * The composed nodes in document order, as flat arrays (a fleet blueprint has hundreds of
 * thousands of nodes; objects per node would cost more in garbage collection than parsing).
 */
class NodeTable {
  length = 0;
  starts = new Int32Array(1024);
  firstChild = new Int32Array(1024);
  nextSibling = new Int32Array(1024);
  lastChild = new Int32Array(1024);
  results: unknown[] = [];
  add(start: number, parent: number): number {
    const i = this.length++;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.firstChild[i] = -1;
    this.nextSibling[i] = -1;
    this.lastChild[i] = -1;
    if (parent >= 0) {
      const last = this.lastChild[parent]!;
      if (last < 0) this.firstChild[parent] = i;
      else this.nextSibling[last] = i;
      this.lastChild[parent] = i;
    }
    return i;
  }
  private grow(): void {
    const bigger = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.starts = bigger(this.starts);
    this.firstChild = bigger(this.firstChild);
    this.nextSibling = bigger(this.nextSibling);
    this.lastChild = bigger(this.lastChild);
  }
}

export function parseYamlWithPositions(text: string, limits: { maxAliases: number; maxDepth: number }): YamlParse {
  const table = new NodeTable();
  const open: number[] = [];
  const openedDeeper: boolean[] = [];
  let depth = 0;
  let tooDeepAt = -1;
  let value: unknown;
  // js-yaml recurses per level; its own limit (js-yaml >= 4.3, not yet in its typings) keeps a
  // hostile file from overflowing the stack. Set here rather than trusting the library's default.
  const depthLimit: { maxDepth: number } = { maxDepth: Math.max(100, limits.maxDepth + 2) };
  try {
    value = jsYaml.load(text, {
      ...depthLimit,
      schema: jsYaml.CORE_SCHEMA,
      json: false,
      listener(event, state) {
        if (event === 'open') {
          const parent = open.length ? open[open.length - 1]! : -1;
          // js-yaml opens some nodes twice at the same position (a flow collection at the root,
          // a block sequence entry); only an open at a new position is one level deeper.
          const deeper = parent < 0 || table.starts[parent] !== state.position;
          open.push(table.add(state.position, parent));
          openedDeeper.push(deeper);
          if (deeper) depth++;
          // The document itself is level 0.
          if (depth > limits.maxDepth + 1 && tooDeepAt < 0) tooDeepAt = state.position;
        } else {
          table.results[open.pop()!] = state.result;
          if (openedDeeper.pop()) depth--;
        }
      },
    });
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, kind: 'too-deep', message: 'nested too deeply', offset: Math.max(tooDeepAt, 0) };
    const err = e as { reason?: string; message?: string; mark?: { position?: number } };
    if (/nesting exceeded/.test(err.reason ?? '')) {
      return { ok: false, kind: 'too-deep', message: 'nested too deeply', offset: tooDeepAt >= 0 ? tooDeepAt : err.mark?.position ?? 0 };
    }
    return { ok: false, kind: 'syntax', message: err.reason ?? String(err.message).split('\n')[0]!, offset: err.mark?.position ?? 0 };
  }
  if (tooDeepAt >= 0) return { ok: false, kind: 'too-deep', message: 'nested too deeply', offset: tooDeepAt };

  // Without an anchor (`&`) there can be no alias; only then is the expanded size worth counting.
  const expanded = text.includes('&') ? countExpanded(value, limits.maxAliases) : { aliases: 0, nodes: 0 };
  if (expanded.aliases > limits.maxAliases || expanded.nodes > MAX_EXPANDED_NODES) {
    return { ok: false, kind: 'aliases', message: `${expanded.aliases} aliases expanding to ${expanded.nodes} nodes`, offset: 0 };
  }
  let positions: Positions | null = null;
  const getPositions = (): Positions => (positions ??= assign(table, text) ?? exactPositions(text));
  // Shared (aliased) objects would let later edits or validation see one object twice.
  if (expanded.aliases > 0) value = structuredClone(value);
  return { ok: true, value, positions: getPositions, aliases: expanded.aliases };
}

/**
 * Gives every key, item and scalar value its JSON pointer, iteratively; null when the node
 * events do not pair up as key/value (then the exact, slower path is used).
 */
function assign(t: NodeTable, text: string): Positions | null {
  const out: Positions = { nodes: new Map(), values: new Map() };
  if (t.length === 0) return out;
  // The document starts at its first token, which may be the `- ` of a root sequence.
  out.nodes.set('', skipBlank(text, t.starts[0]!, true, false));
  const work: { node: number; pointer: string }[] = [{ node: 0, pointer: '' }];
  while (work.length) {
    const { node: outer, pointer: p } = work.pop()!;
    // A flow collection inside a block sequence entry is composed twice, nested: unwrap.
    let node = outer;
    for (;;) {
      const c = t.firstChild[node]!;
      if (c >= 0 && t.nextSibling[c]! < 0 && t.results[c] === t.results[node] && typeof t.results[node] === 'object' && t.results[node] !== null) node = c;
      else break;
    }
    const r = t.results[node];
    if (Array.isArray(r)) {
      for (let c = t.firstChild[node]!, i = 0; c >= 0; c = t.nextSibling[c]!, i++) {
        const cp = `${p}/${i}`;
        out.nodes.set(cp, skipBlank(text, t.starts[c]!));
        work.push({ node: c, pointer: cp });
      }
    } else if (r !== null && typeof r === 'object') {
      // Children alternate key, value; a key whose value is empty still has a value node.
      let children = 0;
      for (let c = t.firstChild[node]!; c >= 0; c = t.nextSibling[c]!) children++;
      if (children !== 2 * Object.keys(r).length) return null;
      for (let k = t.firstChild[node]!; k >= 0; ) {
        const v = t.nextSibling[k]!;
        if (v < 0) break;
        const cp = `${p}/${String(t.results[k]).replace(/~/g, '~0').replace(/\//g, '~1')}`;
        out.nodes.set(cp, skipBlank(text, t.starts[k]!));
        const vr = t.results[v];
        if (vr === null || typeof vr !== 'object') out.values.set(cp, skipBlank(text, t.starts[v]!, false));
        work.push({ node: v, pointer: cp });
        k = t.nextSibling[v]!;
      }
    }
  }
  return out;
}

/** js-yaml reports a node's start before the blanks and the `- ` or `: ` that lead to it. */
function skipBlank(text: string, offset: number, crossLines = true, markers = true): number {
  let i = offset;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || (crossLines && (c === 0x0a || c === 0x0d))) i++;
    else if (!crossLines) return i;
    else if (markers && (c === 0x2d || c === 0x3a) && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a)) i += 2;
    else if (c === 0x23) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else return i;
  }
}

/** Counts aliases (objects reached more than once) and the size of the expanded document. */
function countExpanded(value: unknown, maxAliases: number): { aliases: number; nodes: number } {
  const seen = new Set<object>();
  const size = new Map<object, number>();
  let aliases = 0;
  const sizeOf = (v: unknown): number => {
    if (v === null || typeof v !== 'object') return 1;
    const cached = size.get(v);
    if (cached !== undefined) {
      aliases++;
      return cached;
    }
    if (seen.has(v)) return 1;
    seen.add(v);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += sizeOf(child);
      if (n > MAX_EXPANDED_NODES || aliases > maxAliases) break;
    }
    size.set(v, n);
    return n;
  };
  const nodes = sizeOf(value);
  return { aliases, nodes };
}
