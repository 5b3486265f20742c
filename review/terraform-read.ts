// Reading the cdktf output layout: terraform/stacks/<stack>/cdk.tf.json, each a Terraform JSON
// configuration. Every block gets its Terraform address; cdktf's `//` metadata is dropped (it
// names construct paths, which are not infrastructure).
import type { OutputTree } from './output-tree.js';
import type { BlockKind } from './types.js';
import { ReviewInputError } from './input-error.js';
import { compareStrings } from './sort.js';

export const STACK_FILE = /^terraform\/stacks\/([^/]+)\/cdk\.tf\.json$/;

export interface TfBlock {
  readonly kind: BlockKind;
  readonly address: string;
  readonly body: unknown;
}

export interface TfStack {
  readonly name: string;
  readonly blocks: ReadonlyMap<string, TfBlock>;
  /** `moved` blocks: old address → new address. */
  readonly moved: ReadonlyMap<string, string>;
  /** Addresses adopted through `import` blocks. */
  readonly imports: ReadonlySet<string>;
  /** Variables declared `sensitive`: any value that references them is masked. */
  readonly sensitiveVariables: ReadonlySet<string>;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A copy without cdktf's `//` metadata keys, at any depth. */
export function stripMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (isObj(value)) {
    const out: Obj = {};
    for (const k of Object.keys(value).sort()) if (k !== '//') out[k] = stripMetadata(value[k]);
    return out;
  }
  return value;
}

function nested(kind: BlockKind, section: unknown, prefix: string, out: Map<string, TfBlock>): void {
  if (!isObj(section)) return;
  for (const type of Object.keys(section)) {
    const byName = section[type];
    if (!isObj(byName)) continue;
    for (const name of Object.keys(byName)) {
      const address = `${prefix}${type}.${name}`;
      out.set(address, { kind, address, body: stripMetadata(byName[name]) });
    }
  }
}

function flat(kind: BlockKind, section: unknown, prefix: string, out: Map<string, TfBlock>): void {
  if (!isObj(section)) return;
  for (const name of Object.keys(section)) {
    if (name === '//') continue;
    out.set(`${prefix}${name}`, { kind, address: `${prefix}${name}`, body: stripMetadata(section[name]) });
  }
}

function providers(section: unknown, out: Map<string, TfBlock>): void {
  if (!isObj(section)) return;
  for (const name of Object.keys(section)) {
    const list = Array.isArray(section[name]) ? (section[name] as unknown[]) : [section[name]];
    for (const p of list) {
      const alias = isObj(p) && typeof p.alias === 'string' ? `.${p.alias}` : '';
      const address = `provider.${name}${alias}`;
      out.set(address, { kind: 'provider', address, body: stripMetadata(p) });
    }
  }
}

function listOf(x: unknown): Obj[] {
  if (Array.isArray(x)) return x.filter(isObj);
  return isObj(x) ? [x] : [];
}

export function parseStack(name: string, json: unknown): TfStack {
  const doc = isObj(json) ? json : {};
  const blocks = new Map<string, TfBlock>();
  nested('resource', doc.resource, '', blocks);
  nested('data', doc.data, 'data.', blocks);
  flat('module', doc.module, 'module.', blocks);
  flat('output', doc.output, 'output.', blocks);
  flat('variable', doc.variable, 'var.', blocks);
  flat('locals', doc.locals, 'local.', blocks);
  providers(doc.provider, blocks);
  if (isObj(doc.terraform)) blocks.set('terraform', { kind: 'terraform', address: 'terraform', body: stripMetadata(doc.terraform) });
  const moved = new Map<string, string>();
  for (const m of listOf(doc.moved)) if (typeof m.from === 'string' && typeof m.to === 'string') moved.set(m.from, m.to);
  const imports = new Set<string>();
  for (const i of listOf(doc.import)) if (typeof i.to === 'string') imports.add(i.to);
  const sensitiveVariables = new Set<string>();
  if (isObj(doc.variable)) for (const [k, v] of Object.entries(doc.variable)) if (isObj(v) && v.sensitive === true) sensitiveVariables.add(k);
  const sorted = new Map([...blocks].sort(([a], [b]) => compareStrings(a, b)));
  return { name, blocks: sorted, moved, imports, sensitiveVariables };
}

/** Every stack of a side, by name. */
export function readStacks(tree: OutputTree): Map<string, TfStack> {
  const stacks = new Map<string, TfStack>();
  for (const [path, buf] of tree.files) {
    const m = STACK_FILE.exec(path);
    if (!m) continue;
    let json: unknown;
    try {
      json = JSON.parse(buf.toString('utf8'));
    } catch (e) {
      throw new ReviewInputError('DiffOutputCorrupt', [tree.side.label, `${path} is not JSON (${(e as Error).message})`]);
    }
    stacks.set(m[1]!, parseStack(m[1]!, json));
  }
  return new Map([...stacks].sort(([a], [b]) => compareStrings(a, b)));
}
