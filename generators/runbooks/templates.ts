// The runbook templates: Handlebars with `strict: true` and only known helpers, compiled once
// per process and template folder.
//
// Where the built-in templates live: they are plain files in generators/runbooks/templates/
// (tsc does not copy them to dist/). This module finds them beside itself when it runs from
// source (tsx, vitest) and at ../../../generators/runbooks/templates/ when it runs compiled
// from dist/generators/runbooks/; the package ships the generators/ folder, so both work.
// Keeping them as files (rather than strings embedded in code) means a user who wants to change
// a runbook copies that folder, edits what they need, and points
// `templateDirs: { runbooks: DIR }` (CLI: --templates runbooks=DIR) at it; a file missing
// there falls back to the built-in one.
//
// Escaping: HTML templates use Handlebars' HTML escaping for every {{value}}; raw output
// ({{{ }}}) is allowed only for the stylesheet and the rendered diagram. Markdown templates are
// compiled without HTML escaping, so every value must go through one of the Markdown helpers
// ({{md x}}, {{cell x}}, {{code x}}, {{cellcode x}}, {{fenced x}}); a template that prints a
// bare {{x}} is refused when it is loaded.
//
// Rendering: render.ts compiles the Handlebars subset these templates use (values, the Markdown
// helpers, if/unless/with/each) straight to string concatenation, with Handlebars' semantics; a
// template using anything else is rendered by Handlebars itself.
import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { escapeMarkdown, escapeMarkdownCell, markdownCode } from './escape.js';
import { compileDirect } from './render.js';

export type TemplateName = 'index.md' | 'site.md' | 'site.html';
export const TEMPLATE_FILES: Readonly<Record<TemplateName | 'css', string>> = {
  'index.md': 'index.md.hbs',
  'site.md': 'site.md.hbs',
  'site.html': 'site.html.hbs',
  css: 'runbook.css',
};

export class TemplateError extends Error {
  constructor(readonly template: string, message: string) {
    super(message);
  }
}

/** The folder of the built-in templates, from source or from dist/. */
export function builtinTemplateDir(): string {
  const candidates = [new URL('./templates/', import.meta.url), new URL('../../../generators/runbooks/templates/', import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((dir) => existsSync(`${dir}${TEMPLATE_FILES['site.md']}`));
  if (!found) throw new TemplateError('templates', `the built-in runbook templates are missing (looked in ${candidates.join(' and ')})`);
  return found;
}

const MARKDOWN_HELPERS = ['md', 'cell', 'code', 'cellcode', 'fenced'] as const;
const RAW_HTML_ALLOWED = new Set(['css', 'topology.svg']);

const MARKDOWN_HELPER_FNS: Readonly<Record<(typeof MARKDOWN_HELPERS)[number], (v: unknown) => string>> = {
  md: (v) => escapeMarkdown(v),
  cell: (v) => escapeMarkdownCell(v),
  code: (v) => markdownCode(v),
  cellcode: (v) => markdownCode(v, true),
  // Generated text placed verbatim in a fenced block (the Mermaid diagram): it must not be
  // able to close the fence.
  fenced: (v) => {
    const text = String(v ?? '');
    if (text.includes('```') || text.includes('~~~')) throw new Error('fenced text contains a code fence');
    return text;
  },
};

function markdownEnv(): typeof Handlebars {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(MARKDOWN_HELPER_FNS)) env.registerHelper(name, (v: unknown) => fn(v));
  return env;
}

function htmlEnv(): typeof Handlebars {
  return Handlebars.create();
}

type HbsNode = {
  type: string;
  path?: { original?: unknown; type?: string };
  params?: HbsNode[];
  escaped?: boolean;
  program?: { body: HbsNode[] } | null;
  inverse?: { body: HbsNode[] } | null;
  body?: HbsNode[];
};

const pathName = (n: HbsNode) => String(n.path?.original ?? '');

/** Refuses the constructs that would print blueprint text unescaped. */
export function lintTemplate(name: string, source: string, kind: 'markdown' | 'html'): void {
  let ast: HbsNode;
  try {
    ast = Handlebars.parse(source) as unknown as HbsNode;
  } catch (e) {
    throw new TemplateError(name, (e as Error).message);
  }
  const walk = (nodes: readonly HbsNode[] | undefined) => {
    for (const n of nodes ?? []) {
      if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement' || n.type === 'DecoratorBlock' || n.type === 'Decorator') {
        throw new TemplateError(name, `${n.type} is not supported in runbook templates`);
      }
      if (n.type === 'MustacheStatement') {
        const p = pathName(n);
        if (kind === 'markdown') {
          if (!n.escaped) throw new TemplateError(name, `raw output {{{${p}}}} is not allowed in a Markdown template; use {{md ${p}}}`);
          if (!(MARKDOWN_HELPERS as readonly string[]).includes(p) || (n.params?.length ?? 0) !== 1) {
            throw new TemplateError(name, `{{${p}}} prints text without Markdown escaping; write {{md ${p}}}, {{cell ${p}}} in a table, or {{code ${p}}}`);
          }
        } else if (!n.escaped && !RAW_HTML_ALLOWED.has(p)) {
          throw new TemplateError(name, `raw output {{{${p}}}} is only allowed for ${[...RAW_HTML_ALLOWED].join(' and ')}; write {{${p}}}`);
        }
      }
      if (n.type === 'BlockStatement') {
        walk(n.program?.body);
        walk(n.inverse?.body);
      }
    }
  };
  walk(ast.body);
}

