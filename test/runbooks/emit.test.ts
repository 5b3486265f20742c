// With `emit`, the generator hands each site's plan over as soon as it is rendered instead of
// returning it: the same files, byte for byte, each exactly once, a site's two files together.
import { describe, expect, it } from 'vitest';
import { runbookFiles, runbooksGenerator } from '../../generators/runbooks/generator.js';
import type { GeneratedFile } from '../../generators/types.js';
import { EXAMPLES, loadExample, stubSvg } from './support.js';

describe.each(EXAMPLES)('emit on %s', (name) => {
  it('hands over every per-site file exactly once, with the bytes returned without emit', async () => {
    const { model, assessment } = loadExample(name);
    const returned = await runbookFiles(model, assessment, {}, { renderSvg: stubSvg });
    const emitted: GeneratedFile[] = [];
    const rest = await runbookFiles(model, assessment, { emit: (f) => emitted.push(f) }, { renderSvg: stubSvg });
    const all = [...emitted, ...rest];
    expect(all.map((f) => f.path).sort()).toEqual(returned.map((f) => f.path).sort());
    expect(new Set(all.map((f) => f.path)).size).toBe(all.length);
    const byPath = new Map(returned.map((f) => [f.path, f]));
    for (const f of all) {
      expect(f.content, f.path).toBe(byPath.get(f.path)!.content);
      expect(f.site, f.path).toBe(byPath.get(f.path)!.site);
    }
    // Every site's plan is emitted, not returned; its two files one after the other, in site order.
    expect(rest.map((f) => f.path)).toEqual(['runbooks/index.md']);
    expect(emitted.map((f) => f.site)).toEqual(model.sites.flatMap((s) => [s.id, s.id]));
  });
});

describe('emit through the generator contract', () => {
  it('returns only what was not emitted, and respects the site selection', async () => {
    const { model, assessment } = loadExample('d-option3-combined-standby.yaml');
    expect(model.sites.length).toBeGreaterThan(1);
    const one = model.sites[0]!.id;
    const emitted: GeneratedFile[] = [];
    const result = await runbooksGenerator.generate(model, assessment, { sites: new Set([one]), emit: (f) => emitted.push(f) });
    expect(result.diagnostics).toEqual([]);
    expect(emitted.map((f) => f.path).sort()).toEqual([`runbooks/${one}.html`, `runbooks/${one}.md`]);
    expect(result.files.map((f) => f.path)).toEqual(['runbooks/index.md']);
  });
});
