// A direct compiler for the part of Handlebars the runbook templates use, so that rendering a
// plan costs string concatenation rather than Handlebars' generic runtime (a frame object,
// helper wrapper and closure per block and value: with tens of procedures per site, most of a
// plan's render time and garbage).
//
// The templates stay Handlebars templates: they are parsed by Handlebars (whitespace control and
// standalone lines included), and the generated code follows Handlebars 4.7's semantics with
// `strict: true` exactly:
// - a plain `{{a.b}}` throws `"b" not defined in ...` when `b` is missing from `a`, and resolves
//   a function value by calling it; helper and block parameters resolve without that check;
// - property lookups go through Handlebars' own lookupProperty for anything but an own,
//   non-function property (prototype access stays denied);
// - `if`/`unless` (false, empty, 0, [] are false), `with`, `each` over arrays (holes skipped),
//   iterables and objects, with `@index`, `@key`, `@first`, `@last` in a frame derived from
//   the parent's, and the `{{else}}` branch when nothing was iterated;
// - HTML escaping is Handlebars' escapeExpression; raw output prints everything but null and
//   undefined.
// A template using anything else (partials, `../`, `@root`-style paths with depth, block
// parameters, hash arguments, subexpressions, literals, other helpers) returns null here and is
// rendered by Handlebars itself, so errors and output are Handlebars' own.
import Handlebars from 'handlebars';

type Node = {
  type: string;
  value?: string;
  path?: Node;
  params?: Node[];
  hash?: unknown;
  escaped?: boolean;
  program?: Program | null;
  inverse?: Program | null;
  data?: boolean;
  depth?: number;
  parts?: string[];
  original?: string;
  loc?: { start: { line: number; column: number } };
};
type Program = { body: Node[]; blockParams?: string[] | null };

export type RenderFn = (data: unknown) => string;
export type Helpers = Readonly<Record<string, (value: unknown) => unknown>>;

/** The helpers Handlebars knows of itself, besides those registered. */
const BUILTIN_HELPERS = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup']);
const BLOCKS = new Set(['if', 'unless', 'with', 'each']);

class Unsupported extends Error {}

/** Characters of generated code per function (see functionBody). */
const PART_SIZE = 4000;

/** Handlebars' own lookupProperty (default prototype-access rules), taken from a template run. */
const handlebarsLookup: (parent: unknown, name: string) => unknown = (() => {
  let found: ((parent: unknown, name: string) => unknown) | undefined;
  const env = Handlebars.create();
  env.registerHelper('grab', (options: { lookupProperty: (p: unknown, n: string) => unknown }) => {
    found = options.lookupProperty;
    return '';
  });
  env.compile('{{grab}}')({});
  if (!found) throw new Error('Handlebars did not pass lookupProperty to a helper');
  return found;
})();

const hasOwn = Object.prototype.hasOwnProperty;

const handlebarsEscape = Handlebars.Utils.escapeExpression as (value: unknown) => string;
const HTML_SPECIAL = /[&<>"'`=]/;
/** Handlebars' HTML entities by character code ('' for a character that stays). */
const ENTITIES: readonly string[] = Array.from({ length: 0x61 }, (_, c) => ({ 38: '&amp;', 60: '&lt;', 62: '&gt;', 34: '&quot;', 39: '&#x27;', 96: '&#x60;', 61: '&#x3D;' })[c] ?? '');

/** Runtime support for the generated code. */
const rt = {
  /** Handlebars' strict-mode error for a missing property. */
  missing(obj: unknown, name: string, line: number, column: number): never {
    throw new Handlebars.Exception(`"${name}" not defined in ${obj}`, { loc: { start: { line, column }, end: { line, column } } } as never);
  },
  hasOwn,
  /** For anything but an own, non-function property. */
  handlebarsLookup,
  lambda(value: unknown, context: unknown): unknown {
    return typeof value === 'function' ? value.call(context) : value;
  },
  /** Handlebars' escapeExpression: the same entities, but a string is copied in one pass
   * rather than by a replace that calls back for every character (procedure text is full of
   * apostrophes and quotes). */
  escape(value: unknown): string {
    if (typeof value !== 'string') return handlebarsEscape(value);
    if (!HTML_SPECIAL.test(value)) return value;
    let out = '';
    let last = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x60 || ENTITIES[c] === '') continue;
      out += value.slice(last, i) + ENTITIES[c];
      last = i + 1;
    }
    return last === 0 ? value : out + value.slice(last);
  },
  /** Handlebars' if: false for falsy values (0 included) and empty arrays. */
  truthy(value: unknown, context: unknown): boolean {
    const v = typeof value === 'function' ? value.call(context) : value;
    return !(!v || (Array.isArray(v) && v.length === 0));
  },
  /** Handlebars' isEmpty, for `with`. */
  empty(value: unknown): boolean {
    return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
  },
  frame(parent: Record<string, unknown>): Record<string, unknown> {
    const frame: Record<string, unknown> = {};
    for (const key in parent) if (hasOwn.call(parent, key)) frame[key] = parent[key];
    frame._parent = parent;
    return frame;
  },
  /** What `each` iterates over anything but an array: keys and values. */
  entries(value: unknown): { keys: unknown[]; values: unknown[] } {
    const keys: unknown[] = [];
    const values: unknown[] = [];
    if (value && typeof value === 'object') {
      const iter = (value as { [Symbol.iterator]?: () => Iterator<unknown> })[Symbol.iterator];
      if (typeof Symbol === 'function' && iter) {
        const it = iter.call(value);
        for (let r = it.next(); !r.done; r = it.next()) {
          keys.push(keys.length);
          values.push(r.value);
        }
      } else {
        for (const key of Object.keys(value)) {
          keys.push(key);
          values.push((value as Record<string, unknown>)[key]);
        }
      }
    }
    return { keys, values };
  },
};