export interface TemplateSet {
  readonly render: (name: TemplateName, data: unknown) => string;
  readonly css: string;
  /** Where each template came from (for error messages and tests). */
  readonly sources: Readonly<Record<TemplateName | 'css', string>>;
}

const cache = new Map<string, TemplateSet>();

/** The templates for an override folder (or none), compiled once per process. */
export function loadTemplates(overrideDir?: string, engine: 'direct' | 'handlebars' = 'direct'): TemplateSet {
  const key = `${engine === 'handlebars' ? 'handlebars:' : ''}${overrideDir ? resolvePath(overrideDir) : ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const builtin = builtinTemplateDir();
  const sources = {} as Record<TemplateName | 'css', string>;
  const read = (name: TemplateName | 'css'): string => {
    const file = TEMPLATE_FILES[name];
    const custom = overrideDir ? `${resolvePath(overrideDir)}/${file}` : null;
    const path = custom && existsSync(custom) ? custom : `${builtin}${file}`;
    sources[name] = path;
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      throw new TemplateError(file, `cannot read ${path}: ${(e as Error).message}`);
    }
  };
  const md = markdownEnv();
  const html = htmlEnv();
  const compiled = new Map<TemplateName, (data: unknown) => string>();
  const knownHelpers = Object.fromEntries(MARKDOWN_HELPERS.map((h) => [h, true]));
  for (const name of ['index.md', 'site.md', 'site.html'] as const) {
    const source = read(name);
    const isMd = name.endsWith('.md');
    lintTemplate(TEMPLATE_FILES[name], source, isMd ? 'markdown' : 'html');
    try {
      // The direct compiler renders what it supports (everything the built-in templates use)
      // with Handlebars' semantics; anything else is rendered by Handlebars itself.
      const direct = engine === 'handlebars' ? null : compileDirect(source, { noEscape: isMd, helpers: isMd ? MARKDOWN_HELPER_FNS : {} });
      const fn = direct ?? (isMd ? md : html).compile(source, { strict: true, noEscape: isMd, knownHelpers: isMd ? knownHelpers : {}, knownHelpersOnly: true });
      compiled.set(name, fn);
    } catch (e) {
      throw new TemplateError(TEMPLATE_FILES[name], (e as Error).message);
    }
  }
  const css = read('css');
  const set: TemplateSet = {
    css,
    sources,
    render: (name, data) => {
      try {
        return compiled.get(name)!(data);
      } catch (e) {
        throw new TemplateError(TEMPLATE_FILES[name], (e as Error).message);
      }
    },
  };
  cache.set(key, set);
  return set;
}
