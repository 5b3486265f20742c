// The Review as Markdown for a pull-request comment: the headline, then redundancy (policies,
// survival and switchover per site, points of failure, findings), then Terraform (destroys
// first), then device configs and runbooks with unified diffs in collapsible blocks. How much
// detail goes in is a parameter, so that the size cap can leave out the least important parts.
import { code, fenced, html, md } from './markdown-text.js';
import { formatSeconds } from './survival-diff.js';
import { compareStrings } from './sort.js';
import type {
  BlockChange, CutSetChange, FileChange, FindingChange, PolicyChange, Review, SiteRedundancy, StackChange, SurvivalChange, SwitchoverChange, ViolationRef,
} from './types.js';
import { andList, survive } from './wording.js';

export interface MarkdownDetail {
  /** Paths whose unified diff is shown; `all` shows every one. */
  readonly patches: 'all' | ReadonlySet<string>;
  /** Arguments of added resources. */
  readonly addedArguments: boolean;
  /** Changed arguments of changed and moved resources. */
  readonly changedArguments: boolean;
  /** `all` lists every block; `destroys` lists only what is destroyed (with counts per stack). */
  readonly blocks: 'all' | 'destroys';
  /** List each changed file (otherwise counts per group). */
  readonly fileList: boolean;
  /** Longest list of redundancy items (lost, gained, switchovers, ...) before "and N more". */
  readonly listLimit: number;
  /** Lines saying what was left out, shown under the headline. */
  readonly truncation: readonly string[];
}

export const FULL_DETAIL: MarkdownDetail = {
  patches: 'all',
  addedArguments: true,
  changedArguments: true,
  blocks: 'all',
  fileList: true,
  listLimit: Number.POSITIVE_INFINITY,
  truncation: [],
};

const STATE = { met: 'met', violated: '**violated**', absent: 'absent' } as const;

function capped<T>(items: readonly T[], limit: number, line: (x: T) => string, indent = ''): string[] {
  const out = items.slice(0, limit).map(line);
  if (items.length > limit) out.push(`${indent}- … and ${items.length - limit} more (see \`rbc diff --format json\`)`);
  return out;
}

const scenario = (s: { label: string }) => `*${md(s.label)}*`;

