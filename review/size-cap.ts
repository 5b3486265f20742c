// Fitting a review into one pull-request comment (GitHub: 65,536 characters; counted here in
// UTF-8 bytes, which are never fewer). The least important parts go first: unified diffs (the
// largest last in line go first), arguments of added resources, changed arguments, the list of
// Terraform blocks other than destroys, the list of changed files, then long redundancy lists are
// shortened. The comment says what was left out.
import { FULL_DETAIL, patchBlock, renderMarkdown, type MarkdownDetail } from './markdown.js';
import { utf8Length } from './markdown-text.js';
import type { Review } from './types.js';

export const GITHUB_COMMENT_LIMIT = 65_536;
/** Smallest cap accepted: room for the headline, the notice and the redundancy verdict. */
export const MIN_CAP = 2_000;

const HOW_TO_SEE_ALL = 'Run `rbc diff` locally (or with `--format json`) to see everything.';

function notice(left: string[], cap: number): string[] {
  return [`**Shortened to fit a pull-request comment (${cap.toLocaleString('en-US')} characters)**: left out ${left.join('; ')}. ${HOW_TO_SEE_ALL}`];
}

interface Step {
  readonly detail: Omit<MarkdownDetail, 'truncation' | 'patches'>;
  readonly says: readonly string[];
}

const STEPS: readonly Step[] = [
  { detail: { ...FULL_DETAIL }, says: [] },
  { detail: { ...FULL_DETAIL, addedArguments: false }, says: ['the arguments of added resources'] },
  { detail: { ...FULL_DETAIL, addedArguments: false, changedArguments: false }, says: ['the arguments of added resources', 'changed Terraform arguments'] },
  {
    detail: { ...FULL_DETAIL, addedArguments: false, changedArguments: false, blocks: 'destroys' },
    says: ['Terraform blocks other than destroys (counted per stack)'],
  },
  {
    detail: { ...FULL_DETAIL, addedArguments: false, changedArguments: false, blocks: 'destroys', fileList: false },
    says: ['Terraform blocks other than destroys (counted per stack)', 'the list of changed files (counted per group)'],
  },
  ...[50, 10, 3].map((limit) => ({
    detail: { ...FULL_DETAIL, addedArguments: false, changedArguments: false, blocks: 'destroys' as const, fileList: false, listLimit: limit },
    says: ['Terraform blocks other than destroys (counted per stack)', 'the list of changed files (counted per group)', `redundancy items beyond the first ${limit} of each list`],
  })),
];

export interface FittedMarkdown {
  readonly text: string;
  readonly truncated: boolean;
}

/** The fullest Markdown rendering of the review that fits in `cap` UTF-8 bytes. */
export function fitMarkdown(review: Review, cap = GITHUB_COMMENT_LIMIT): FittedMarkdown {
  const full = renderMarkdown(review, FULL_DETAIL);
  if (utf8Length(full) <= cap) return { text: full, truncated: false };

  const withPatches = review.files.filter((f) => f.patch !== null);
  for (const step of STEPS) {
    // Diffs are the least important part: each step first leaves them out, then adds back, in
    // order, every one that still fits.
    const draftNotice = notice(['the unified diffs of 9999 of 9999 files', ...step.says], cap);
    const base = renderMarkdown(review, { ...step.detail, patches: new Set(), truncation: draftNotice });
    let budget = cap - utf8Length(base);
    if (budget < 0) continue;
    const included = new Set<string>();
    if (step.detail.fileList) {
      for (const f of withPatches) {
        // A block replaces the file's one-line entry; its cost is the difference, plus a margin for the blank line.
        const cost = utf8Length(patchBlock(f)) + 2;
        if (cost <= budget) {
          included.add(f.path);
          budget -= cost;
        }
      }
    }
    const omitted = withPatches.length - included.size;
    const says = [...(omitted > 0 ? [`the unified diffs of ${omitted} of ${withPatches.length} files`] : []), ...step.says];
    const text = renderMarkdown(review, { ...step.detail, patches: included, truncation: says.length ? notice(says, cap) : [] });
    if (utf8Length(text) <= cap) return { text, truncated: true };
  }
  // Nothing else to leave out: cut the text itself, at a line boundary, and say so.
  const tail = `\n\n> **Cut at ${cap.toLocaleString('en-US')} characters to fit a pull-request comment.** ${HOW_TO_SEE_ALL}\n`;
  const last = renderMarkdown(review, { ...STEPS[STEPS.length - 1]!.detail, patches: new Set(), truncation: [] });
  let cut = Buffer.from(last, 'utf8').subarray(0, Math.max(0, cap - utf8Length(tail))).toString('utf8');
  cut = cut.replace(/\uFFFD$/, '');
  const nl = cut.lastIndexOf('\n');
  if (nl > 0) cut = cut.slice(0, nl);
  return { text: cut + tail, truncated: true };
}
