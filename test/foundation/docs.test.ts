// Generated documents are committed; they must match what their generators render now, and
// the published JSON Schema must be the one rbc validates with.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS } from '../../docs/gen/all.js';
import { staleDocs } from '../../docs/gen/write.js';
import { blueprintJsonSchema } from '../../schema/json-schema.js';
import { Diagnostics } from '../../diagnostics/catalogue.js';
import { REPO } from '../support/compile.js';

describe('generated documents', () => {
  it.each(DOCS.map((d) => [d.file, d] as const))('%s is up to date (run: npx tsx docs/gen/write.ts)', (file, d) => {
    expect(readFileSync(`${REPO}${file}`, 'utf8'), `${file} is stale; run npx tsx docs/gen/write.ts`).toBe(d.render());
  });

  it('are listed once each, and write.ts agrees that none is stale', () => {
    expect(new Set(DOCS.map((d) => d.file)).size).toBe(DOCS.length);
    expect(staleDocs()).toEqual([]);
  });

  it('render the same bytes twice', () => {
    for (const d of DOCS) expect(d.render()).toBe(d.render());
  });
});

describe('schema/blueprint.schema.json', () => {
  const committed = JSON.parse(readFileSync(`${REPO}schema/blueprint.schema.json`, 'utf8'));

  it('is the schema rbc validates blueprints with', () => {
    expect(committed).toEqual(blueprintJsonSchema());
  });

  it('is what every example blueprint names for editors', () => {
    for (const f of ['a-single-site-hot-standby.yaml', 'b-option1-master-slave.yaml', 'g-cloud-cold-standby.yaml']) {
      expect(readFileSync(`${REPO}blueprints/${f}`, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/blueprint.schema.json');
    }
  });
});

describe('docs/blueprint-reference.md', () => {
  const text = readFileSync(`${REPO}docs/blueprint-reference.md`, 'utf8');

  it('has a row for every field of the schema, with its default', () => {
    const fields: string[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
      for (const [k, v] of Object.entries(n.properties ?? {})) {
        fields.push(k);
        walk(v);
      }
      walk(n.items);
      (n.anyOf ?? []).forEach(walk);
    };
    walk(blueprintJsonSchema());
    for (const f of new Set(fields)) expect(text, `field ${f}`).toContain(`| \`${f}\` |`);
    // e.g. a documented default from schema/blueprint.ts
    expect(text).toMatch(/\| `autonomyMinutes` \| number 0 to 525600 \| yes \|/);
    expect(text).toMatch(/\| `responseMinutes` \| number 0 to 525600 \| no \| 30 \|/);
  });
});

describe('docs/diagnostics.md', () => {
  const text = readFileSync(`${REPO}docs/diagnostics.md`, 'utf8');

  it('lists every code of the catalogue with its name', () => {
    for (const [name, d] of Object.entries(Diagnostics)) expect(text).toContain(`| RBC${d.code} | ${name} |`);
  });
});
