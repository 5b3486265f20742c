// Handlebars for device configs: strict (a missing field is an error, not an empty string),
// no HTML escaping (wrong for configs), only the helpers listed here, and per-dialect quoting
// helpers that refuse anything outside their dialect's safe alphabet. Templates are compiled
// once per process and folder, never per device.
//
// Where the built-in templates live: tsc does not copy .hbs files to dist/, so they are read
// from the source tree: `./templates` next to this file when it runs from source (tests),
// `../../../generators/devices/templates` when it runs as dist/generators/devices/templates.js.
// The published package ships generators/ with dist/, so both layouts find them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export type Helper = (...args: unknown[]) => string;

/** A template of a dialect and the file it renders, relative to the device folder. */
export interface TemplateSpec {
  /** File name in the dialect's template folder, e.g. `kamailio.cfg.hbs`. */
  readonly template: string;
  /** Output path relative to the device folder, e.g. `kamailio/kamailio.cfg`. */
  readonly output: string;
}

export type Render = (view: object) => string;

export class TemplateProblem extends Error {
  constructor(readonly template: string, message: string) {
    super(message);
  }
}

let builtinRoot: string | null = null;

/** The folder holding the built-in template folders (one per dialect). */
export function builtinTemplateRoot(): string {
  if (builtinRoot) return builtinRoot;
  const candidates = [new URL('./templates/', import.meta.url), new URL('../../../generators/devices/templates/', import.meta.url)];
  for (const c of candidates) {
    const dir = fileURLToPath(c);
    if (existsSync(join(dir, 'kamailio'))) return (builtinRoot = dir);
  }
  throw new Error(`built-in device templates not found (looked in ${candidates.map((c) => fileURLToPath(c)).join(', ')})`);
}

// ---- helpers -------------------------------------------------------------------------------

const text = (v: unknown, helper: string): string => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw new Error(`${helper} expects a string or number, got ${v === null ? 'null' : typeof v}`);
  return v;
};

/** A helper that outputs its argument only when it matches `pattern`, optionally wrapped. */
export function guarded(name: string, pattern: RegExp, what: string, wrap: (s: string) => string = (s) => s): Helper {
  return (...args: unknown[]) => {
    if (args.length !== 2) throw new Error(`${name} takes exactly one argument`);
    const s = text(args[0], name);
    if (!pattern.test(s)) throw new Error(`${name}: ${JSON.stringify(s.slice(0, 40))} is not ${what}`);
    return wrap(s);
  };
}

/** Helpers every dialect gets. */
export const COMMON_HELPERS: Readonly<Record<string, Helper>> = {
  /** A whole number. */
  int: guarded('int', /^-?[0-9]{1,15}$/, 'a whole number'),
  /** A decimal number. */
  num: guarded('num', /^-?[0-9]{1,15}(?:\.[0-9]{1,6})?$/, 'a number'),
  /** A comment-safe word list (ids, numbers, a few separators); for comment lines. */
  comment: guarded('comment', /^[A-Za-z0-9 ._:/,()+=@-]{0,300}$/, 'safe comment text'),
};

// ---- compiling ---------------------------------------------------------------------------

const compiled = new Map<string, Render>();

/** How many template files this process has compiled (for tests: it must not grow per compile). */
export const compiledTemplateCount = (): number => compiled.size;

function compile(file: string, name: string, helpers: Readonly<Record<string, Helper>>): Render {
  const key = `${file}\u0000${Object.keys(helpers).sort().join(',')}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const env = Handlebars.create();
  for (const [n, h] of Object.entries(helpers)) env.registerHelper(n, h);
  const known = Object.fromEntries(Object.keys(helpers).map((n) => [n, true]));
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateProblem(file, `cannot read it: ${(e as Error).message}`);
  }
  const options = { strict: true, noEscape: true, knownHelpers: known, knownHelpersOnly: true, preventIndent: true };
  try {
    // compile() is lazy; precompile() runs the whole compiler now, so a syntax error or an
    // unknown helper names this file at load time, once, rather than at the first device.
    env.precompile(source, options);
  } catch (e) {
    throw new TemplateProblem(name, firstLine((e as Error).message));
  }
  const fn = env.compile(source, options);
  const render: Render = (view) => {
    try {
      return fn(view);
    } catch (e) {
      throw new TemplateProblem(name, firstLine((e as Error).message));
    }
  };
  compiled.set(key, render);
  return render;
}

const firstLine = (s: string) => s.split('\n').filter((l) => l.trim() !== '')[0]?.trim() ?? s;

/**
 * The compiled templates of one dialect: the built-in folder, with files of a user's folder
 * (GeneratorOptions.templateDirs[dialect]) taking the place of the built-in ones of the same
 * name. A user's folder may hold only the dialect's template names; anything else is refused so
 * that a misspelt file name does not silently fall back to the built-in template.
 */
export function loadDialectTemplates(
  dialect: string,
  specs: readonly TemplateSpec[],
  helpers: Readonly<Record<string, Helper>>,
  customDir: string | undefined,
): Map<string, Render> {
  const builtin = join(builtinTemplateRoot(), dialect);
  const known = new Set(specs.map((s) => s.template));
  let custom: string | null = null;
  if (customDir !== undefined) {
    custom = isAbsolute(customDir) ? customDir : resolve(customDir);
    if (!existsSync(custom) || !statSync(custom).isDirectory()) throw new TemplateProblem(customDir, 'the template folder does not exist');
    for (const f of readdirSync(custom).sort()) {
      if (f.endsWith('.hbs') && !known.has(f)) {
        throw new TemplateProblem(join(customDir, f), `unknown template for dialect '${dialect}'; its templates are ${[...known].join(', ')}`);
      }
    }
  }
  const all: Readonly<Record<string, Helper>> = { ...COMMON_HELPERS, ...helpers };
  const out = new Map<string, Render>();
  for (const spec of specs) {
    const user = custom ? join(custom, spec.template) : null;
    const file = user && existsSync(user) ? user : join(builtin, spec.template);
    const name = user && existsSync(user) ? join(customDir!, spec.template) : `${dialect}/${spec.template}`;
    out.set(spec.template, compile(file, name, all));
  }
  return out;
}

/** Rendered configs are plain ASCII text: printable characters, tabs and newlines only. */
export function checkRendered(content: string, template: string): void {
  const bad = /[^\x20-\x7e\n\t]/.exec(content);
  if (bad) {
    const line = content.slice(0, bad.index).split('\n').length;
    throw new TemplateProblem(template, `the output has a control or non-ASCII character (U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')}) on line ${line}`);
  }
}
