// Rendering one stack to its Terraform JSON, and the check that it refers only to what it defines.
import { canonicalJson } from '../../load/canonical-json.js';
import { TerraformElement, TerraformOutput, TerraformStack, deepMerge, resolveTokens } from './cdk.js';

/**
 * What TerraformStack.toTerraform() returns, built the same way (each element's fragment
 * resolved, then deep-merged) but without its final pass that resolves the merged, already
 * resolved document a second time: that pass was 40% of the synthesis of a large fleet. A test
 * compares both on every stack of the examples.
 */
export function renderStack(stack: TerraformStack): Record<string, unknown> {
  const elements: TerraformElement[] = [];
  const collect = (node: { node: { children: readonly unknown[] } }) => {
    for (const child of node.node.children) {
      if (TerraformStack.isStack(child)) continue;
      if (TerraformElement.isTerraformElement(child)) elements.push(child);
      collect(child as { node: { children: readonly unknown[] } });
    }
  };
  collect(stack);
  const raw = (stack as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides;
  const metadata: Record<string, unknown> = {
    version: (stack as unknown as { cdktfVersion: string }).cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    cloud: undefined,
    ...(Object.keys(raw).length > 0 ? { overrides: { stack: Object.keys(raw) } } : {}),
  };
  for (const e of elements) deepMerge(metadata, resolveTokens(stack, withoutUnset(e.toMetadata())) as Record<string, unknown>);
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    deepMerge(outputs, e.node.path.split('/').reduceRight<Record<string, unknown>>((inner, part) => (Object.keys(inner).length === 0 ? { [part]: e.friendlyUniqueId } : { [part]: inner }), {}));
  }
  const tf: Record<string, unknown> = { '//': { metadata, outputs } };
  for (const e of elements) deepMerge(tf, resolveTokens(stack, withoutUnset(e.toTerraform())) as Record<string, unknown>);
  deepMerge(tf, raw);
  return tf;
}

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A fragment without the attributes that are not set. A generated resource lists every attribute
 * its type has, most of them undefined (half the keys of a site stack), and cdktf's resolve
 * spends two resolution contexts on each key only to drop it. Only what resolve would treat as a
 * plain object is copied (not a token, a construct, or an object with a token among its keys),
 * and only keys that are plain attribute names, which resolve to themselves, are dropped.
 */
function withoutUnset(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(withoutUnset);
  const o = value as Record<string, unknown>;
  if (typeof o['resolve'] === 'function' || (o['_children'] !== undefined && o['_metadata'] !== undefined)) return value;
  const keys = Object.keys(o);
  if (keys.some((k) => /[$#{]/.test(k))) return value;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = o[k];
    if (v === undefined && ATTRIBUTE.test(k)) continue;
    out[k] = withoutUnset(v);
  }
  return out;
}

const BUILT_IN = new Set(['count', 'each', 'local', 'module', 'path', 'self', 'terraform', 'var']);

/** `${type.name...}` references in a stack's JSON that name nothing the stack defines. */
export function undefinedReferences(config: Record<string, unknown>): string[] {
  const defined = new Set<string>();
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']] as const) {
    const byType = (config[section] ?? {}) as Record<string, Record<string, unknown>>;
    for (const type of Object.keys(byType)) for (const name of Object.keys(byType[type] ?? {})) defined.add(`${prefix}${type}.${name}`);
  }
  const missing = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const m of v.matchAll(/\$\{(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)/g)) {
        if (!m[1] && BUILT_IN.has(m[2]!)) continue;
        const address = `${m[1] ?? ''}${m[2]}.${m[3]}`;
        if (!defined.has(address)) missing.add(address);
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '//') visit(x);
  };
  visit(config);
  return [...missing].sort();
}

/** Canonical text of a JSON artifact: sorted keys, two-space indent, final newline. */
export const renderJson = (value: unknown): string => canonicalJson(value, 2) + '\n';
