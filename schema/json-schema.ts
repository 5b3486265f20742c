// The published JSON Schema: TypeBox's schema as plain JSON, with unions of literals written as
// `enum` (what editors complete and what gives one clear error instead of one per branch).
import { Blueprint } from './blueprint.js';

export const SCHEMA_ID = 'https://rbc.dev/schema/blueprint-1.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function simplify(node: unknown): Json {
  if (Array.isArray(node)) return node.map(simplify);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const anyOf = o.anyOf;
    if (Array.isArray(anyOf) && anyOf.length > 0 && anyOf.every((b) => b && typeof b === 'object' && 'const' in b)) {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(o)) if (k !== 'anyOf') out[k] = simplify(v);
      const values = anyOf.map((b) => (b as { const: Json }).const);
      out.type = typeof values[0] === 'number' ? 'number' : 'string';
      out.enum = values;
      return out;
    }
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(o).sort()) out[k] = simplify(o[k]);
    return out;
  }
  return node as Json;
}

let cached: { [k: string]: Json } | null = null;

/** The blueprint JSON Schema (draft 2020-12 compatible subset, as ajv validates it). */
export function blueprintJsonSchema(): { [k: string]: Json } {
  if (!cached) {
    const body = simplify(Blueprint) as { [k: string]: Json };
    cached = { $schema: 'http://json-schema.org/draft-07/schema#', $id: SCHEMA_ID, title: 'rbc blueprint', ...body };
  }
  return cached;
}
