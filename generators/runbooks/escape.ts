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
  const first = text.charCodeAt(0);
  if (first === 0x20 || first === 0x09) text = text.replace(/^[ \t]+/, '');
  // Most text holds no markup character: one test, no copy.
  let out = MARKUP.test(text) ? text.replace(MARKUP_ALL, '\\$&') : text;
  // The line-start rules below can only match when the text starts with a blank, a digit or one
  // of # - + =; everything else skips them.
  if (out.length > 0 && LINE_START.test(out[0]!)) {
    out = out
      .replace(/^(\s*)(#{1,6})(?=\s|$)/, '$1\\$2')
      .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
      .replace(/^(\s*)([-=]+\s*)$/, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  }
  return out;
}

const MARKUP = /[\\`*_[\]<>|~&$]/;
const MARKUP_ALL = /[\\`*_[\]<>|~&$]/g;
const LINE_START = /^[\s#+\-=0-9]/;
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
  const text = String(value ?? '').replace(/[\r\n\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${inTable ? text.replace(/\|/g, '\\|') : text}${pad}${fence}`;
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
  return String(value ?? '').replace(/[&<>"'`=]/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * A Mermaid label, to go between double quotes: anything but letters, digits, spaces and a few
 * harmless punctuation marks becomes a Mermaid entity code (`#35;`), so neither quotes,
 * brackets, pipes, entities nor HTML can break out of the label, and no backtick can end the
 * code fence.
 */
export function escapeMermaid(value: unknown): string {
  let out = '';
  for (const ch of String(value ?? '')) {
    if (/^[\p{L}\p{N} .,:/+_()'-]$/u.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  }
  return out;
}

/**
 * A Graphviz double-quoted string. Backslashes are doubled so that Graphviz's own escapes
 * (\n, \l, \N, \G ...) cannot be triggered by blueprint text; quotes are escaped; line breaks
 * become spaces. Graphviz escapes the text itself for XML when it writes SVG.
 */
export function escapeDot(value: unknown): string {
  return String(value ?? '')
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
}
