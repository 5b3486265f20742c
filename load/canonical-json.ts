import { isAscii } from 'node:buffer';

/**
 * JSON with object keys sorted at every level: the same data always gives the same bytes.
 * With `indent`, the first `lineDepth` levels are indented and anything deeper is written on
 * one line: a large report then has one line per entry (one verdict, one finding), which keeps
 * line diffs meaningful at a fraction of the size of indenting everything.
 *
 * The text is `JSON.stringify(sortKeys(value), null, indent)` with the levels from `lineDepth`
 * on written on one line. A value JSON has no text for (undefined, a function) gives
 * `undefined`, as JSON.stringify does.
 */
export function canonicalJson(value: unknown, indent = 0, lineDepth = Infinity): string {
  let text: string | undefined;
  const decode = (chunk: Buffer): void => {
    // Decoding UTF-8 costs many times what copying ASCII does, and the text is mostly ASCII.
    const part = chunk.toString(isAscii(chunk) ? 'latin1' : 'utf8');
    text = text === undefined ? part : text + part;
  };
  // The text is decoded as soon as it is written, so one buffer serves every call; a call made
  // while it is in use (from a getter or a toJSON) gets its own.
  const buffer = scratch ?? Buffer.allocUnsafe(FIRST_BYTES);
  scratch = undefined;
  const writer = new Writer(indent, lineDepth, buffer, decode);
  try {
    if (!writer.start(value)) writer.run();
  } finally {
    const used = writer.buffer();
    scratch = used.length <= CHUNK_BYTES ? used : buffer;
  }
  return text as string;
}

let scratch: Buffer | undefined;

/**
 * The text of `canonicalJson(value, indent, lineDepth)` as UTF-8, in chunks of about a
 * megabyte: a 10,000-site analysis is longer than the longest string JavaScript can hold, and
 * written out chunk by chunk it is never held whole. Each chunk is a new buffer the caller may keep.
 */
export function* canonicalJsonChunks(value: unknown, indent = 0, lineDepth = Infinity): Generator<Buffer, void, undefined> {
  const writer = new Writer(indent, lineDepth, Buffer.allocUnsafe(FIRST_BYTES), null);
  let done = writer.start(value);
  for (;;) {
    yield* writer.take();
    if (done) return;
    done = writer.run();
  }
}

/** The text of `canonicalJson(value, indent, lineDepth)` as UTF-8 bytes. */
export function canonicalJsonBytes(value: unknown, indent: number, lineDepth: number): Buffer {
  return Buffer.concat([...canonicalJsonChunks(value, indent, lineDepth)]);
}

/**
 * A copy of `value` with its keys in canonical order and undefined members left out: the
 * definition of the canonical form. The serializer follows it without making the copy, except
 * for objects with a `toJSON` member of their own, which JSON.stringify calls on the copy.
 */
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

/** Large enough to write efficiently, small enough not to matter next to a fleet's report. */
const CHUNK_BYTES = 1 << 20;
/** Most texts are small (a manifest, a hash input): buffers start small and grow to a chunk. */
const FIRST_BYTES = 1 << 13;

/**
 * Pieces written often (keys, indentation) are kept as their UTF-8 bytes, one character per
 * byte, and copied a byte at a time: cheaper than encoding them each time, or than making a
 * buffer of each.
 */
