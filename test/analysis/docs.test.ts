// docs/rules.md is generated from the rules' metadata and must be current; the examples in
// docs/analysis.md are real commands whose output must be what rbc prints.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../analysis/rules/registry.js';
import type { DomainKind } from '../../analysis/types.js';
import { run } from '../../cli/main.js';
import { renderRules } from '../../docs/gen/rules.js';
import { REPO } from '../support/compile.js';

const analysisDoc = readFileSync(`${REPO}docs/analysis.md`, 'utf8');

describe('docs/rules.md', () => {
  it('is what the rules\' metadata renders (run: npx tsx docs/gen/write.ts)', () => {
    expect(readFileSync(`${REPO}docs/rules.md`, 'utf8')).toBe(renderRules());
  });

  it('names each rule\'s source file, which exists', () => {
    for (const r of RULES) {
      const file = `analysis/rules/${r.meta.id.slice(4).toLowerCase()}-${r.meta.name}.ts`;
      expect(existsSync(`${REPO}${file}`), file).toBe(true);
      expect(renderRules()).toContain(file);
    }
  });
});

describe('docs/analysis.md', () => {
  it('documents every kind of failure domain and scenario class', () => {
    const kinds: DomainKind[] = ['site', 'building', 'fire-zone', 'mains-feed', 'cooling', 'supply-line', 'provider', 'device', 'uplink', 'cloud-az', 'cloud-region'];
    const table = analysisDoc.slice(analysisDoc.indexOf('## Failure domains'), analysisDoc.indexOf('## Liveness'));
    for (const k of kinds) expect(table, k).toContain(`\`${k}:`);
    for (const c of ['fire zone', 'building', 'site', 'supply line', 'overheating', 'power outage', 'technical damage', 'provider outage', 'WAN outage', 'cloud AZ', 'cloud region']) {
      expect(analysisDoc.slice(analysisDoc.indexOf('## Scenarios')), c).toContain(c);
    }
  });

  const examples = [...analysisDoc.matchAll(/```console\n\$ rbc (.+)\n([\s\S]*?)```/g)].map((m) => ({ argv: m[1]!.split(' '), expected: m[2]! }));

  it('has examples to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples.map((e) => [e.argv.join(' '), e] as const))('$ rbc %s', async (_, e) => {
    let out = '';
    const code = await run(
      e.argv.map((a) => (a.startsWith('blueprints/') ? `${REPO}${a}` : a)),
      { out: (t) => void (out += t), err: () => {} },
    );
    expect(code).toBe(0);
    expect(out).toBe(e.expected);
  });
});
