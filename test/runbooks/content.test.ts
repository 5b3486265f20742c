// Every example's runbooks, section by section, against the real analysis of the example.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Assessment } from '../../analysis/types.js';
import type { Model } from '../../model/types.js';
import { CHECKLIST } from '../../generators/runbooks/checklist.js';
import { scenarioTitle } from '../../generators/runbooks/format.js';
import { escapeMarkdownCell } from '../../generators/runbooks/escape.js';
import { EXAMPLES, generate, loadExample, markdownTables, section } from './support.js';

describe.each(EXAMPLES)('runbooks of %s', (name) => {
  let model: Model;
  let assessment: Assessment;
  let files: Map<string, string>;
  beforeAll(async () => {
    ({ model, assessment } = loadExample(name));
    files = await generate(model, assessment);
  });

  it('has an index and, per site, a Markdown and an HTML file, and nothing else', () => {
    const expected = ['runbooks/index.md', ...model.sites.flatMap((s) => [`runbooks/${s.id}.md`, `runbooks/${s.id}.html`])].sort();
    expect([...files.keys()].sort()).toEqual(expected);
    const index = files.get('runbooks/index.md')!;
    const table = markdownTables(index)[0]!;
    expect(table.rows.map((r) => r[0])).toEqual(model.sites.map((s) => `[${escapeMarkdownCell(s.name)}](${s.id}.md)`));
    for (const row of table.rows) expect(row[3]).toMatch(/^(ok|warnings|ATTENTION)$/);
    for (const s of model.sites) expect(index).toContain(`[HTML (print)](${s.id}.html)`);
  });

  it('tags every per-site file with its site, so incremental compiles and shards can split them', async () => {
    const { runbookFiles } = await import('../../generators/runbooks/generator.js');
    const list = await runbookFiles(model, assessment, {}, { renderSvg: async () => '<svg></svg>' });
    for (const f of list) expect(f.site, f.path).toBe(f.path === 'runbooks/index.md' ? undefined : f.path.replace(/^runbooks\/|\.(md|html)$/g, ''));
    const one = model.sites[model.sites.length - 1]!.id;
    const only = await runbookFiles(model, assessment, { sites: new Set([one]) }, { renderSvg: async () => '<svg></svg>' });
    expect(only.map((f) => f.path).sort()).toEqual([`runbooks/${one}.html`, `runbooks/${one}.md`, 'runbooks/index.md'].sort());
    expect(String(only.find((f) => f.path === 'runbooks/index.md')!.content)).toBe(files.get('runbooks/index.md'));
  });

  it('is the same, byte for byte, when generated again', async () => {
    const again = await generate(model, assessment);
    for (const [path, content] of files) expect(again.get(path), path).toBe(content);
  });

  it('1. summarises the site, its on-call, providers, promises and activation criteria', () => {
    for (const site of model.sites) {
      const md = files.get(`runbooks/${site.id}.md`)!;
      const facts = new Map(markdownTables(section(md, /^### 1\.1 /))[0]!.rows.map((r) => [r[0], r[1]]));
      expect(facts.get('Site')).toBe(escapeMarkdownCell(`${site.name} (${site.id})`));
      expect(facts.get('Users (phones)')).toBe(String(site.users));
      expect(facts.get('Emergency numbers')).toBe(site.emergency.numbers.join(', '));
      if (site.emergency.location) expect(facts.get('Emergency location')).toContain(site.emergency.location.area);
      const onCall = section(md, /^### 1\.2 /);
      expect(onCall).toContain(`On-call team **${site.onCall.team}**`);
      for (const c of site.onCall.contacts) if (c.phone) expect(onCall).toContain(escapeMarkdownCell(c.phone));
      const providers = markdownTables(section(md, /^### 1\.3 /))[0]!;
      const used = new Set([...model.trunks.filter((t) => t.site === site.id).map((t) => t.provider), ...site.uplinks.map((u) => u.provider), ...site.numberBlocks.map((n) => n.provider)]);
      for (const id of used) {
        const p = model.providers.find((x) => x.id === id)!;
        const row = providers.rows.find((r) => r[0] === escapeMarkdownCell(p.name));
        expect(row, p.name).toBeDefined();
        if (p.support?.phone) expect(row![2]).toContain(escapeMarkdownCell(p.support.phone));
        if (p.kind === 'carrier') expect(row![3]).toMatch(/^(automatic|on request only|none)/);
      }
      const policies = model.policies.filter((p) => p.sites.includes(site.id));
      const promises = section(md, /^### 1\.4 /);
      for (const p of policies) expect(promises).toContain(`| \`${p.id}\` |`);
      const activation = markdownTables(section(md, /^### 1\.6 /))[0];
      const singles = new Set(assessment.matrix.filter((v) => v.site === site.id).map((v) => v.scenario));
      const singleCount = [...singles].filter((id) => assessment.scenarios.find((s) => s.id === id)!.origin !== 'double').length;
      expect(activation?.rows.length ?? 0).toBe(singleCount);
    }
  });

  it('2. draws the topology as Mermaid in the Markdown and as an inline SVG in the HTML', () => {
    for (const site of model.sites) {
      const md = section(files.get(`runbooks/${site.id}.md`)!, /^## 2\. /);
      expect(md).toMatch(/```mermaid\nflowchart TB\n[\s\S]+\n```/);
      expect(files.get(`runbooks/${site.id}.html`)).toMatch(/<figure class="diagram">\s*<svg class="topology"/);
    }
  });

  it('3. holds the analysis matrix: one row per scenario, one column per service, every verdict in its cell', () => {
    for (const site of model.sites) {
      const md = files.get(`runbooks/${site.id}.md`)!;
      const verdicts = assessment.matrix.filter((v) => v.site === site.id);
      const table = markdownTables(section(md, /^## 3\. /))[0];
      const scenarios = new Set(verdicts.map((v) => v.scenario));
      expect(table?.rows.length ?? 0).toBe(scenarios.size);
      if (!table) continue;
      const violated = new Set(assessment.policies.flatMap((p) => p.violations.filter((v) => v.site === site.id).map((v) => `${v.service}|${v.scenario}`)));
      for (const v of verdicts) {
        const title = escapeMarkdownCell(scenarioTitle(assessment.scenarios.find((s) => s.id === v.scenario)!));
        const row = table.rows.find((r) => r[0] === title)!;
        const svc = model.services.find((s) => s.id === v.service)!;
        const col = table.header.indexOf(escapeMarkdownCell(svc.name));
        expect(col, svc.name).toBeGreaterThan(1);
        const cell = row[col]!;
        if (!v.survives) expect(cell).toMatch(/^✘ FAILS/);
        else if (v.switchover!.totalSeconds === 0) expect(cell).toMatch(/^✔ 0 s/);
        else expect(cell).toMatch(v.switchover!.automatic ? /^✔ .+ auto/ : /^✔ .+ MANUAL/);
        if (violated.has(`${v.service}|${v.scenario}`)) expect(cell).toContain('⚑');
      }
    }
  });

  it('4. resolves every item of the whitepaper checklist with a state and evidence', () => {
    const items = CHECKLIST.flatMap((g) => g.items);
    for (const site of model.sites) {
      const md = section(files.get(`runbooks/${site.id}.md`)!, /^## 4\. /);
      const rows = markdownTables(md).flatMap((t) => t.rows);
      expect(rows.map((r) => r[1])).toEqual(items.map((i) => escapeMarkdownCell(i.title)));
      for (const r of rows) {
        expect(r[2]).toMatch(/^(✔ covered|✘ NOT COVERED|– not applicable|⚑ acknowledged risk)$/);
        expect(r[3]!.length, r[1]).toBeGreaterThan(10);
      }
    }
  });

  it('5. has a procedure for every scenario the site faces, each with every phase', () => {
    for (const site of model.sites) {
      const md = files.get(`runbooks/${site.id}.md`)!;
      const html = files.get(`runbooks/${site.id}.html`)!;
      const scenarios = [...new Set(assessment.matrix.filter((v) => v.site === site.id).map((v) => v.scenario))].map((id) => assessment.scenarios.find((s) => s.id === id)!);
      const singles = scenarios.filter((s) => s.origin !== 'double');
      const doubles = scenarios.filter((s) => s.origin === 'double');
      const procedures = section(md, /^## 5\. /);
      const full = procedures.split(/\n(?=### 5\.\d+ )/).slice(1);
      expect(full.map((p) => p.split('\n')[0]!.replace(/^### 5\.\d+ /, '')).sort()).toEqual(singles.map((s) => escapeMarkdownCell(scenarioTitle(s))).sort());
      for (const p of full) {
        for (const phase of ['**Activation: how it shows itself**', '**What happens automatically**', '**Notification**', '**Recovery: manual steps in order**', '**Who decides:**', '**Verify service is back**', '**Reconstitution and failback**']) {
          expect(p, `${p.split('\n')[0]} lacks ${phase}`).toContain(phase);
        }
        expect(p).toMatch(/Calls in progress (through .+ )?are (dropped|not affected)/);
      }
      expect((procedures.match(/^#### 5\.\d+ /gm) ?? []).length).toBe(doubles.length);
      expect((html.match(/<article class="procedure" id="s5-\d+">/g) ?? []).length).toBe(singles.length);
      expect((html.match(/<article class="combined" id="s5-\d+">/g) ?? []).length).toBe(doubles.length);
      // Every link to a procedure lands on an anchor.
      for (const m of md.matchAll(/\]\(#(s[0-9a-z-]+)\)/g)) expect(md, m[1]).toContain(`<a id="${m[1]}"></a>`);
      for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(html, m[1]).toContain(`id="${m[1]}"`);
    }
  });

  it('6. plans drills, with a test call to the emergency number only where the authority permits it', () => {
    for (const site of model.sites) {
      const md = section(files.get(`runbooks/${site.id}.md`)!, /^## 6\. /);
      if (site.emergency.testCallsPermitted) expect(md).toMatch(/\*\*Emergency number:\*\* Announced test call/);
      else expect(md).toMatch(/\*\*Emergency number:\*\* Test calls to .+ are not permitted at this site: never dial them to test/);
      const switching = assessment.matrix.some((v) => v.site === site.id && v.survives && (v.switchover?.totalSeconds ?? 0) > 0);
      if (switching) expect(markdownTables(md)[0]!.rows.length).toBeGreaterThan(0);
    }
  });

  it('7. lists the broken promises and the rule findings of the site', () => {
    for (const site of model.sites) {
      const md = section(files.get(`runbooks/${site.id}.md`)!, /^## 7\. /);
      const violations = assessment.policies.flatMap((p) => p.violations.filter((v) => v.site === site.id).map((v) => ({ ...v, policy: p.policy })));
      for (const v of violations) expect(md).toContain(`| \`${v.policy}\` |`);
      const tables = markdownTables(md);
      const open = assessment.findings.filter((f) => !f.acknowledged && (f.path === site.path || f.path.startsWith(`${site.path}/`)));
      for (const f of open) expect(tables.some((t) => t.rows.some((r) => r[0] === `\`${f.rule}\`` && r[3] === `\`${f.path}\``)), `${f.rule} ${f.path}`).toBe(true);
      if (violations.length === 0 && assessment.findings.length === 0) expect(md).toContain('None: every promise is kept');
    }
  });
});
