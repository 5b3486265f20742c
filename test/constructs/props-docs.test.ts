// The props style: every member of an exported props interface is readonly and has a one-line
// doc comment; every optional member says its default with `@default`, a required one does not.
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../constructs/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

interface Member {
  readonly where: string;
  readonly optional: boolean;
  readonly readonly: boolean;
  /** The raw comment text, or null when there is none. */
  readonly doc: string | null;
}

function membersOf(file: string): Member[] {
  const text = readFileSync(DIR + file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Member[] = [];
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
    for (const m of node.members) {
      if (!ts.isPropertySignature(m)) continue;
      const ranges = ts.getLeadingCommentRanges(text, m.getFullStart()) ?? [];
      const last = ranges.at(-1);
      const doc = last && text.slice(last.pos, last.end).startsWith('/**') ? text.slice(last.pos, last.end) : null;
      out.push({
        where: `${file} ${node.name.text}.${m.name.getText(source)}`,
        optional: m.questionToken !== undefined,
        readonly: m.modifiers?.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword) ?? false,
        doc,
      });
    }
  });
  return out;
}

const members = files.flatMap(membersOf);

describe('construct props follow the props style', () => {
  it('finds the props interfaces', () => {
    expect(files).toContain('gateway.ts');
    expect(members.length).toBeGreaterThan(150);
    expect(members.find((m) => m.where === 'gateway.ts GatewayProps.psus')).toMatchObject({ optional: true, readonly: true });
    expect(members.find((m) => m.where === 'gateway.ts GatewayProps.psus')?.doc).toMatch(/^\/\*\* Power source .* @default .*\*\/$/);
  });

  it('every member is readonly', () => {
    expect(members.filter((m) => !m.readonly).map((m) => m.where)).toEqual([]);
  });

  it('every member has a one-line doc comment', () => {
    expect(members.filter((m) => m.doc === null || m.doc.includes('\n')).map((m) => m.where)).toEqual([]);
  });

  it('every optional member states its @default, and no required member has one', () => {
    expect(members.filter((m) => m.optional && !m.doc?.includes('@default ')).map((m) => m.where)).toEqual([]);
    expect(members.filter((m) => !m.optional && m.doc?.includes('@default')).map((m) => m.where)).toEqual([]);
  });
});
