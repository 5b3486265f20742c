// One model: examples written both as YAML and as a TypeScript app synthesize the same blueprint
// and resolve to deep-equal models.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import meyerLogistics from '../../blueprints/a-single-site-hot-standby.js';
import alpenblickReisen from '../../blueprints/f-cloud-pbx-local-survivable.js';
import type { Deployment } from '../../constructs/index.js';
import { loadBlueprintFile, loadFromConstructs, loadTypeScriptApp } from '../../load/load.js';
import { collectPaths } from '../../model/resolve.js';

const blueprintPath = (name: string) => fileURLToPath(new URL(`../../blueprints/${name}`, import.meta.url));

const errorsOf = (r: { diagnostics: readonly { category: string; code: string; message: string; location: unknown }[] }) =>
  r.diagnostics.filter((d) => d.category === 'error').map((d) => `${JSON.stringify(d.location)} ${d.code} ${d.message}`);

const EXAMPLES: readonly (readonly [string, () => Deployment])[] = [
  ['a-single-site-hot-standby', meyerLogistics],
  ['f-cloud-pbx-local-survivable', alpenblickReisen],
];

describe.each(EXAMPLES)('%s as YAML and as a TypeScript app', (name, app) => {
  const yaml = loadBlueprintFile(blueprintPath(`${name}.yaml`));

  it('the YAML loads without errors', () => {
    expect(errorsOf(yaml)).toEqual([]);
    expect(yaml.model).not.toBeNull();
  });

  it('the constructs synthesize the same blueprint the YAML holds', () => {
    const { blueprint, constructErrors } = app().synthesizeBlueprint();
    expect(constructErrors).toEqual([]);
    const fromYaml = parse(readFileSync(blueprintPath(`${name}.yaml`), 'utf8'));
    // Strict: the blueprint holds no keys with undefined values.
    expect(blueprint).toStrictEqual(fromYaml);
  });

  it('in-process constructs give a model deep-equal to the YAML model', () => {
    const ts = loadFromConstructs(app(), `${name}.ts`);
    expect(errorsOf(ts)).toEqual([]);
    expect(ts.model).toEqual(yaml.model);
  });

  it('the .ts app loaded from disk gives a model deep-equal to the YAML model', async () => {
    const ts = await loadTypeScriptApp(blueprintPath(`${name}.ts`));
    expect(errorsOf(ts)).toEqual([]);
    expect(ts.model).not.toBeNull();
    expect(ts.model).toEqual(yaml.model);
    expect(JSON.stringify(ts.model)).toBe(JSON.stringify(yaml.model));
  });

  it('every construct names a model path the model has (the targets of findings and acknowledgements)', () => {
    const paths = collectPaths(yaml.model!);
    const named = app()
      .node.findAll()
      .map((c) => (c as { modelPath?: string }).modelPath)
      .filter((p): p is string => typeof p === 'string' && p !== '*');
    expect(named.length).toBeGreaterThan(25);
    expect(named.filter((p) => !paths.has(p))).toEqual([]);
  });
});