/** Items grouped by a key, in the order their first member appears. */
function grouped<T>(items: readonly T[], key: (x: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  return [...groups.values()];
}

const bold = (names: readonly string[]) => andList(names.map((n) => `**${md(n)}**`));
const verb = (names: readonly string[], one: (n: string) => string, many: string) => (names.length === 1 ? one(names[0]!) : many);

function violationLines(lead: string, list: readonly ViolationRef[], limit: number): string[] {
  const groups = grouped(list, (v) => `${v.site}\u0000${v.scenario.id}\u0000${v.reason}`);
  return capped(groups, limit, (g) => {
    const v = g[0]!;
    return `  - ${lead}: ${bold(g.map((x) => x.serviceName))} at ${md(v.siteName)} under ${scenario(v.scenario)}: ${md(v.reason)}`;
  }, '  ');
}

function policyLines(p: PolicyChange, limit: number): string[] {
  const desc = p.description ? ` (${md(p.description)})` : '';
  const state = p.before === p.after ? `still ${STATE[p.after]}` : `${STATE[p.before]} → ${STATE[p.after]}`;
  return [
    `- ${code(p.policy)}${desc}: ${state}`,
    ...violationLines('**newly violated**', p.newViolations, limit),
    ...violationLines('no longer violated', p.resolvedViolations, limit),
  ];
}

function lostLine(g: readonly SurvivalChange[]): string {
  const l = g[0]!;
  const names = g.map((x) => x.serviceName);
  const self = l.cut.length === 1 && l.cut[0] === l.scenario.label;
  const cut = l.cut.length && !self ? ` Cut by: ${l.cut.map(md).join(', ')}.` : '';
  const fresh = l.newScenario ? ' (not analysed before)' : '';
  return `- ${scenario(l.scenario)}${fresh}: ${bold(names)} no longer ${verb(names, survive, 'survive')}. ${md(l.reason)}${cut}`.trimEnd();
}

function gainedLine(g: readonly SurvivalChange[]): string {
  const x = g[0]!;
  const names = g.map((y) => y.serviceName);
  return `- ${scenario(x.scenario)}: ${bold(names)} now ${verb(names, survive, 'survive')}. ${md(x.reason)}`.trimEnd();
}

function switchoverLine(g: readonly SwitchoverChange[]): string {
  const c = g[0]!;
  const manual = (auto: boolean) => (auto ? '' : ', manual');
  const delta = c.afterSeconds - c.beforeSeconds;
  const trend = delta > 0 ? `+${formatSeconds(delta)}` : delta < 0 ? `−${formatSeconds(-delta)}` : 'same time';
  const beyond = c.beyondPolicies.length
    ? ` — **beyond policy** ${c.beyondPolicies
        .map((p) => `${code(p.policy)} (${p.maxSwitchoverSeconds !== null ? `max ${formatSeconds(p.maxSwitchoverSeconds)}` : 'no limit'}${p.automatic ? ', automatic' : ''})`)
        .join(', ')}`
    : '';
  const parts = c.afterParts.length ? ` Now: ${c.afterParts.map(md).join(' + ')}.` : '';
  return `- ${scenario(c.scenario)}: ${bold(g.map((x) => x.serviceName))} ${formatSeconds(c.beforeSeconds)}${manual(c.beforeAutomatic)} → ${formatSeconds(c.afterSeconds)}${manual(c.afterAutomatic)} (${trend})${beyond}.${parts}`;
}

const survivalKey = (x: SurvivalChange) => `${x.scenario.id}\u0000${x.reason}\u0000${x.cut.join('+')}\u0000${x.newScenario}`;
const switchoverKey = (c: SwitchoverChange) =>
  JSON.stringify([c.scenario.id, c.beforeSeconds, c.afterSeconds, c.beforeAutomatic, c.afterAutomatic, c.afterParts, c.beyondPolicies]);
const byScenario = <T extends { scenario: { id: string }; service: string }>(xs: readonly T[]) =>
  [...xs].sort((a, b) => compareStrings(a.scenario.id, b.scenario.id) || compareStrings(a.service, b.service));

function siteLines(s: SiteRedundancy, limit: number): string[] {
  const title = `${md(s.name)} (${code(s.site)})`;
  if (s.status === 'added') {
    const lines = [`### New site: ${title}`, ''];
    lines.push(
      ...capped(s.addedServices, limit, (e) => {
        const not = e.notSurviving.length ? `; does not survive ${e.notSurviving.map(scenario).join(', ')}` : '; survives every one';
        return `- **${md(e.serviceName)}**: ${e.analysed} scenarios analysed${not}`;
      }),
    );
    return lines;
  }
  if (s.status === 'removed') {
    return [`### Removed site: ${title}`, '', `Services no longer analysed there: ${s.removedServices.map(code).join(', ')}.`];
  }
  const lines = [`### ${title}`];
  const block = (heading: string, items: string[]) => {
    if (items.length) lines.push('', `**${heading}**`, '', ...items);
  };
  const switchovers = (keep: (c: SwitchoverChange) => boolean) => capped(grouped(byScenario(s.switchover.filter(keep)), switchoverKey), limit, switchoverLine);
  block('No longer survives', capped(grouped(byScenario(s.lost), survivalKey), limit, lostLine));
  block('Switchover beyond a policy', switchovers((c) => c.beyondPolicies.length > 0));
  block('Switchover slower', switchovers((c) => c.beyondPolicies.length === 0 && c.afterSeconds >= c.beforeSeconds));
  block('Now survives', capped(grouped(byScenario(s.gained), survivalKey), limit, gainedLine));
  block('Switchover faster', switchovers((c) => c.beyondPolicies.length === 0 && c.afterSeconds < c.beforeSeconds));
  block(
    'Services added',
    capped(s.addedServices, limit, (e) => `- **${md(e.serviceName)}**: ${e.analysed} scenarios analysed${e.notSurviving.length ? `; does not survive ${e.notSurviving.map(scenario).join(', ')}` : ''}`),
  );
  if (s.removedServices.length) block('Services removed', [`- ${s.removedServices.map(code).join(', ')}`]);
  return lines;
}

const ORDER_NAME: Record<number, string> = { 1: 'single', 2: 'double', 3: 'triple' };

function cutLine(c: CutSetChange, limit: number): string {
  const kind = `${ORDER_NAME[c.order] ?? `order-${c.order}`} point of failure`;
  const what = c.domains.map((d) => md(d.label)).join(' + ');
  const pairs = (xs: readonly string[]) => (xs.length > limit ? `${xs.slice(0, limit).map(code).join(', ')} and ${xs.length - limit} more` : xs.map(code).join(', '));
  if (c.change === 'new') return `- **New ${kind}**: ${what} takes down ${pairs(c.affects)}`;
  if (c.change === 'removed') return `- Removed ${kind}: ${what} (took down ${pairs(c.affects)})`;
  const more = c.affectsAdded.length ? ` now also takes down ${pairs(c.affectsAdded)}` : '';
  const less = c.affectsRemoved.length ? `${more ? ';' : ''} no longer takes down ${pairs(c.affectsRemoved)}` : '';
  return `- ${kind[0]!.toUpperCase()}${kind.slice(1)} ${what}:${more}${less}`;
}

const FINDING_LEAD: Record<FindingChange['change'], string> = {
  new: '**New**',
  unacknowledged: '**No longer acknowledged**',
  acknowledged: 'Newly acknowledged',
  resolved: 'Resolved',
};

function findingLine(f: FindingChange): string {
  const ack = f.acknowledged ? ` — acknowledged by ${md(f.acknowledged.owner)} until ${md(f.acknowledged.expires)}: ${md(f.acknowledged.reason)}` : '';
  return `- ${FINDING_LEAD[f.change]} ${f.severity} ${code(f.rule)} at ${code(f.path)}: ${md(f.message)}${ack}`;
}

function redundancySection(r: Review, d: MarkdownDetail): string[] {
  const red = r.redundancy;
  const lines = ['## Redundancy', ''];
  if (!red.changed) {
    lines.push('No change in redundancy: every policy verdict, survival, switchover time, point of failure and rule finding is the same.');
    return lines;
  }
  if (red.policies.length) {
    lines.push('### Policies', '');
    for (const p of red.policies.slice(0, d.listLimit)) lines.push(...policyLines(p, d.listLimit));
    if (red.policies.length > d.listLimit) lines.push(`- … and ${red.policies.length - d.listLimit} more`);
    lines.push('');
  } else {
    lines.push('Policies: no verdict changed.', '');
  }
  // Sites that lost something come first, so that a shortened list still shows them.
  const weight = (s: SiteRedundancy) => (s.lost.length || s.switchover.some((c) => c.beyondPolicies.length) ? 0 : s.status === 'changed' ? 1 : 2);
  const sites = [...red.sites].sort((a, b) => weight(a) - weight(b) || compareStrings(a.site, b.site));
  for (const s of sites.slice(0, d.listLimit)) lines.push(...siteLines(s, d.listLimit), '');
  if (sites.length > d.listLimit) lines.push(`… and ${sites.length - d.listLimit} more sites (see \`rbc diff --format json\`)`, '');
  if (red.pointsOfFailure.length) {
    const shown = red.pointsOfFailure.filter((c) => c.change !== 'absorbed');
    const absorbed = red.pointsOfFailure.filter((c) => c.change === 'absorbed');
    lines.push('### Points of failure', '', ...capped(shown, d.listLimit, (c) => cutLine(c, d.listLimit)));
    if (absorbed.length) {
      const n = absorbed.length;
      lines.push(`- ${n} ${n === 1 ? 'combination' : 'combinations'} of failures no longer listed: a single failure inside ${n === 1 ? 'it' : 'each'} now does the same damage`);
    }
    lines.push('');
  }
  if (red.findings.length) {
    lines.push('### Rule findings', '', ...capped(red.findings, d.listLimit, findingLine), '');
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const CHANGE_WORD: Record<BlockChange['change'], string> = { destroy: '**destroy**', move: 'move', add: 'add', change: 'change', remove: 'remove' };

function blockLines(b: BlockChange, d: MarkdownDetail): string[] {
  const kind = b.kind === 'resource' ? '' : `${b.kind} `;
  const head =
    b.change === 'move'
      ? `- move ${code(b.from ?? '?')} → ${code(b.address)}${b.arguments.length ? ', and change it' : ''}`
      : `- ${CHANGE_WORD[b.change]} ${kind}${code(b.address)}${b.imported ? ' (import: adopts an existing object, creates nothing)' : ''}`;
  const lines = [head];
  if ((b.change === 'change' || b.change === 'move') && d.changedArguments) {
    for (const a of b.arguments) {
      const before = a.before === null ? '(absent)' : code(a.before);
      const after = a.after === null ? '(absent)' : code(a.after);
      lines.push(`  - ${code(a.path)}: ${before} → ${after}`);
    }
  }
  if (b.change === 'add' && d.addedArguments && b.arguments.length) {
    lines.push('', `  <details><summary>${b.arguments.length} argument(s)</summary>`, '');
    for (const a of b.arguments) lines.push(`  - ${code(a.path)} = ${a.after === null ? '(absent)' : code(a.after)}`);
    lines.push('', '  </details>', '');
  }
  return lines;
}

function stackLines(s: StackChange, d: MarkdownDetail): string[] {
  const status = s.status === 'added' ? ' (new stack)' : s.status === 'removed' ? ' (removed: run `terraform destroy` on it, or it keeps running unmanaged)' : '';
  const lines = [`### Stack ${code(s.stack)}${status}`, ''];
  const shown = d.blocks === 'all' ? s.blocks : s.blocks.filter((b) => b.change === 'destroy');
  for (const b of shown) lines.push(...blockLines(b, d));
  if (shown.length < s.blocks.length) {
    const count = (c: BlockChange['change']) => s.blocks.filter((b) => b.change === c).length;
    const parts = (['move', 'add', 'change', 'remove'] as const).filter((c) => count(c) > 0).map((c) => `${count(c)} ${c}`);
    lines.push(`- ${parts.join(', ')} (not listed here)`);
  }
  return lines;
}

function terraformSection(r: Review, d: MarkdownDetail): string[] {
  const t = r.terraform;
  const lines = ['## Terraform', ''];
  if (!t.changed) {
    lines.push('No change.');
    return lines;
  }
  const destroyed = t.stacks.flatMap((s) => s.blocks.filter((b) => b.change === 'destroy').map((b) => ({ s, b })));
  if (destroyed.length) {
    const where = [...new Set(destroyed.map((x) => x.s.stack))].map(code).join(', ');
    lines.push(`**${destroyed.length} resource(s) to destroy** in ${where}: check that this is intended before merging.`, '');
  }
  const { add, change, destroy, move, import: imported } = t.totals;
  lines.push(`Totals: ${destroy} to destroy, ${add} to add, ${imported} to import, ${change} to change, ${move} moved.`, '');
  for (const s of t.stacks) lines.push(...stackLines(s, d), '');
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const GROUP_TITLE = { devices: 'Device configs', runbooks: 'Runbooks', other: 'Other files (model.json is the resolved blueprint)' } as const;

function fileSummary(f: FileChange): string {
  const counts = f.binary ? '' : ` (+${f.additions} −${f.deletions})`;
  return `${f.status}${counts}`;
}

/** The collapsible block with a file's unified diff. */
export function patchBlock(f: FileChange): string {
  return [`<details><summary>${html(f.path)} ${html(fileSummary(f))}</summary>`, '', fenced('diff', f.patch ?? ''), '', '</details>'].join('\n');
}

function filesSection(r: Review, d: MarkdownDetail): string[] {
  const lines = ['## Device configs and runbooks', ''];
  if (r.files.length === 0) {
    lines.push('No change.');
    return lines;
  }
  for (const group of ['devices', 'runbooks', 'other'] as const) {
    const files = r.files.filter((f) => f.group === group);
    if (!files.length) continue;
    if (!d.fileList) {
      lines.push(`- ${GROUP_TITLE[group]}: ${files.length} file(s) changed (not listed here)`);
      continue;
    }
    lines.push(`**${GROUP_TITLE[group]}**`, '');
    for (const f of files) {
      const withPatch = f.patch !== null && (d.patches === 'all' || d.patches.has(f.path));
      if (withPatch) {
        lines.push(patchBlock(f), '');
      } else {
        const why = f.note ?? (f.patch !== null ? 'diff left out for size' : '');
        lines.push(`- ${code(f.path)} ${fileSummary(f)}${why ? ` — ${md(why)}` : ''}`, '');
      }
    }
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function sideText(s: Review['old'], role: 'old' | 'new'): string {
  return `${code(s.label)} (${role}${s.kind === 'empty' ? ', nothing there' : ''})`;
}

export function renderMarkdown(r: Review, d: MarkdownDetail = FULL_DETAIL): string {
  if (r.identical) {
    const notes = r.notes.map((n) => `\n${md(n)}\n`).join('');
    return `${r.headline}\n${notes}`;
  }
  const lines: string[] = [`### ${md(r.headline)}`, ''];
  lines.push(`Compared ${sideText(r.old, 'old')} with ${sideText(r.new, 'new')}.`, '');
  for (const t of d.truncation) lines.push(`> ${t}`);
  if (d.truncation.length) lines.push('');
  for (const n of r.notes) lines.push(`> Note: ${md(n)}`);
  if (r.notes.length) lines.push('');
  lines.push(...redundancySection(r, d), '', ...terraformSection(r, d), '', ...filesSection(r, d));
  return lines.join('\n') + '\n';
}
