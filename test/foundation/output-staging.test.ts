// The writer: files go into a staging directory as generators make them, and only commit()
// makes them visible; any problem leaves the previous output byte for byte.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosticBag } from '../../diagnostics/index.js';
import { OutputStaging, writeOutputAtomically } from '../../write/write-output.js';

const root = mkdtempSync(join(tmpdir(), 'rbc-staging-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

describe('OutputStaging', () => {
  it('writes files, chunks and cached blobs, then a manifest of all of them', () => {
    const out = join(root, 'ok');
    const bag = new DiagnosticBag();
    const staging = OutputStaging.open(out, bag)!;
    staging.add({ path: 'runbooks/ulm.md', content: '# Ulm\n', site: 'ulm' });
    staging.addChunks('analysis.json', [Buffer.from('{"a":'), Buffer.from('1}\n')]);
    const blob = join(root, 'blob');
    writeFileSync(blob, 'cached\n');
    staging.addCached({ path: 'runbooks/neu-ulm.md', sha256: sha('cached\n'), bytes: 7, site: 'neu-ulm' }, blob);
    expect(existsSync(out)).toBe(false);
    expect(staging.commit('1.2.3', 'f'.repeat(64))).toBe(true);
    expect(bag.all).toEqual([]);
    expect(readFileSync(join(out, 'analysis.json'), 'utf8')).toBe('{"a":1}\n');
    // A cached file is the blob itself, not a copy.
    expect(statSync(join(out, 'runbooks/neu-ulm.md')).ino).toBe(statSync(blob).ino);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { artifacts: { path: string; sha256: string; bytes: number }[] };
    expect(manifest.artifacts).toEqual([
      { path: 'analysis.json', sha256: sha('{"a":1}\n'), bytes: 8 },
      { path: 'runbooks/neu-ulm.md', sha256: sha('cached\n'), bytes: 7 },
      { path: 'runbooks/ulm.md', sha256: sha('# Ulm\n'), bytes: 6 },
    ]);
    expect(readdirSync(root).filter((n) => n.includes('rbc-staging'))).toEqual([]);
  });

  it('reports unsafe and duplicate paths, and then leaves the previous output as it was', () => {
    const out = join(root, 'keep');
    const bag = new DiagnosticBag();
    expect(writeOutputAtomically(out, [{ path: 'a.txt', content: 'old\n' }], bag, '1', 'f'.repeat(64))).toBe(true);
    const before = readFileSync(join(out, 'manifest.json'));

    const staging = OutputStaging.open(out, bag)!;
    staging.add({ path: 'a.txt', content: 'new\n' });
    staging.add({ path: 'a.txt', content: 'again\n' });
    staging.add({ path: '../escape.txt', content: 'x' });
    expect(bag.all.map((d) => d.code)).toEqual(['RBC4002', 'RBC4001']);
    expect(bag.hasErrors).toBe(true);
    expect(staging.commit('1', 'f'.repeat(64))).toBe(false);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old\n');
    expect(readFileSync(join(out, 'manifest.json'))).toEqual(before);
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes('rbc-staging'))).toEqual([]);
  });

  it('refuses to replace a directory rbc did not write', () => {
    const out = join(root, 'foreign');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'mine');
    const bag = new DiagnosticBag();
    expect(OutputStaging.open(out, bag)).toBeNull();
    expect(bag.all.map((d) => d.code)).toEqual(['RBC4006']);
    expect(readFileSync(join(out, 'thesis.tex'), 'utf8')).toBe('mine');
  });
});
