// Golden files of the cloud examples' Terraform output, so that every change to the generated
// stacks shows up in review. Normalised: the cdktf version in the metadata is replaced, so that
// moving to another cdktf release (or the CDK Terrain fork) changes only real content.
// Update after an intended change: RBC_UPDATE_GOLDEN=1 npx vitest run test/terraform/golden.test.ts
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../load/canonical-json.js';
import { REPO } from '../support/compile.js';
import { EXAMPLES, examplePath, fixturePath, generated } from './support.js';

const GOLDEN = join(REPO, 'test/terraform/golden');
const UPDATE = process.env['RBC_UPDATE_GOLDEN'] === '1';

export function normalise(path: string, content: string): string {
  if (!path.endsWith('.json')) return content;
  const json = JSON.parse(content) as Record<string, unknown>;
  const meta = (json['//'] as { metadata?: { version?: string } } | undefined)?.metadata;
  if (meta?.version) meta.version = '<cdktf>';
  if (path.endsWith('manifest.json') && typeof json['version'] === 'string') json['version'] = '<cdktf>';
  return canonicalJson(json, 2) + '\n';
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

const cases = [
  ...EXAMPLES.map((name) => ({ name, file: examplePath(name) })),
  { name: 'fixture-cloud-pbx-local-survivable', file: fixturePath('cloud-pbx-local-survivable') },
];

describe('golden Terraform output', () => {
  for (const c of cases) {
    it(`${c.name} matches test/terraform/golden/${c.name}/`, () => {
      const dir = join(GOLDEN, c.name);
      const files = new Map(generated(c.file).result.files.map((f) => [f.path.replace(/^terraform\//, ''), normalise(f.path, f.content as string)]));
      if (UPDATE) {
        rmSync(dir, { recursive: true, force: true });
        for (const [path, content] of files) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), content);
        }
      }
      expect(listFiles(dir).sort(), 'set of files (RBC_UPDATE_GOLDEN=1 to accept)').toEqual([...files.keys()].sort());
      for (const [path, content] of files) expect(content, `${c.name}/${path} (RBC_UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(join(dir, path), 'utf8'));
    });
  }
});
