// One model: the main example written as YAML and as a TypeScript app resolve to deep-equal models.
import { describe, expect, it } from 'vitest';
import { loadBlueprintFile, loadFromConstructs, loadTypeScriptApp } from '../../load/load.js';
import { fileURLToPath } from 'node:url';
import meyerLogistics from '../../blueprints/a-single-site-hot-standby.js';
import { parse } from 'yaml';
import { collectPaths } from '../../model/resolve.js';
import { readFileSync } from 'node:fs';

const blueprintPath = (name: string) => fileURLToPath(new URL(`../../blueprints/${name}`, import.meta.url));

const errorsOf = (r: { diagnostics: readonly { category: string; code: string; message: string; location: unknown }[] }) =>
  r.diagnostics.filter((d) => d.category === 'error').map((d) => `${JSON.stringify(d.location)} ${d.code} ${d.message}`);

describe('a-single-site-hot-standby as YAML and as a TypeScript app', () => {
  const yaml = loadBlueprintFile(blueprintPath('a-single-site-hot-standby.yaml'));

  it('the YAML loads without errors', () => {
    expect(errorsOf(yaml)).toEqual([]);
    expect(yaml.model).not.toBeNull();
  });

  it('the constructs synthesize the same blueprint the YAML holds', () => {
    const { blueprint, constructErrors } = meyerLogistics().synthesizeBlueprint();
    expect(constructErrors).toEqual([]);
    const fromYaml = parse(readFileSync(blueprintPath('a-single-site-hot-standby.yaml'), 'utf8'));
    // Strict: the blueprint holds no keys with undefined values.
    expect(blueprint).toStrictEqual(fromYaml);
  });

  it('in-process constructs give a model deep-equal to the YAML model', () => {
    const ts = loadFromConstructs(meyerLogistics(), 'a-single-site-hot-standby.ts');
    expect(errorsOf(ts)).toEqual([]);
    expect(ts.model).toEqual(yaml.model);
  });

  it('the .ts app loaded from disk gives a model deep-equal to the YAML model', async () => {
    const ts = await loadTypeScriptApp(blueprintPath('a-single-site-hot-standby.ts'));
    expect(errorsOf(ts)).toEqual([]);
    expect(ts.model).not.toBeNull();
    expect(ts.model).toEqual(yaml.model);
    expect(JSON.stringify(ts.model)).toBe(JSON.stringify(yaml.model));
  });

  it('every construct names a model path the model has (the targets of findings and acknowledgements)', () => {
    const deployment = meyerLogistics();
    const paths = collectPaths(yaml.model!);
    const named = deployment.node
      .findAll()
      .map((c) => (c as { modelPath?: string }).modelPath)
      .filter((p): p is string => typeof p === 'string' && p !== '*');
    expect(named.length).toBeGreaterThan(25);
    expect(named.filter((p) => !paths.has(p))).toEqual([]);
  });
});
