// docs/review.md stays true: its workflow parses, the `rbc diff --base` command it runs works on a
// repository with two commits, and its sample comment is exactly what rbc prints for that change
// (RBC_UPDATE_DOCS=1 rewrites the sample).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fenced } from '../../review/index.js';
import { REPO } from '../support/compile.js';
import { tempDir } from './support/fixture-output.js';
import { exampleText, variantText } from './support/variants.js';

const DOC = join(REPO, 'docs/review.md');
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENTRY = join(REPO, 'test/review/support/rbc-entry.ts');
const BLUEPRINT = 'blueprints/meyer-logistics.yaml';
const TODAY = '2026-01-01';

function between(text: string, begin: string, end: string): { start: number; end: number; body: string } {
  const s = text.indexOf(begin);
  const e = text.indexOf(end, s);
  if (s < 0 || e < 0) throw new Error(`docs/review.md lacks ${begin} ... ${end}`);
  return { start: s + begin.length, end: e, body: text.slice(s + begin.length, e) };
}

/** Shell words of a command line (single and double quotes; no expansions needed here). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' };
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Reviewer', '-c', 'user.email=reviewer@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, env: gitEnv, encoding: 'utf8' });

/** rbc from the sources, in its own process, as the workflow runs it (asynchronous: the test runner stays responsive). */
function rbcIn(cwd: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, ...args], { cwd, env: { ...gitEnv, RBC_TODAY: TODAY } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const doc = readFileSync(DOC, 'utf8');
const workflowText = between(doc, '<!-- workflow:begin -->\n```yaml\n', '```\n<!-- workflow:end -->').body;
/* eslint-disable @typescript-eslint/no-explicit-any */
const workflow = parse(workflowText) as any;
const diffStep = (workflow.jobs['rbc-diff'].steps as any[]).find((s) => typeof s.run === 'string' && s.run.includes('rbc diff'));
const commandLine = (diffStep.run as string).split('\n').find((l) => l.includes('npx rbc diff'))!.trim();

let repo: string;
beforeAll(() => {
  repo = tempDir('rbc-review-repo-');
  git(repo, 'init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'blueprints'));
  writeFileSync(join(repo, BLUEPRINT), exampleText());
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'Meyer Logistik: the deployment as agreed');
  // what actions/checkout with fetch-depth: 0 leaves behind: the base branch as origin/main
  git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  git(repo, 'checkout', '-q', '-b', 'drop-swu-trunk');
  writeFileSync(join(repo, BLUEPRINT), variantText('remove-second-trunk'));
  git(repo, 'commit', '-q', '-am', 'Cancel the SWU TeleNet SIP trunk');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('the GitHub Actions workflow in docs/review.md', () => {
  it('checks out with the base branch, runs rbc diff --base against it, and keeps one comment by a marker', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions['pull-requests']).toBe('write');
    const steps = workflow.jobs['rbc-diff'].steps as any[];
    const checkout = steps.find((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout.with['fetch-depth']).toBe(0);
    expect(steps.some((s) => s.run === 'npm ci')).toBe(true);
    expect(commandLine).toBe('npx rbc diff --base "origin/${{ github.base_ref }}" blueprints/meyer-logistics.yaml --max-chars 65000 > rbc-diff.md');
    const comment = steps.find((s) => String(s.uses).startsWith('actions/github-script@'));
    expect(comment.with.script).toContain("const marker = '<!-- rbc-diff: blueprints/meyer-logistics.yaml -->'");
    expect(comment.with.script).toContain('updateComment');
    expect(comment.with.script).toContain('createComment');
    // the script is valid JavaScript (an async function body, as github-script runs it)
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...a: string[]) => unknown;
    expect(() => new AsyncFunction('require', 'github', 'context', comment.with.script)).not.toThrow();
  });

  it("its command works on a repository with two commits, and the sample comment is what rbc prints", async () => {
    const argv = words(commandLine.replace('${{ github.base_ref }}', 'main'));
    const redirect = argv.indexOf('>');
    const args = argv.slice(2, redirect < 0 ? undefined : redirect); // drop `npx rbc`, stop at the redirection
    expect(args.slice(0, 3)).toEqual(['diff', '--base', 'origin/main']);
    const r = await rbcIn(repo, args);
    expect(r.code, r.err).toBe(1); // removing the second trunk is a regression
    expect(r.out.length).toBeLessThanOrEqual(65_000);
    expect(r.out.split('\n')[0]).toMatch(/^### Redundancy regression/);
    expect(r.out).toContain('Compared `origin/main:blueprints/meyer-logistics.yaml` (old) with `blueprints/meyer-logistics.yaml` (new).');

    const sample = fenced('markdown', r.out);
    const current = between(doc, '<!-- sample:begin -->\n', '<!-- sample:end -->');
    if (process.env.RBC_UPDATE_DOCS === '1') {
      writeFileSync(DOC, doc.slice(0, current.start) + sample + '\n' + doc.slice(current.end));
      return;
    }
    expect(current.body, 'docs/review.md: the sample comment is stale; refresh it with RBC_UPDATE_DOCS=1 npx vitest run test/review/docs.test.ts').toBe(sample + '\n');
  }, 240_000);

  it('--base HEAD~1 from a subdirectory gives the same review; a blueprint new in the change is compared with nothing', async () => {
    const [viaOrigin, viaParent] = await Promise.all([
      rbcIn(repo, ['diff', '--format', 'json', '--base', 'origin/main', BLUEPRINT]),
      rbcIn(join(repo, 'blueprints'), ['diff', '--format', 'json', '--base', 'HEAD~1', 'meyer-logistics.yaml']),
    ]);
    expect(viaParent.code).toBe(1);
    const strip = (s: string) => {
      const j = JSON.parse(s);
      delete j.old;
      delete j.new;
      return j;
    };
    expect(strip(viaParent.out)).toEqual(strip(viaOrigin.out));
    expect(JSON.parse(viaParent.out).old.label).toBe('HEAD~1:blueprints/meyer-logistics.yaml');

    // unchanged: no changes
    const same = await rbcIn(repo, ['diff', '--base', 'HEAD', BLUEPRINT]);
    expect(same.out).toBe('No changes.\n');
    expect(same.code).toBe(0);

    writeFileSync(join(repo, 'blueprints/second.yaml'), exampleText());
    const fresh = await rbcIn(repo, ['diff', '--base', 'HEAD', 'blueprints/second.yaml']);
    expect(fresh.err).toContain("info RBC5112: 'blueprints/second.yaml' does not exist in 'HEAD'; it is compared with an empty side");
    expect(fresh.out).toContain('Compared `HEAD:blueprints/second.yaml` (old, nothing there) with `blueprints/second.yaml` (new).');
    expect(fresh.out).toContain('### New site: Ulm headquarters (`ulm`)');
  }, 480_000);
});
