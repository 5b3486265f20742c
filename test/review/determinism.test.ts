// The same blueprint gives byte-identical output whatever the time zone, locale, working
// directory and output directory name: every example in blueprints/ is compiled twice by the
// command line, in two processes that differ in all of these, and every byte is compared. No
// output may name an absolute path or a temporary directory.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../support/compile.js';
import { tempDir } from './support/fixture-output.js';

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENTRY = join(REPO, 'test/review/support/rbc-entry.ts');
const EXAMPLES = readdirSync(join(REPO, 'blueprints'))
  .filter((f) => /\.(ya?ml|json|ts)$/.test(f))
  .sort();

interface Run {
  readonly code: number;
  readonly stderr: string;
}

/** Runs `rbc ARGS` from the sources in a fresh process (no build needed) with the given environment. */
function rbcProcess(args: readonly string[], cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

function filesOf(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, p)).isDirectory()) out.push(...filesOf(dir, p));
    else out.push(p);
  }
  return out;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let root: string;
let cwdB: string;
beforeAll(() => {
  root = realpathSync(tempDir('rbc-determinism-'));
  cwdB = join(root, 'elsewhere-cwd');
  mkdirSync(cwdB);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('byte-identical output', () => {
  it('there are examples to compile', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(7);
  });

  it.each(EXAMPLES)('%s: same bytes under other TZ, locale, working directory and output name; no absolute paths', async (example) => {
    const outA = join(root, `a-${example}`);
    const outB = join(cwdB, 'nested', `second-${example}-out`);
    const [a, b] = await Promise.all([
      // west of UTC by 12 hours, the C locale, run from the repository with a relative blueprint path
      rbcProcess(['compile', '--no-cache', '-q', `blueprints/${example}`, '-o', outA], REPO, { TZ: 'Etc/GMT+12', LANG: 'C', LC_ALL: 'C' }),
      // east of UTC by 14 hours (another calendar day), a Turkish locale (its dotless i breaks naive case
      // folding), run from elsewhere with an absolute blueprint path and a relative output path
      rbcProcess(['compile', '--no-cache', '-q', join(REPO, 'blueprints', example), '-o', relative(cwdB, outB)], cwdB, {
        TZ: 'Pacific/Kiritimati',
        LANG: 'tr_TR.UTF-8',
        LC_ALL: 'tr_TR.UTF-8',
      }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);

    const files = filesOf(outA);
    expect(filesOf(outB)).toEqual(files);
    expect(files).toContain('manifest.json');
    expect(files).toContain('analysis.json');
    for (const f of files) {
      const x = readFileSync(join(outA, f));
      const y = readFileSync(join(outB, f));
      expect(x.equals(y), `${example}: ${f} differs between the two compiles`).toBe(true);
    }

    // The manifest lists every artifact but itself, with its sha256 and size, the rbc version and the input hash.
    const manifest = JSON.parse(readFileSync(join(outA, 'manifest.json'), 'utf8')) as {
      generator: string; rbcVersion: string; inputHash: string; artifacts: { path: string; sha256: string; bytes: number }[];
    };
    expect(manifest.generator).toBe('rbc');
    expect(manifest.rbcVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.inputHash).toMatch(/^[0-9a-f]{64}$/);
    if (!example.endsWith('.ts')) expect(manifest.inputHash).toBe(sha256(readFileSync(join(REPO, 'blueprints', example))));
    const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    expect(manifest.artifacts.map((x) => x.path)).toEqual(files.filter((f) => f !== 'manifest.json').sort(byCodeUnit));
    for (const art of manifest.artifacts) {
      const content = readFileSync(join(outA, art.path));
      expect({ path: art.path, sha256: sha256(content), bytes: content.length }).toEqual(art);
    }

    // Nothing names where it was compiled.
    const forbidden = [REPO.replace(/\/$/, ''), root, realpathSync(tmpdir()), tmpdir(), homedir(), basename(root), basename(outA), basename(outB), 'elsewhere-cwd'].filter(
      (s) => s.length > 1 && s !== '/',
    );
    for (const f of files) {
      const text = readFileSync(join(outA, f)).toString('latin1');
      for (const s of forbidden) expect(text.includes(s), `${example}: ${f} contains '${s}'`).toBe(false);
      expect(text, `${example}: ${f} contains an absolute path`).not.toMatch(/(^|[\s"'(=:])\/(tmp|home|Users|root|work|private\/var)\//);
    }
  }, 300_000);
});
