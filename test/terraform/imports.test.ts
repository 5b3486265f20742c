// The measured decisions on imports: never the provider package's barrel (seconds and hundreds of
// MB per process), and cdktf/provider imports only inside the terraform generator, so moving to
// the CDK Terrain fork changes import paths in one place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/compile.js';

const SKIP = new Set(['node_modules', 'dist', 'out', '.git', 'cdktf.out', '.gen']);
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) sources(full, out);
    else if (SOURCE.test(name)) out.push(full);
  }
  return out;
}

/** Module specifiers of import/export/require/import() in a source text. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const p of patterns) for (const m of text.matchAll(p)) out.push(m[1]!);
  return out;
}

const isProviderBarrel = (s: string) => /^@cdktf\/provider-aws(?:\/lib(?:\/index(?:\.js)?)?)?\/?$/.test(s) || /^@cdktn\/provider-aws(?:\/lib(?:\/index(?:\.js)?)?)?\/?$/.test(s);
const isCdk = (s: string) => /^(cdktf|cdktn)(\/|$)/.test(s) || /^@(cdktf|cdktn)\//.test(s);

describe('imports of cdktf and the AWS provider', () => {
  const files = sources(REPO);

  it('finds the repository sources', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith('generators/terraform/cdk.ts'))).toBe(true);
  });

  it('recognises the barrel in every spelling', () => {
    for (const s of ['@cdktf/provider-aws', '@cdktf/provider-aws/', '@cdktf/provider-aws/lib', '@cdktf/provider-aws/lib/index.js']) expect(isProviderBarrel(s), s).toBe(true);
    expect(isProviderBarrel('@cdktf/provider-aws/lib/vpc/index.js')).toBe(false);
    // Spelled in pieces so that this file does not contain the imports it looks for.
    const root = ['@cdktf', 'provider-aws'].join('/');
    const text = [`import * as aws from '${root}';`, `const x = require("${root}");`, `await import('${root}');`, `export { Vpc } from '${root}';`].join('\n');
    expect(specifiers(text)).toEqual([root, root, root, root]);
  });

  it('never imports the package root of @cdktf/provider-aws', () => {
    const offenders = files.flatMap((f) => specifiers(readFileSync(f, 'utf8')).filter(isProviderBarrel).map((s) => `${relative(REPO, f)}: ${s}`));
    expect(offenders).toEqual([]);
  });

  it('imports provider resources by deep path only', () => {
    const cdk = readFileSync(join(REPO, 'generators/terraform/cdk.ts'), 'utf8');
    const provider = specifiers(cdk).filter((s) => s.startsWith('@cdktf/provider-aws'));
    expect(provider.length).toBeGreaterThan(40);
    for (const s of provider) expect(s).toMatch(/^@cdktf\/provider-aws\/lib\/[a-z0-9-]+\/index\.js$/);
  });

  it('keeps cdktf and provider imports inside generators/terraform/cdk.ts (and its tests)', () => {
    const outside = files
      .filter((f) => !relative(REPO, f).startsWith('test/terraform/'))
      .flatMap((f) => specifiers(readFileSync(f, 'utf8')).filter(isCdk).map((s) => `${relative(REPO, f)}: ${s}`))
      .filter((x) => !x.startsWith('generators/terraform/cdk.ts:'));
    expect(outside).toEqual([]);
  });
});
