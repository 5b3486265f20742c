// A generated document: where it goes and how to render it. docs/gen/all.ts lists them all;
// docs/gen/write.ts writes them, and a test fails when a committed one is stale.
export interface GeneratedDoc {
  /** Path from the repository root, e.g. docs/diagnostics.md. */
  readonly file: string;
  /** The whole file, deterministic: the same source always gives the same bytes. */
  render(): string;
}

/** The first lines of every generated Markdown file. */
export function generatedNotice(source: string): string {
  return `<!-- Generated from ${source} by docs/gen; do not edit. Regenerate with: npx tsx docs/gen/write.ts -->\n`;
}

/** Text for a Markdown table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}