interface Scope {
  readonly ctx: string;
  readonly data: string;
}

/**
 * Compiles a template to a function, or returns null when it uses anything outside the subset
 * described above. `noEscape` is Handlebars' option of that name (the Markdown templates);
 * `helpers` are the known helpers that take exactly one parameter.
 */
export function compileDirect(source: string, options: { readonly noEscape: boolean; readonly helpers: Helpers }): RenderFn | null {
  let ast: Program;
  try {
    ast = Handlebars.parse(source) as unknown as Program;
  } catch {
    return null;
  }
  const helpers = options.helpers;
  const known = (name: string) => BUILTIN_HELPERS.has(name) || hasOwn.call(helpers, name);
  let counter = 0;
  const fresh = (p: string) => `${p}${++counter}`;

  // Handlebars' simpleId: one segment, no depth, not `this.`/`./`-scoped (data paths included).
  const isSimpleId = (p: Node) => p.type === 'PathExpression' && (p.parts?.length ?? 0) === 1 && (p.depth ?? 0) === 0 && !/^\.|this\b/.test(p.original ?? '');
  const helperName = (p: Node) => (isSimpleId(p) && !p.data ? p.parts![0]! : null);

  // rt.lookup and rt.strict written out in place, with the property name as a constant: every
  // lookup in the template then has an inline cache of its own, where one shared function sees
  // every shape of every view. `o` and `v` are the generated function's scratch variables: an
  // object expression is evaluated completely before they are assigned, so nesting is safe.
  const lookup = (obj: string, name: string): string => {
    const key = JSON.stringify(name);
    return `(o = ${obj}, v = o[${key}], v == null || (typeof v !== 'function' && hasOwn.call(o, ${key})) ? v : rt.handlebarsLookup(o, ${key}))`;
  };
  const strictLookup = (obj: string, name: string, line: number, column: number): string => {
    const key = JSON.stringify(name);
    return `(o = ${obj}, !o || !(${key} in o) ? rt.missing(o, ${key}, ${line}, ${column}) : (v = o[${key}], v == null || (typeof v !== 'function' && hasOwn.call(o, ${key})) ? v : rt.handlebarsLookup(o, ${key})))`;
  };

  /** A path's value; `strict` checks the last segment as Handlebars does for plain mustaches. */
  const pathExpr = (p: Node, scope: Scope, strict: boolean): string => {
    if (p.type !== 'PathExpression' || (p.depth ?? 0) !== 0) throw new Unsupported();
    const parts = p.parts ?? [];
    let expr = p.data ? scope.data : scope.ctx;
    if (p.data && parts.length === 0) throw new Unsupported();
    if (parts.length === 0) return expr;
    for (let i = 0; i < parts.length - 1; i++) expr = lookup(expr, parts[i]!);
    const last = parts[parts.length - 1]!;
    const loc = p.loc?.start ?? { line: 0, column: 0 };
    return strict ? strictLookup(expr, last, loc.line, loc.column) : lookup(expr, last);
  };

  /** Whether a program reads @-data (@index, @first, @root ...) anywhere, nested blocks included. */
  const readsData = (prog: Program | null | undefined): boolean => (prog?.body ?? []).some(nodeReadsData);
  const nodeReadsData = (n: Node): boolean =>
    (n.path?.data ?? false) || (n.params ?? []).some((x) => x.data) || readsData(n.program) || readsData(n.inverse);

  /** The bodies of `each` blocks, as functions of their own (see below). */
  const bodies: string[] = [];

  const append = (expr: string, escaped: boolean): string => {
    if (escaped && !options.noEscape) return `out += rt.escape(${expr});\n`;
    const v = fresh('v');
    return `{ const ${v} = ${expr}; if (${v} != null) out += ${v}; }\n`;
  };

  /**
   * The statements of a generated function, in parts of a few kilobytes that are functions of
   * their own: V8 optimises a template's top level, written as one function, only after many
   * plans and at a cost that grows faster than its size, and recompiles all of it whenever a view
   * of a new shape turns up.
   */
  const functionBody = (prog: Program, scope: Scope): string => {
    if (prog.blockParams && prog.blockParams.length > 0) throw new Unsupported();
    const parts: string[] = [];
    let part = '';
    for (const n of prog.body) {
      const code = statement(n, scope);
      if (part !== '' && part.length + code.length > PART_SIZE) {
        parts.push(part);
        part = '';
      }
      part += code;
    }
    if (parts.length === 0) return part;
    parts.push(part);
    return parts
      .map((code) => {
        const fn = fresh('part');
        bodies.push(`function ${fn}(${scope.ctx}, ${scope.data}) {\nlet out = '', o, v;\n${code}return out;\n}\n`);
        return `out += ${fn}(${scope.ctx}, ${scope.data});\n`;
      })
      .join('');
  };

  const program = (prog: Program | null | undefined, scope: Scope): string => {
    if (!prog) return '';
    if (prog.blockParams && prog.blockParams.length > 0) throw new Unsupported();
    return prog.body.map((n) => statement(n, scope)).join('');
  };

  const statement = (n: Node, scope: Scope): string => {
    switch (n.type) {
      case 'ContentStatement':
        return n.value ? `out += ${JSON.stringify(n.value)};\n` : '';
      case 'CommentStatement':
        return '';
      case 'MustacheStatement': {
        const path = n.path!;
        const params = n.params ?? [];
        if (n.hash) throw new Unsupported();
        if (params.length === 0) {
          if (path.type !== 'PathExpression') throw new Unsupported();
          if (isSimpleId(path) && known(path.parts![0]!)) throw new Unsupported();
          return append(`rt.lambda(${pathExpr(path, scope, true)}, ${scope.ctx})`, n.escaped !== false);
        }
        const helper = helperName(path);
        if (helper === null || !hasOwn.call(helpers, helper) || params.length !== 1) throw new Unsupported();
        return append(`helpers[${JSON.stringify(helper)}](${pathExpr(params[0]!, scope, false)})`, n.escaped !== false);
      }
      case 'BlockStatement': {
        const path = n.path!;
        const params = n.params ?? [];
        const name = helperName(path);
        if (n.hash || name === null || !BLOCKS.has(name) || hasOwn.call(helpers, name) || params.length !== 1) throw new Unsupported();
        const value = pathExpr(params[0]!, scope, false);
        if (name === 'if' || name === 'unless') {
          const [yes, no] = name === 'if' ? [n.program, n.inverse] : [n.inverse, n.program];
          return `if (rt.truthy(${value}, ${scope.ctx})) {\n${program(yes, scope)}} else {\n${program(no, scope)}}\n`;
        }
        if (name === 'with') {
          const v = fresh('w');
          const inner: Scope = { ctx: v, data: scope.data };
          return `{ let ${v} = ${value}; if (typeof ${v} === 'function') ${v} = ${v}.call(${scope.ctx});\nif (!rt.empty(${v})) {\n${program(n.program, inner)}} else {\n${program(n.inverse, scope)}} }\n`;
        }
        // each. The body is a function of its own: small functions are optimised after a few
        // plans, where the whole template as one function runs unoptimised for many. A body
        // that reads no @-data gets no frame: nothing else could see it.
        const list = fresh('list');
        const d = fresh('d');
        const i = fresh('i');
        const c = fresh('c');
        const e = fresh('e');
        const fn = fresh('each');
        const frame = readsData(n.program);
        bodies.push(`function ${fn}(${c}, ${d}) {\nlet out = '', o, v;\n${n.program ? functionBody(n.program, { ctx: c, data: d }) : ''}return out;\n}\n`);
        const data = frame ? d : scope.data;
        return (
          `{ let ${list} = ${value}; if (typeof ${list} === 'function') ${list} = ${list}.call(${scope.ctx});\n` +
          `let ${i} = 0;\n` +
          `if (${list} && typeof ${list} === 'object') {\n` +
          (frame ? `const ${d} = rt.frame(${scope.data});\n` : '') +
          `if (Array.isArray(${list})) {\n` +
          `for (const n = ${list}.length; ${i} < n; ${i}++) { if (!(${i} in ${list})) continue;\n` +
          (frame ? `${d}.key = ${i}; ${d}.index = ${i}; ${d}.first = ${i} === 0; ${d}.last = ${i} === ${list}.length - 1;\n` : '') +
          `out += ${fn}(${list}[${i}], ${data});\n}\n` +
          `} else { const ${e} = rt.entries(${list});\n` +
          `for (const n = ${e}.keys.length; ${i} < n; ${i}++) {\n` +
          (frame ? `${d}.key = ${e}.keys[${i}]; ${d}.index = ${i}; ${d}.first = ${i} === 0; ${d}.last = ${i} === n - 1;\n` : '') +
          `out += ${fn}(${e}.values[${i}], ${data});\n}\n` +
          `} }\n` +
          `if (${i} === 0) {\n${program(n.inverse, scope)}} }\n`
        );
      }
      default:
        throw new Unsupported();
    }
  };

  let code: string;
  try {
    const main = functionBody(ast, { ctx: 'c0', data: 'd0' });
    code = `const hasOwn = rt.hasOwn;\n${bodies.join('')}return function render(c0) {\nlet out = '', o, v;\nconst d0 = { root: c0 };\n${main}return out;\n};\n`;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const make = new Function('rt', 'helpers', code) as (r: typeof rt, h: Helpers) => RenderFn;
  return make(rt, helpers);
}
