// The README's five-minute tour must keep working as written.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/main.js';
import { REPO } from '../support/compile.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const tour = readme.slice(readme.indexOf('## A five-minute tour'), readme.indexOf('## The output directory'));
const block = /```sh\n([\s\S]*?)```/.exec(tour)![1]!;
/** The tour's `npx rbc …` commands, continuation lines joined. */
const commands = block
  .replace(/\\\n\s*/g, '')
  .split('\n')
  .filter((l) => l.startsWith('npx rbc '))
  .map((l) => l.replace(/^npx rbc /, '').replace(/\s*>.*$/, ''));

const tmp = mkdtempSync(join(tmpdir(), 'rbc-readme-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rbc(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const prev = process.cwd();
  process.chdir(REPO);
  try {
    const code = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.chdir(prev);
  }
}

describe('the README tour', () => {
  it('lists the commands it promises', () => {
    expect(commands.map((c) => c.split(' ')[0])).toEqual(['check', 'compile', 'explain', 'diff', 'schema']);
  });

  it.each(commands.filter((c) => !c.startsWith('diff')))('rbc %s works as written', async (command) => {
    const args = command.split(/\s+/).map((a) => (a === 'out' ? join(tmp, 'out') : a));
    const r = await rbc(args);
    expect(r.code, r.err).toBe(0);
    if (args[0] === 'compile') for (const f of ['manifest.json', 'model.json', 'analysis.json', 'runbooks', 'devices']) expect(existsSync(join(tmp, 'out', f)), f).toBe(true);
    if (args[0] === 'explain') expect(r.out).toMatch(/Verdict:\s+SURVIVES/);
    if (args[0] === 'schema') expect(JSON.parse(r.out).title).toBe('rbc blueprint');
  });

  it('rbc diff of two compiles of the same blueprint says there is no change', async () => {
    const bp = 'blueprints/a-single-site-hot-standby.yaml';
    const r = await rbc(['diff', bp, bp]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('No changes');
  });
});
