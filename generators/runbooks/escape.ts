// Escaping for every language the runbooks are written in. Blueprint text (names, routes,
// descriptions) may hold almost any printable character, so each output language gets its own
// function; the templates call them through helpers (templates.ts) and never print raw text.

/**
 * Markdown inline text (CommonMark + GitHub): every character that can start inline markup is
 * backslash-escaped, so the text renders literally wherever it stands. `<` and `&` are escaped
 * so that no HTML tag, entity or autolink can form; `[` and `]` so that no link can (which also
 * makes `(`, `)` and `!` harmless); `$` because GitHub renders `$...$` as math. Markup that only
 * counts at the start of a line (a list item's text is such a start) is escaped there: list
 * markers, headings, setext underlines and thematic breaks, ordered-list numbers.
 */
export function escapeMarkdown(value: unknown): string {
  let text = typeof value === 'string' ? value : String(value ?? '');
  // Leading blanks are dropped: four of them would start a code block.
  const lead = text.charCodeAt(0);
  if (lead === 0x20 || lead === 0x09) text = text.replace(/^[ \t]+/, '');
  // Most text holds no markup character: one test, no copy.
  const out = MARKUP.test(text) ? text.replace(MARKUP_ALL, '\\$&') : text;
  // The line-start rules can only match when the text starts with a blank, a digit or one of
  // # - + =, and after a first character other than a blank only the rules for that character
  // can: most text runs none of them, a number one.
  const first = out.charCodeAt(0);
  if (first > 0x3d) return first > 0x7f && BLANK_START.test(out) ? lineStartRules(out) : out;
  if (first === 0x23) return out.replace(HEADING, '$1\\$2'); // #
  if (first === 0x2d) return out.replace(LIST_MARKER, '$1\\$2').replace(RULE, '$1\\$2'); // -
  if (first === 0x2b) return out.replace(LIST_MARKER, '$1\\$2'); // +
  if (first === 0x3d) return out.replace(RULE, '$1\\$2'); // =
  if (first >= 0x30 && first <= 0x39) return out.replace(ORDERED, '$1\\$2');
  if (first <= 0x20) return lineStartRules(out); // a blank (no rule matches the control characters here)
  return out;
}

const lineStartRules = (text: string): string => text.replace(HEADING, '$1\\$2').replace(LIST_MARKER, '$1\\$2').replace(RULE, '$1\\$2').replace(ORDERED, '$1\\$2');

const MARKUP = /[\\`*_[\]<>|~&$]/;
const MARKUP_ALL = /[\\`*_[\]<>|~&$]/g;
const HEADING = /^(\s*)(#{1,6})(?=\s|$)/;
const LIST_MARKER = /^(\s*)([-+])(?=\s|$)/;
const RULE = /^(\s*)([-=]+\s*)$/;
const ORDERED = /^(\s*\d{1,9})([.)])(?=\s|$)/;
const BLANK_START = /^\s/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * One cell of a GitHub table: Markdown inline text on one line (a pipe would end the cell; it
 * is escaped by escapeMarkdown). Line breaks become spaces; an empty value becomes an en dash,
 * since an empty cell reads like a rendering fault in a printed binder.
 */
export function escapeMarkdownCell(value: unknown): string {
  let text = typeof value === 'string' ? value : String(value ?? '');
  if (LINE_BREAK.test(text)) text = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  text = text.trim();
  return text === '' ? '–' : escapeMarkdown(text);
}

/**
 * A Markdown code span holding the text literally (fenced with more backticks than it holds).
 * In a table a pipe ends the cell even inside a code span, so `inTable` escapes it (GitHub
 * removes that backslash again).
 */
export function markdownCode(value: unknown, inTable = false): string {
  let text = String(value ?? '');
  if (LINE_BREAK.test(text)) text = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = text.includes('`') ? Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) : 0;
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${inTable && text.includes('|') ? text.replace(/\|/g, '\\|') : text}${pad}${fence}`;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/** HTML text and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = String(value ?? '');
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>"'`=]/g, (c) => HTML_ENTITIES[c]!) : text;
}

const HTML_SPECIAL = /[&<>"'`=]/;

/**
 * A Mermaid label, to go between double quotes: anything but letters, digits, spaces and a few
 * harmless punctuation marks becomes a Mermaid entity code (`#35;`), so neither quotes,
 * brackets, pipes, entities nor HTML can break out of the label, and no backtick can end the
 * code fence.
 */
export function escapeMermaid(value: unknown): string {
  const text = String(value ?? '');
  // Most labels are plain words: one test of the whole text, then no work per character.
  if (MERMAID_SAFE.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (/^[\p{L}\p{N} .,:/+_()'-]$/u.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  }
  return out;
}

const MERMAID_SAFE = /^[\p{L}\p{N} .,:/+_()'-]*$/u;

/**
 * A Graphviz double-quoted string. Backslashes are doubled so that Graphviz's own escapes
 * (\n, \l, \N, \G ...) cannot be triggered by blueprint text; quotes are escaped; line breaks
 * become spaces. Graphviz escapes the text itself for XML when it writes SVG.
 */
export function escapeDot(value: unknown): string {
  const text = String(value ?? '');
  if (!DOT_SPECIAL.test(text)) return text;
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
}

const DOT_SPECIAL = /[\r\n\u2028\u2029\\"]/;
