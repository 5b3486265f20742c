// `rbc diff OLD NEW` and `rbc diff --base REF BLUEPRINT`: resolves each side to files in memory
// (an output directory as it is on disk, a blueprint compiled on the fly, the blueprint as it was
// in a git ref), then hands both to review/ and prints Markdown or JSON.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, relative, sep } from 'node:path';
import { analyse } from '../analysis/index.js';
import { DiagnosticBag, createDiagnostic, formatDiagnostic, type Diagnostic } from '../diagnostics/index.js';
import { canonicalJson } from '../load/canonical-json.js';
import { loadAny, loadBlueprintText, type LoadResult } from '../load/load.js';
import {
  FAIL_ON_LEVELS, MIN_CAP, ReviewInputError, emptyTree, failsOn, fitMarkdown, parseFailOn, readOutputDir, reviewTrees, treeFromArtifacts,
  type OutputTree,
} from '../review/index.js';
import type { Io } from './output.js';
import { generateArtifacts } from './pipeline.js';

export interface DiffCommandOptions {
  readonly base?: string;
  readonly format: 'md' | 'json';
  readonly failOn: string;
  readonly maxChars: string;
  readonly today?: string;
  readonly maxOrder: number;
}

const BLUEPRINT = /\.(ya?ml|json|ts|mts)$/i;

/** A problem that ends the command with exit code 2 (usage or unreadable input). */
class DiffStop extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

const stop = (name: Parameters<typeof createDiagnostic>[0], args: readonly unknown[], file?: string) =>
  new DiffStop([createDiagnostic(name, file ? { file } : {}, args)]);

/** `FILE: error RBCnnnn: ...`, or `rbc diff: ...` for a problem with no file. */
const format = (d: Diagnostic) => (d.location.file || d.location.path ? formatDiagnostic(d) : `rbc diff: ${formatDiagnostic(d).replace(/^<blueprint>: /, '')}`);

interface Context {
  readonly opts: DiffCommandOptions;
  readonly io: Io;
}

/** Analyses and generates every artifact of a loaded blueprint, in memory. */
async function compileLoaded(label: string, load: LoadResult, role: 'old' | 'new', ctx: Context): Promise<OutputTree> {
  const failed = (diagnostics: readonly Diagnostic[]) => {
    for (const d of diagnostics) if (d.category === 'error') ctx.io.err(formatDiagnostic(d) + '\n');
    const errors = diagnostics.filter((d) => d.category === 'error').length;
    if (role === 'new') throw stop('DiffBlueprintFailed', [label, errors]);
    ctx.io.err(format(createDiagnostic('DiffOldSideFailed', {}, [label, errors])) + '\n');
    return emptyTree(label);
  };
  if (!load.model || !load.inputHash) return failed(load.diagnostics);
  const assessment = analyse(load.model, { today: ctx.opts.today, maxOrder: ctx.opts.maxOrder });
  const bag = new DiagnosticBag();
  const { files } = await generateArtifacts(load.model, assessment, load.inputHash, { today: ctx.opts.today, maxOrder: ctx.opts.maxOrder }, bag);
  if (bag.hasErrors) return failed(bag.all);
  return treeFromArtifacts(label, files);
}

/** An output directory as it is, or a blueprint compiled on the fly. */
async function resolveSide(path: string, role: 'old' | 'new', ctx: Context): Promise<OutputTree> {
  if (!existsSync(path)) throw stop('DiffSideMissing', [path, 'no such file or directory']);
  if (statSync(path).isDirectory()) return readOutputDir(path, path);
  if (!BLUEPRINT.test(path)) throw stop('DiffSideUnknown', [path]);
  return compileLoaded(path, await loadAny(path), role, ctx);
}

function git(args: readonly string[], cwd: string): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) throw stop('GitUnavailable', [(r.error as NodeJS.ErrnoException).code ?? r.error.message]);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

