// The rbc command line, run in-process: exit codes, the FILE:LINE:COL line a user reads, the
// --json shape a tool reads, and `rbc schema`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/main.js';
import { REPO } from '../support/compile.js';

const BASE = readFileSync(`${REPO}test/fixtures/bad/base.yaml`, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'rbc-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rbc(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** Writes the base fixture with one edit; returns the path and the text. */
function broken(name: string, from: string, to: string): { file: string; text: string } {
  const at = BASE.indexOf(from);
  if (at < 0 || BASE.indexOf(from, at + 1) >= 0) throw new Error(`'${from}' must occur exactly once`);
  const text = BASE.slice(0, at) + to + BASE.slice(at + from.length);
  const file = join(tmp, name);
  writeFileSync(file, text);
  return { file, text };
}

function lineCol(text: string, needle: string, inner = '', nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  at += inner ? needle.indexOf(inner) : 0;
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}

describe('rbc check on a broken blueprint exits 1 and names the place', () => {
  it('an unknown key', async () => {
    const { file, text } = broken('unknown-key.yaml', '    nics: 2\n', '    nic: 2\n');
    const r = await rbc('check', file);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual([
      `${file}:${lineCol(text, 'nic: 2')}: error RBC1010: Unknown key 'nic' in gateways[0]; remove it; did you mean 'nics'?`,
      '1 error(s), 0 warning(s).',
      '',
    ]);
    expect(r.out).toBe('');
  });

  it('a YAML syntax error', async () => {
    const { file, text } = broken('syntax.yaml', '  name: Test deployment\n', '\tname: Test deployment\n');
    const r = await rbc('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}:${lineCol(text, '\tname')}: error RBC1005: YAML syntax error: tab characters must not be used in indentation; fix the YAML at this position.\n`);
  });

  it('a dangling reference', async () => {
    const { file, text } = broken('dangling.yaml', 'provider: citynet', 'provider: citynett');
    const r = await rbc('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${file}:${lineCol(text, 'provider: citynett', 'citynett')}: error RBC2002: Provider 'citynett' does not exist; refer to an existing provider; did you mean 'citynet'?\n`,
    );
  });

  it('a duplicate id', async () => {
    const { file, text } = broken('duplicate.yaml', '  - id: gw-branch\n', '  - id: gw-b\n    form: appliance\n    placement: { site: neu-ulm }\n  - id: gw-branch\n');
    const r = await rbc('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${file}:${lineCol(text, 'id: gw-b', 'gw-b', 1)}: error RBC2001: Duplicate gateway id 'gw-b' (first defined at line ${lineCol(text, 'id: gw-b').split(':')[0]}); give each gateway its own id.\n`,
    );
  });

  it('several errors, all of them, sorted by line', async () => {
    const { file } = broken('several.yaml', 'users: 180', 'users: lots');
    writeFileSync(file, readFileSync(file, 'utf8').replace('role: branch', 'role: brnch').replace('kind: isdn-pri', 'kind: isdn'));
    const r = await rbc('check', file);
    expect(r.code).toBe(1);
    const lines = r.err.split('\n').filter((l) => l.includes(' error RBC'));
    expect(lines).toHaveLength(3);
    const numbers = lines.map((l) => Number(l.slice(file.length + 1).split(':')[0]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(r.err).toContain('3 error(s), 0 warning(s).');
  });

  it('a file that does not exist', async () => {
    const r = await rbc('check', join(tmp, 'nothing.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(tmp, 'nothing.yaml')}: error RBC1001: Cannot read blueprint`);
  });
});

describe('rbc check --json', () => {
  it('prints every diagnostic on stdout in a stable shape', async () => {
    const { file, text } = broken('json.yaml', 'role: headquarters', 'role: headquarter');
    const r = await rbc('check', '--json', file);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out) as { diagnostics: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['diagnostics']);
    expect(parsed.diagnostics).toEqual([
      {
        code: 'RBC1013',
        name: 'BadValue',
        category: 'error',
        message: "'sites[0].role' is not one of the allowed values: headquarters, branch, datacenter.",
        hint: "Use one of them; did you mean 'headquarters'?",
        location: { file, line: Number(lineCol(text, 'role: headquarter', 'headquarter').split(':')[0]), column: Number(lineCol(text, 'role: headquarter', 'headquarter').split(':')[1]) },
      },
    ]);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    ['a missing blueprint argument', ['check']],
    ['an unknown command', ['frobnicate']],
    ['an unknown option', ['check', '--frobnicate', 'x.yaml']],
    ['a bad choice', ['check', '--format', 'xml', 'x.yaml']],
  ])('%s', async (_what, argv) => {
    const r = await rbc(...argv);
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expect(r.out).toBe('');
  });

  it('--help and --version exit 0', async () => {
    expect((await rbc('--help')).code).toBe(0);
    const v = await rbc('--version');
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('rbc schema', () => {
  it('prints the published JSON Schema, byte for byte', async () => {
    const r = await rbc('schema');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(`${REPO}schema/blueprint.schema.json`, 'utf8'));
    expect(JSON.parse(r.out).title).toBe('rbc blueprint');
  });
});