const utf8 = (text: string): string => (/^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1'));
const QUOTE = 0x22;
/** From this length on, a regular expression and a native copy beat a loop over the characters. */
const LONG_STRING = 32;
/** Anything but printable ASCII other than `"` and `\`: escaped by JSON.stringify or not ASCII. */
const UNSAFE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/** A member's prefix by key index: for the first member written, and for the ones after it. */
interface Prefixes {
  readonly first: readonly string[];
  readonly next: readonly string[];
}

const NO_PREFIXES: Prefixes = { first: [], next: [] };

function prefixes(quoted: readonly string[], pad: string, space: string): Prefixes {
  return { first: quoted.map((q) => utf8(pad + q + ':' + space)), next: quoted.map((q) => utf8(',' + pad + q + ':' + space)) };
}

/** One object shape: the canonical order of a key list, with the members' prefixes encoded when first needed. */
class Shape {
  readonly keys: readonly string[];
  readonly quoted: readonly string[];
  /** An own `toJSON` member: JSON.stringify calls it (on the sorted copy). */
  readonly toJSON: boolean;
  private compact: Prefixes | undefined;
  /** By indentation, then depth. */
  private readonly indented: Prefixes[][] = [];

  /** @param source the keys as Object.keys gives them, to tell apart key lists that join to the same id. */
  constructor(readonly source: readonly string[]) {
    const sorted = source.slice().sort();
    // The order is that of the copy sortKeys makes, which the text has always followed: the
    // engine lists integer keys first, in numeric order, and a "__proto__" member sets the
    // copy's prototype rather than adding a key.
    if (sorted.some((k) => k === '__proto__' || (k.charCodeAt(0) >= 0x30 && k.charCodeAt(0) <= 0x39))) {
      const copy: Record<string, null> = {};
      for (const k of sorted) copy[k] = null;
      this.keys = Object.keys(copy);
    } else {
      this.keys = sorted;
    }
    this.quoted = this.keys.map((k) => JSON.stringify(k));
    this.toJSON = this.keys.includes('toJSON');
  }

  /** Prefixes of the members of an object at `depth` (`unit` empty: on one line). */
  prefixes(unit: string, depth: number): Prefixes {
    if (unit === '') return (this.compact ??= prefixes(this.quoted, '', ''));
    if (depth >= KEPT_DEPTHS) return prefixes(this.quoted, '\n' + unit.repeat(depth + 1), ' ');
    const byDepth = (this.indented[unit.length] ??= []);
    return (byDepth[depth] ??= prefixes(this.quoted, '\n' + unit.repeat(depth + 1), ' '));
  }
}

const EMPTY_SHAPE = new Shape([]);

/**
 * Reports hold millions of objects of a dozen shapes, and small texts are written often: each
 * shape is sorted once and found by its joined key list, from any call. Records keyed by names
 * have a shape each and are often large: they must not grow the cache without bound, hence the
 * limits, and the largest are not worth keeping at all.
 */
const shapes = new Map<string, Shape>();
let cachedKeys = 0;
const MAX_CACHED_KEYS = 50_000;
const MAX_SHAPE_KEYS = 64;
/** The last shape found at each depth: siblings in a list mostly share one, found without a lookup. */
const recent: Shape[] = [];
/**
 * Depths for which indentation and shapes are remembered: indentation grows with depth, and a
 * freak document nested thousands deep must not leave its indentation behind in memory.
 */
const KEPT_DEPTHS = 64;

function shapeOf(node: object, depth: number): Shape {
  const source = Object.keys(node);
  const n = source.length;
  if (n === 0) return EMPTY_SHAPE;
  const slot = depth % KEPT_DEPTHS;
  const last = recent[slot];
  if (last !== undefined && sameKeys(last.source, source)) return last;
  let shape: Shape | undefined;
  if (n > MAX_SHAPE_KEYS) {
    shape = new Shape(source);
  } else {
    const id = n === 1 ? source[0] : source.join('\0');
    shape = shapes.get(id);
    if (shape === undefined || !sameKeys(shape.source, source)) {
      shape = new Shape(source);
      if (cachedKeys + n > MAX_CACHED_KEYS) {
        shapes.clear();
        cachedKeys = 0;
      }
      shapes.set(id, shape);
      cachedKeys += n;
    }
  }
  return (recent[slot] = shape);
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** By indentation, then depth: a line break with the indentation, and the same after a comma. */
const lineBreaks: string[][] = [];
const commaBreaks: string[][] = [];

/** An array or object being written; one per depth, reused. */
class Frame {
  node: unknown = null;
  /** null for an array. */
  shape: Shape | null = null;
  prefixes = NO_PREFIXES;
  next = 0;
  count = 0;
  /** A member has been written: the next one needs a comma, the close a line break. */
  wrote = false;
  compact = true;
}

/** Open containers up to this depth are looked through for cycles, deeper ones kept in a set. */
const SCANNED_DEPTH = 32;

/**
 * Writes UTF-8 straight into buffers: a rope of millions of small strings costs more to flatten
 * and encode than building it did. The tree is walked from an explicit stack rather than by
 * recursion, so that writing can stop at any member and hand over the full buffers: a generator
 * then streams a document of any size and depth.
 */
class Writer {
  private readonly unit: string;
  private readonly lineDepth: number;
  private readonly lineBreaks: string[];
  private readonly commaBreaks: string[];
  private readonly frames: Frame[] = [];
  private top = -1;
  private deep: Set<object> | undefined;
  private pos = 0;
  private ready: Buffer[] = [];

  /** @param sink takes each full buffer at once, which is then written over; without it, full buffers wait in `take`. */
  constructor(
    indent: number,
    lineDepth: number,
    private buf: Buffer,
    private readonly sink: ((chunk: Buffer) => void) | null,
  ) {
    // The indentation JSON.stringify makes of a numeric indent.
    this.unit = ' '.repeat(Math.max(0, Math.min(10, Math.trunc(indent) || 0)));
    this.lineDepth = this.unit ? lineDepth : 0;
    this.lineBreaks = lineBreaks[this.unit.length] ??= [];
    this.commaBreaks = commaBreaks[this.unit.length] ??= [];
  }

  /** Writes `value` itself; true when that was all (the value is no array or object). */
  start(value: unknown): boolean {
    this.member(value, '', '', 0);
    return this.top < 0 ? this.finish() : false;
  }

  /** Full buffers, to hand over. */
  take(): Buffer[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  buffer(): Buffer {
    return this.buf;
  }

  /** Writes until a buffer is waiting or the text is complete; true when complete. */
  run(): boolean {
    const frames = this.frames;
    while (this.top >= 0 && this.ready.length === 0) {
      const depth = this.top;
      const f = frames[depth];
      if (f.next < f.count) {
        const i = f.next++;
        const shape = f.shape;
        if (shape === null) {
          const prefix = f.compact ? (i === 0 ? '' : ',') : i === 0 ? this.lineBreak(depth + 1) : this.commaBreak(depth + 1);
          this.member((f.node as unknown[])[i], i, prefix, depth + 1);
        } else {
          const prefix = f.wrote ? f.prefixes.next[i] : f.prefixes.first[i];
          const key = shape.keys[i];
          if (this.member((f.node as Record<string, unknown>)[key], key, prefix, depth + 1)) f.wrote = true;
        }
      } else {
        if (!f.compact && f.wrote) this.raw(this.lineBreak(depth));
        this.byte(f.shape === null ? 0x5d : 0x7d);
        if (depth >= SCANNED_DEPTH) this.deep!.delete(f.node as object);
        f.node = null;
        f.shape = null;
        this.top--;
      }
    }
    return this.top < 0 ? this.finish() : false;
  }

  private finish(): true {
    if (this.pos > 0) this.handOver(false);
    return true;
  }

  /**
   * Writes `prefix` and `v` at `depth`, opening arrays and objects to be filled by `run`; false,
   * writing nothing, for an object member JSON has no text for.
   */
  private member(v: unknown, key: string | number, prefix: string, depth: number): boolean {
    switch (typeof v) {
      case 'string':
        this.raw(prefix);
        this.string(v);
        return true;
      case 'number':
        this.raw(prefix);
        if (Number.isFinite(v)) this.raw('' + v);
        else this.raw('null');
        return true;
      case 'boolean':
        this.raw(prefix);
        this.raw(v ? 'true' : 'false');
        return true;
      case 'object': {
        if (v === null) {
          this.raw(prefix);
          this.raw('null');
          return true;
        }
        if (Array.isArray(v)) {
          this.raw(prefix);
          if (v.length === 0) this.raw('[]');
          else this.open(v, null, v.length, depth, 0x5b);
          return true;
        }
        const shape = shapeOf(v, depth);
        if (shape.toJSON && typeof (v as { toJSON?: unknown }).toJSON === 'function') return this.stringified(v, key, prefix, depth);
        this.raw(prefix);
        if (shape.keys.length === 0) this.raw('{}');
        else this.open(v, shape, shape.keys.length, depth, 0x7b);
        return true;
      }
      case 'bigint':
        return this.stringified(v, key, prefix, depth);
      default:
        // undefined, functions, symbols: left out of objects, null in arrays.
        if (typeof key === 'string') return false;
        this.raw(prefix);
        this.raw('null');
        return true;
    }
  }

  private open(node: object, shape: Shape | null, count: number, depth: number, bracket: number): void {
    // Without recursion a cycle would not overflow the stack: it would be written forever.
    for (let d = Math.min(this.top, SCANNED_DEPTH - 1); d >= 0; d--) {
      if (this.frames[d].node === node) throw new TypeError('Converting circular structure to JSON');
    }
    if (depth >= SCANNED_DEPTH) {
      this.deep ??= new Set();
      if (this.deep.has(node)) throw new TypeError('Converting circular structure to JSON');
      this.deep.add(node);
    }
    this.byte(bracket);
    const f = (this.frames[depth] ??= new Frame());
    f.node = node;
    f.shape = shape;
    f.next = 0;
    f.count = count;
    f.wrote = shape === null;
    f.compact = depth >= this.lineDepth;
    if (shape !== null) f.prefixes = shape.prefixes(f.compact ? '' : this.unit, depth);
    this.top = depth;
  }

  /**
   * Values whose text JSON.stringify decides (what a toJSON returns, a BigInt's error), written
   * by it as `JSON.stringify(sortKeys(...))` always wrote them: called with their key, unsorted.
   */
  private stringified(v: unknown, key: string | number, prefix: string, depth: number): boolean {
    const name = String(key);
    const compact = depth >= this.lineDepth;
    const text = JSON.stringify({ [name]: sortKeys(v) }, null, compact ? undefined : this.unit);
    if (text === '{}') {
      if (typeof key === 'string') return false;
      this.raw(prefix);
      this.raw('null');
      return true;
    }
    const head = JSON.stringify(name).length + (compact ? 2 : this.unit.length + 4);
    const body = text.slice(head, compact ? -1 : -2);
    this.raw(prefix);
    // Indented as a member at depth 1 of the wrapper; shifted to `depth`.
    this.text(compact ? body : body.split('\n' + this.unit).join('\n' + this.unit.repeat(depth)));
    return true;
  }

  private lineBreak(depth: number): string {
    if (depth >= KEPT_DEPTHS) return '\n' + this.unit.repeat(depth);
    return (this.lineBreaks[depth] ??= '\n' + this.unit.repeat(depth));
  }

  private commaBreak(depth: number): string {
    if (depth >= KEPT_DEPTHS) return ',\n' + this.unit.repeat(depth);
    return (this.commaBreaks[depth] ??= ',\n' + this.unit.repeat(depth));
  }

  private handOver(more: boolean): void {
    const chunk = this.buf.subarray(0, this.pos);
    if (this.sink) {
      this.sink(chunk);
    } else {
      this.ready.push(chunk);
      if (more) this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    }
    this.pos = 0;
  }

  /** Makes room for `n` more bytes: hands over a full buffer, or grows a small one. */
  private room(n: number): void {
    if (this.buf.length >= CHUNK_BYTES && this.pos > 0) this.handOver(true);
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(Math.min(this.buf.length * 2, CHUNK_BYTES), this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  private byte(b: number): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Text of one-byte characters: ASCII, or UTF-8 bytes made by `utf8`. */
  private raw(s: string): void {
    const n = s.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const buf = this.buf;
    const at = this.pos;
    for (let i = 0; i < n; i++) buf[at + i] = s.charCodeAt(i);
    this.pos = at + n;
  }

  private text(s: string): void {
    if (this.pos + s.length * 3 > this.buf.length) this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A string value: copied as it is while it is printable ASCII, else as JSON.stringify escapes it. */
  private string(s: string): void {
    const n = s.length;
    if (this.pos + n + 2 > this.buf.length) this.room(n + 2);
    if (n >= LONG_STRING) {
      if (UNSAFE.test(s)) return this.text(JSON.stringify(s));
      this.buf[this.pos] = QUOTE;
      this.pos += this.buf.write(s, this.pos + 1, 'latin1') + 2;
      this.buf[this.pos - 1] = QUOTE;
      return;
    }
    const buf = this.buf;
    let at = this.pos;
    buf[at++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === 0x5c) return this.text(JSON.stringify(s));
      buf[at++] = c;
    }
    buf[at] = QUOTE;
    this.pos = at + 1;
  }
}