/** The blueprint's bytes in `ref` (null when the file does not exist there), read from its own repository. */
export function readBlueprintAtRef(blueprint: string, ref: string): { bytes: Buffer | null; repoPath: string } {
  const real = realpathSync(blueprint);
  const top = git(['rev-parse', '--show-toplevel'], dirname(real));
  if (top.status !== 0) throw stop('NotInGitRepository', [blueprint]);
  const root = realpathSync(top.stdout.toString('utf8').trim());
  const repoPath = relative(root, real).split(sep).join('/');
  if (ref.startsWith('-') || /[\0\n]/.test(ref)) throw stop('GitRefUnknown', [ref, root]);
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (commit.status !== 0) throw stop('GitRefUnknown', [ref, root]);
  const sha = commit.stdout.toString('utf8').trim();
  const exists = git(['cat-file', '-e', `${sha}:${repoPath}`], root);
  if (exists.status !== 0) return { bytes: null, repoPath };
  const blob = git(['cat-file', 'blob', `${sha}:${repoPath}`], root);
  if (blob.status !== 0) throw stop('GitRefUnknown', [ref, root]);
  return { bytes: blob.stdout, repoPath };
}

async function resolveBase(ref: string, blueprint: string, ctx: Context): Promise<OutputTree> {
  if (!existsSync(blueprint)) throw stop('DiffSideMissing', [blueprint, 'no such file or directory']);
  if (statSync(blueprint).isDirectory() || !BLUEPRINT.test(blueprint)) throw stop('DiffSideUnknown', [blueprint]);
  if (/\.m?ts$/i.test(extname(blueprint))) throw stop('BaseTypeScriptApp', [blueprint, ref]);
  const { bytes, repoPath } = readBlueprintAtRef(blueprint, ref);
  // git's own notation; it keeps the extension, which tells the loader YAML from JSON.
  const label = `${ref}:${repoPath}`;
  if (!bytes) {
    ctx.io.err(format(createDiagnostic('BaseBlueprintNew', {}, [repoPath, ref])) + '\n');
    return emptyTree(label);
  }
  return compileLoaded(label, loadBlueprintText(label, bytes), 'old', ctx);
}

const MAX_CAP = 100_000_000;

function parseCap(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < MIN_CAP || n > MAX_CAP) throw stop('BadMaxChars', [text, MIN_CAP, MAX_CAP]);
  return n;
}

export async function diffCommand(sides: readonly string[], opts: DiffCommandOptions, io: Io): Promise<number> {
  const ctx: Context = { opts, io };
  try {
    const levels = parseFailOn(opts.failOn);
    if (!levels) throw stop('BadFailOn', [opts.failOn, FAIL_ON_LEVELS.join(', ')]);
    const cap = parseCap(opts.maxChars);
    let oldTree: OutputTree;
    let newTree: OutputTree;
    if (opts.base !== undefined) {
      if (sides.length !== 1) throw stop('DiffArguments', [`--base takes exactly one blueprint, got ${sides.length} argument(s)`]);
      oldTree = await resolveBase(opts.base, sides[0]!, ctx);
      newTree = await resolveSide(sides[0]!, 'new', ctx);
    } else {
      if (sides.length !== 2) throw stop('DiffArguments', [`rbc diff takes two sides (OLD NEW), got ${sides.length}`]);
      oldTree = await resolveSide(sides[0]!, 'old', ctx);
      newTree = await resolveSide(sides[1]!, 'new', ctx);
    }
    for (const tree of [oldTree, newTree]) {
      for (const note of tree.notes) io.err(format(createDiagnostic('DiffOutputEdited', {}, [tree.side.label, note.replace(`${tree.side.label}: `, '')])) + '\n');
    }
    const review = reviewTrees(oldTree, newTree);
    if (opts.format === 'json') io.out(canonicalJson(review, 2) + '\n');
    else io.out(fitMarkdown(review, cap).text);
    return failsOn(review, levels) ? 1 : 0;
  } catch (e) {
    const diagnostics = e instanceof DiffStop ? e.diagnostics : e instanceof ReviewInputError ? [e.diagnostic] : null;
    if (!diagnostics) throw e;
    for (const d of diagnostics) io.err(format(d) + '\n');
    return 2;
  }
}
