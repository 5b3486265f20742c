// Helpers for the terraform generator's tests: generate a blueprint's stacks once per test file,
// and read them as plain JSON (cdktf's `//` metadata removed).
import { generateTerraform, type TerraformResult } from '../../generators/terraform/index.js';
import type { Model } from '../../model/types.js';
import { REPO, loadModel } from '../support/compile.js';

export const EXAMPLES = ['f-cloud-pbx-local-survivable', 'g-cloud-cold-standby'] as const;
export const FIXTURES = ['cloud-pbx-local-survivable', 'cloud-cold-standby'] as const;
export const TODAY = '2026-01-01';

export const examplePath = (name: string) => `${REPO}blueprints/${name}.yaml`;
export const fixturePath = (name: string) => `${REPO}test/terraform/fixtures/${name}.yaml`;

const cache = new Map<string, { model: Model; result: TerraformResult }>();

/** The model and the generator result of a blueprint file (cached per test file). */
export function generated(file: string): { model: Model; result: TerraformResult } {
  let hit = cache.get(file);
  if (!hit) {
    const { model } = loadModel(file);
    hit = { model, result: generateTerraform(model, { today: TODAY }) };
    cache.set(file, hit);
  }
  return hit;
}

type Obj = Record<string, unknown>;

export function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value && typeof value === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) if (k !== '//') out[k] = stripMetadata(v);
    return out;
  }
  return value;
}

/** A synthesized stack's configuration without metadata. */
export function stack(result: TerraformResult, name: string): Obj {
  const s = result.synth?.stacks.find((x) => x.name === name);
  if (!s) throw new Error(`no stack ${name}; stacks: ${result.synth?.stacks.map((x) => x.name).join(', ')}`);
  return stripMetadata(s.config) as Obj;
}

/** Resources of one type in a stack, by logical id. */
export function resources(config: Obj, type: string): Record<string, Obj> {
  return (((config['resource'] ?? {}) as Obj)[type] ?? {}) as Record<string, Obj>;
}

export function dataSources(config: Obj, type: string): Record<string, Obj> {
  return (((config['data'] ?? {}) as Obj)[type] ?? {}) as Record<string, Obj>;
}

/** Every `${...}` expression in a value. */
export function references(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(/\$\{([^}]+)\}/g)) out.push(m[1]!);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return out;
}
