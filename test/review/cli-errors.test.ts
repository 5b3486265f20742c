// Bad input to `rbc diff` gives a coded error and exit code 2, never a stack trace.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOutput, tempDir, writeOutput } from './support/fixture-output.js';
import { rbc } from './support/run-rbc.js';
import { EXAMPLE_A } from './support/variants.js';

let root: string;
let out: string;
beforeAll(() => {
  root = tempDir();
  out = exampleOutput(join(root, 'out'), 'base');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function fails(args: string[], code: string, text?: string) {
  const r = await rbc(['diff', ...args]);
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toContain(`error ${code}`);
  if (text) expect(r.err).toContain(text);
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  return r;
}

describe('rbc diff usage errors', () => {
  it('a side that does not exist', async () => {
    await fails([out, join(root, 'nope')], 'RBC5102', `Cannot read '${join(root, 'nope')}': no such file or directory`);
  });

  it('a directory that is not an rbc output', async () => {
    const plain = join(root, 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'manifest.json'), '{"generator":"other"}');
    await fails([plain, out], 'RBC5103', 'is neither an rbc output directory nor a blueprint');
  });

  it('a file that is not a blueprint', async () => {
    const txt = join(root, 'notes.txt');
    writeFileSync(txt, 'hello');
    await fails([out, txt], 'RBC5103');
  });

  it('a new side that does not compile prints its errors and stops', async () => {
    const broken = join(root, 'broken.yaml');
    writeFileSync(broken, 'rbc: 1\ndeployment: {}\n');
    const r = await fails([out, broken], 'RBC5106', `Blueprint '${broken}' does not compile`);
    expect(r.err).toContain(`${broken}:`);
  });

  it('an old side that does not compile is compared as empty, with a warning', async () => {
    const broken = join(root, 'broken-old.yaml');
    writeFileSync(broken, 'rbc: 1\ndeployment: {}\n');
    const r = await rbc(['diff', broken, out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('warning RBC5107');
    expect(r.out).toContain(`Compared \`${broken}\` (old, nothing there) with`);
    expect(r.out).toContain('### New site: Ulm headquarters (`ulm`)');
  });

  it('a corrupt analysis.json', async () => {
    const bad = writeOutput(join(root, 'bad-analysis'), { files: { 'analysis.json': '{"version": 7}' } });
    await fails([out, bad], 'RBC5104', 'analysis.json has version 7, this rbc reads version 1');
    const notJson = writeOutput(join(root, 'not-json'), { files: { 'analysis.json': '{' } });
    await fails([out, notJson], 'RBC5104', 'analysis.json is not JSON');
  });

  it('wrong number of sides, unknown --fail-on level, --base with two sides', async () => {
    await fails([out], 'RBC5101', 'rbc diff takes two sides (OLD NEW), got 1');
    await fails([out, out, out], 'RBC5101');
    await fails(['--fail-on', 'regression,sometimes', out, out], 'RBC5113', "'regression,sometimes' is not a --fail-on level");
    await fails(['--base', 'HEAD', out, out], 'RBC5101', '--base takes exactly one blueprint, got 2');
  });

  it('--base with a TypeScript app, a ref that names no commit, a ref that looks like an option', async () => {
    const app = EXAMPLE_A.replace(/\.yaml$/, '.ts');
    await fails(['--base', 'HEAD', app], 'RBC5111');
    await fails(['--base', 'no-such-branch-anywhere', EXAMPLE_A], 'RBC5110', "Git ref 'no-such-branch-anywhere' does not name a commit");
    await fails(['--base', '--output=/tmp/x', EXAMPLE_A], 'RBC5110');
  });

  it('--base on a blueprint outside any git repository', async () => {
    const copy = join(root, 'a.yaml');
    writeFileSync(copy, 'rbc: 1\n');
    // the temporary directory is not inside a repository (GIT_CEILING_DIRECTORIES keeps git from looking above it)
    const before = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = root;
    try {
      await fails(['--base', 'HEAD', copy], 'RBC5109', `'${copy}' is not inside a git repository`);
    } finally {
      if (before === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = before;
    }
  });

  it('an output directory edited after rbc wrote it: a warning, and the edit shows in the diff', async () => {
    const edited = exampleOutput(join(root, 'edited'), 'base');
    writeFileSync(join(edited, 'devices/ulm/pbx-east/prometheus.yml'), 'scrape_configs: []\n');
    const r = await rbc(['diff', out, edited]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning RBC5105: Output directory '${edited}' differs from its manifest: 1 file(s) changed after rbc wrote them (devices/ulm/pbx-east/prometheus.yml)`);
    expect(r.out).toContain('> Note: ');
    expect(r.out).toContain('<details><summary>devices/ulm/pbx-east/prometheus.yml changed');
  });
});
