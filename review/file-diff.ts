// Device configs, runbooks and any other generated file (model.json included: it shows what a
// blueprint edit means once resolved): which files were added, removed or changed, with a unified
// diff (secrets masked line by line). analysis.json and the Terraform stacks are compared by
// meaning elsewhere.
import { structuredPatch } from 'diff';
import type { OutputTree } from './output-tree.js';
import { maskLine } from './secrets.js';
import { STACK_FILE } from './terraform-read.js';
import type { FileChange, FileGroup } from './types.js';
import { compareStrings } from './sort.js';

/** Files the review compares by meaning, not by text. */
const SEMANTIC = new Set(['analysis.json', 'terraform/manifest.json']);

/** Lines changed beyond which no diff is computed (the file list still says what changed). */
const MAX_EDIT_LENGTH = 5_000;
const CONTEXT_LINES = 3;

export function groupOf(path: string): FileGroup {
  if (path.startsWith('devices/')) return 'devices';
  if (path.startsWith('runbooks/')) return 'runbooks';
  return 'other';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function textOf(buf: Buffer | undefined): string | null {
  if (!buf) return '';
  if (buf.includes(0)) return null;
  try {
    return decoder.decode(buf);
  } catch {
    return null;
  }
}

interface Patch {
  readonly text: string | null;
  readonly additions: number;
  readonly deletions: number;
}

export function unifiedDiff(path: string, before: string, after: string, status: FileChange['status']): Patch {
  const patch = structuredPatch(
    status === 'added' ? '/dev/null' : `a/${path}`,
    status === 'removed' ? '/dev/null' : `b/${path}`,
    before,
    after,
    undefined,
    undefined,
    { context: CONTEXT_LINES, maxEditLength: MAX_EDIT_LENGTH },
  );
  if (!patch) {
    const count = (s: string) => (s === '' ? 0 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0));
    return { text: null, additions: count(after), deletions: count(before) };
  }
  let additions = 0;
  let deletions = 0;
  const lines = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const h of patch.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    for (const l of h.lines) {
      if (l.startsWith('+')) additions++;
      else if (l.startsWith('-')) deletions++;
      lines.push(l.startsWith('\\') ? l : l.charAt(0) + maskLine(l.slice(1)));
    }
  }
  return { text: lines.join('\n') + '\n', additions, deletions };
}

export function diffFiles(before: OutputTree, after: OutputTree): FileChange[] {
  const paths = [...new Set([...before.files.keys(), ...after.files.keys()])]
    .filter((p) => !SEMANTIC.has(p) && !STACK_FILE.test(p))
    .sort(compareStrings);
  const changed = paths.filter((p) => {
    const a = before.files.get(p);
    const b = after.files.get(p);
    return !a || !b || !a.equals(b);
  });
  const changedSet = new Set(changed);
  const out: FileChange[] = [];
  for (const path of changed) {
    const a = before.files.get(path);
    const b = after.files.get(path);
    const status: FileChange['status'] = !a ? 'added' : !b ? 'removed' : 'changed';
    const group = groupOf(path);
    const oldText = textOf(a);
    const newText = textOf(b);
    if (oldText === null || newText === null) {
      out.push({ path, group, status, binary: true, additions: 0, deletions: 0, patch: null, note: 'binary file' });
      continue;
    }
    const source = /\.html$/.test(path) ? path.replace(/\.html$/, '.md') : null;
    const patch = unifiedDiff(path, oldText, newText, status);
    if (source && changedSet.has(source)) {
      out.push({ path, group, status, binary: false, additions: patch.additions, deletions: patch.deletions, patch: null, note: `rendered from ${source}` });
      continue;
    }
    out.push({
      path, group, status, binary: false, additions: patch.additions, deletions: patch.deletions,
      patch: patch.text,
      note: patch.text === null ? 'too many changed lines to show a diff' : null,
    });
  }
  return out;
}
