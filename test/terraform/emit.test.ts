// The generator's emit option: every file handed over once, with the bytes and site tag it has
// without emit, a site's stack as soon as it is rendered, nothing of the stacks kept; and
// synthesis leaves no construct reachable behind it.
import { describe, expect, it } from 'vitest';
import { TokenMap } from '../../generators/terraform/cdk.js';
import { generateTerraform, type TerraformOptions } from '../../generators/terraform/index.js';
import type { GeneratedFile } from '../../generators/types.js';
import { loadBlueprintText } from '../../load/load.js';
import { fleetBlueprint } from '../../generators/terraform/bench.js';
import type { Model } from '../../model/types.js';
import { loadModel } from '../support/compile.js';
import { EXAMPLES, FIXTURES, TODAY, examplePath, fixturePath } from './support.js';

const fleet = (sites: number): Model => loadBlueprintText('fleet.json', Buffer.from(JSON.stringify(fleetBlueprint(sites)))).model!;

const models: [string, () => Model][] = [
  ...EXAMPLES.map((n) => [n, () => loadModel(examplePath(n)).model] as [string, () => Model]),
  ...FIXTURES.map((n) => [n, () => loadModel(fixturePath(n)).model] as [string, () => Model]),
  ['a fleet of 12 sites', () => fleet(12)],
];

function emitted(model: Model, options: TerraformOptions = {}) {
  const files: GeneratedFile[] = [];
  const result = generateTerraform(model, { today: TODAY, ...options, emit: (f) => files.push(f) });
  return { files, result };
}

const byPath = (files: readonly GeneratedFile[]) => new Map(files.map((f) => [f.path, f]));

describe('emit', () => {
  for (const [name, model] of models) {
    it(`hands over every file of ${name} exactly once, with the same bytes and site as without emit`, () => {
      const m = model();
      const sites = m.sites.map((s) => s.id);
      for (const selection of [undefined, new Set(sites.filter((_, i) => i % 2 === 0))]) {
        const options = selection ? { sites: selection } : {};
        const plain = generateTerraform(m, { today: TODAY, ...options });
        const streamed = emitted(m, options);
        expect(streamed.result.files).toEqual([]);
        expect(streamed.files.map((f) => f.path).sort()).toEqual(plain.files.map((f) => f.path).sort());
        expect(new Set(streamed.files.map((f) => f.path)).size).toBe(streamed.files.length);
        const expected = byPath(plain.files);
        for (const f of streamed.files) expect(f, f.path).toEqual(expected.get(f.path));
        expect(streamed.result.diagnostics).toEqual(plain.diagnostics);
      }
    });
  }

  it("hands a site's stack over with the site tag, one site after another, before the deployment-wide files", () => {
    const { files } = emitted(fleet(12));
    const sites = files.filter((f) => f.site !== undefined).map((f) => f.site!);
    expect(sites).toHaveLength(12);
    expect(new Set(sites).size).toBe(sites.length);
    const firstShared = files.findIndex((f) => f.site === undefined);
    expect(files.slice(firstShared).every((f) => f.site === undefined)).toBe(true);
  });

  it('keeps no stack in the result, only the plan, the rules report and counts', () => {
    const m = fleet(12);
    const { result } = emitted(m);
    const plain = generateTerraform(m, { today: TODAY });
    expect(result.synth).toBeNull();
    expect(result.report).toEqual(plain.report);
    expect(result.counts).toEqual(plain.counts);
    expect(result.counts).toEqual({ stacks: 15, resources: plain.synth!.stacks.reduce((n, s) => n + Object.values((s.config['resource'] ?? {}) as Record<string, object>).reduce((k, x) => k + Object.keys(x).length, 0), 0) });
  });

  it("forgets cdktf's tokens: no construct tree stays reachable after a compile", () => {
    const store = TokenMap.instance() as unknown as { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> };
    const sizes = () => [store.stringTokenMap.size, store.numberTokenMap.size];
    const m = fleet(12);
    generateTerraform(m, { today: TODAY });
    const before = sizes();
    emitted(m);
    generateTerraform(m, { today: TODAY });
    expect(sizes()).toEqual(before);
  });
});
