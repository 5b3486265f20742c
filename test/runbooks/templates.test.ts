// Runbook templates: user overrides, the escaping lint, strict mode, and where the built-in
// templates are found from source and from dist/.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runbooksGenerator } from '../../generators/runbooks/index.js';
import { builtinTemplateDir, lintTemplate, loadTemplates, TEMPLATE_FILES, TemplateError } from '../../generators/runbooks/templates.js';
import { EMPTY, loadModel, blueprintPath, MAIN_EXAMPLE, REPO } from './support.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'rbc-runbook-templates-'));

describe('runbook templates', () => {
  it('are found beside the source, and at the path the compiled module resolves from dist/', () => {
    expect(builtinTemplateDir()).toBe(`${REPO}generators/runbooks/templates/`);
    // dist/generators/runbooks/templates.js looks three levels up, in the package's generators/.
    const fromDist = fileURLToPath(new URL('../../../generators/runbooks/templates/', pathToFileURL(`${REPO}dist/generators/runbooks/templates.js`)));
    expect(fromDist).toBe(`${REPO}generators/runbooks/templates/`);
    for (const f of Object.values(TEMPLATE_FILES)) expect(readFileSync(`${fromDist}${f}`, 'utf8').length).toBeGreaterThan(100);
  });

  it('are compiled once per process and folder', () => {
    expect(loadTemplates()).toBe(loadTemplates());
    const dir = tmp();
    expect(loadTemplates(dir)).toBe(loadTemplates(`${dir}/.`));
    expect(loadTemplates(dir)).not.toBe(loadTemplates());
  });

  it('can be overridden file by file; the others stay built in', async () => {
    const dir = tmp();
    writeFileSync(`${dir}/index.md.hbs`, '# Binder of {{md deployment.name}}\n{{#each sites}}\n- {{md name}}: {{md status}}\n{{/each}}\n');
    writeFileSync(`${dir}/runbook.css`, 'body { font-family: serif; } /* custom */');
    const { model } = loadModel(blueprintPath(MAIN_EXAMPLE));
    const result = await runbooksGenerator.generate(model, EMPTY, { templateDirs: { runbooks: dir } });
    expect(result.diagnostics).toEqual([]);
    const files = new Map(result.files.map((f) => [f.path, String(f.content)]));
    expect(files.get('runbooks/index.md')).toBe('# Binder of Meyer Logistik GmbH\n- Ulm headquarters: ok\n');
    expect(files.get('runbooks/ulm.html')).toContain('/* custom */');
    expect(files.get('runbooks/ulm.md')).toMatch(/^# Contingency plan: Ulm headquarters\n/);
    expect(loadTemplates(dir).sources['site.md']).toBe(`${builtinTemplateDir()}site.md.hbs`);
    expect(loadTemplates(dir).sources['index.md']).toBe(`${dir}/index.md.hbs`);
  });

  it('refuse Markdown output without Markdown escaping, and raw HTML output of blueprint text', () => {
    expect(() => lintTemplate('x.md.hbs', '# {{site.name}}', 'markdown')).toThrow(/\{\{site\.name\}\} prints text without Markdown escaping; write \{\{md site\.name\}\}/);
    expect(() => lintTemplate('x.md.hbs', '{{#each a}}{{{this}}}{{/each}}', 'markdown')).toThrow(/raw output/);
    expect(() => lintTemplate('x.md.hbs', '{{> partial}}', 'markdown')).toThrow(/PartialStatement/);
    expect(() => lintTemplate('x.md.hbs', '{{#if a}}{{md a}}{{else}}{{cell b}}{{/if}}', 'markdown')).not.toThrow();
    expect(() => lintTemplate('x.html.hbs', '<h1>{{{site.name}}}</h1>', 'html')).toThrow(/raw output \{\{\{site\.name\}\}\} is only allowed for css and topology\.svg/);
    expect(() => lintTemplate('x.html.hbs', '<style>{{{css}}}</style>{{{topology.svg}}}<p>{{site.name}}</p>', 'html')).not.toThrow();
    // The built-in templates pass their own lint.
    for (const [name, file] of Object.entries(TEMPLATE_FILES)) {
      if (name === 'css') continue;
      expect(() => lintTemplate(file, readFileSync(`${builtinTemplateDir()}${file}`, 'utf8'), name.endsWith('.md') ? 'markdown' : 'html')).not.toThrow();
    }
  });

  it('report a broken or unsafe template as a diagnostic and write nothing', async () => {
    const { model } = loadModel(blueprintPath(MAIN_EXAMPLE));
    const unsafe = tmp();
    writeFileSync(`${unsafe}/site.md.hbs`, '# {{site.name}}\n');
    let r = await runbooksGenerator.generate(model, EMPTY, { templateDirs: { runbooks: unsafe } });
    expect(r.files).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['RBC4004', "Template 'site.md.hbs' failed: {{site.name}} prints text without Markdown escaping; write {{md site.name}}, {{cell site.name}} in a table, or {{code site.name}}."],
    ]);
    // strict: a field that does not exist is an error, not an empty string.
    const typo = tmp();
    writeFileSync(`${typo}/site.html.hbs`, '<p>{{site.nmae}}</p>');
    r = await runbooksGenerator.generate(model, EMPTY, { templateDirs: { runbooks: typo } });
    expect(r.files).toEqual([]);
    expect(r.diagnostics[0]!.message).toMatch(/^Template 'site\.html\.hbs' failed: "nmae" not defined in/);
    const unknownHelper = tmp();
    writeFileSync(`${unknownHelper}/index.md.hbs`, '{{shout deployment.name}}');
    r = await runbooksGenerator.generate(model, EMPTY, { templateDirs: { runbooks: unknownHelper } });
    expect(r.diagnostics[0]!.message).toMatch(/^Template 'index\.md\.hbs' failed: \{\{shout\}\} prints text without Markdown escaping/);
  });

  it('throws a TemplateError naming the file for a syntax error', () => {
    const dir = tmp();
    writeFileSync(`${dir}/site.html.hbs`, '{{#each x}}');
    expect(() => loadTemplates(dir)).toThrow(TemplateError);
  });
});
