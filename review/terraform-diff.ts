// Terraform per stack: blocks added, destroyed, moved (a `moved` block in the new stack whose
// `from` existed before) and changed, with the changed arguments. Secrets are masked.
import { MASK, isSecretKey, maskReferences } from './secrets.js';
import type { TfBlock, TfStack } from './terraform-read.js';
import type { ArgumentChange, BlockChange, StackChange, TerraformChanges, TerraformTotals } from './types.js';
import { compareStrings } from './sort.js';

const MAX_VALUE_CHARS = 200;

type Leaf = { readonly value: unknown; readonly secretKey: boolean };

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const join = (prefix: string, key: string) => (SIMPLE_KEY.test(key) ? (prefix ? `${prefix}.${key}` : key) : `${prefix}[${JSON.stringify(key)}]`);

/** Leaves by argument path; a list of plain values is one leaf, a list of blocks is indexed. */
function flatten(value: unknown, prefix: string, secretKey: boolean, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.some((v) => typeof v === 'object' && v !== null)) {
      value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, secretKey, out));
      return;
    }
    out.set(prefix, { value, secretKey });
    return;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) {
      out.set(prefix, { value, secretKey });
      return;
    }
    for (const k of keys) flatten((value as Record<string, unknown>)[k], join(prefix, k), secretKey || isSecretKey(k), out);
    return;
  }
  out.set(prefix, { value, secretKey });
}

/** The value as JSON with every secret reference masked (before shortening, so no half reference shows). */
function render(value: unknown, sensitive: ReadonlySet<string>): { text: string; masked: boolean } {
  const raw = JSON.stringify(value) ?? 'null';
  const { text, masked } = maskReferences(raw, sensitive);
  if (text === JSON.stringify(MASK)) return { text: MASK, masked: true };
  return { text: text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} chars)` : text, masked };
}

export function diffArguments(before: unknown, after: unknown, sensitive: ReadonlySet<string> = new Set()): ArgumentChange[] {
  const a = new Map<string, Leaf>();
  const b = new Map<string, Leaf>();
  flatten(before ?? {}, '', false, a);
  flatten(after ?? {}, '', false, b);
  const field = (body: unknown, key: string) => (typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined);
  // an output or variable marked sensitive, and the value of an SSM SecureString parameter
  const allMasked = field(before, 'sensitive') === true || field(after, 'sensitive') === true;
  const secureString = field(before, 'type') === 'SecureString' || field(after, 'type') === 'SecureString';
  const out: ArgumentChange[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort(compareStrings)) {
    const x = a.get(path);
    const y = b.get(path);
    if (x && y && JSON.stringify(x.value) === JSON.stringify(y.value)) continue;
    const whole = (allMasked && path !== 'sensitive') || (secureString && /^(value|insecure_value)$/.test(path)) || Boolean(x?.secretKey || y?.secretKey);
    const bx = x ? (whole ? { text: MASK, masked: true } : render(x.value, sensitive)) : null;
    const by = y ? (whole ? { text: MASK, masked: true } : render(y.value, sensitive)) : null;
    out.push({ path: path || '(value)', before: bx?.text ?? null, after: by?.text ?? null, masked: Boolean(bx?.masked || by?.masked) });
  }
  return out;
}

const destroys = (b: TfBlock) => b.kind === 'resource' || b.kind === 'module';

const RANK: Record<BlockChange['change'], number> = { destroy: 0, move: 1, add: 2, change: 3, remove: 4 };

export function diffStack(name: string, before: TfStack | undefined, after: TfStack | undefined): StackChange | null {
  const oldBlocks = before?.blocks ?? new Map<string, TfBlock>();
  const newBlocks = after?.blocks ?? new Map<string, TfBlock>();
  const sensitive = new Set([...(before?.sensitiveVariables ?? []), ...(after?.sensitiveVariables ?? [])]);
  const changes: BlockChange[] = [];
  const movedFrom = new Set<string>();
  const movedTo = new Set<string>();
  for (const [from, to] of after?.moved ?? []) {
    const o = oldBlocks.get(from);
    const n = newBlocks.get(to);
    if (!o || !n || newBlocks.has(from) || oldBlocks.has(to)) continue;
    movedFrom.add(from);
    movedTo.add(to);
    changes.push({ kind: n.kind, address: to, change: 'move', from, imported: false, arguments: diffArguments(o.body, n.body, sensitive) });
  }
  for (const [address, o] of oldBlocks) {
    if (newBlocks.has(address) || movedFrom.has(address)) continue;
    changes.push({ kind: o.kind, address, change: destroys(o) ? 'destroy' : 'remove', from: null, imported: false, arguments: diffArguments(o.body, undefined, sensitive) });
  }
  for (const [address, n] of newBlocks) {
    if (movedTo.has(address)) continue;
    const o = oldBlocks.get(address);
    if (!o) {
      changes.push({ kind: n.kind, address, change: 'add', from: null, imported: after?.imports.has(address) ?? false, arguments: diffArguments(undefined, n.body, sensitive) });
      continue;
    }
    const args = diffArguments(o.body, n.body, sensitive);
    if (args.length > 0) changes.push({ kind: n.kind, address, change: 'change', from: null, imported: false, arguments: args });
  }
  if (changes.length === 0 && before && after) return null;
  changes.sort((x, y) => RANK[x.change] - RANK[y.change] || compareStrings(x.address, y.address));
  return { stack: name, status: !before ? 'added' : !after ? 'removed' : 'changed', blocks: changes };
}

export function totalsOf(stacks: readonly StackChange[]): TerraformTotals {
  const t = { add: 0, change: 0, destroy: 0, move: 0, import: 0 };
  for (const s of stacks) {
    for (const b of s.blocks) {
      if (b.kind !== 'resource' && b.kind !== 'module') continue;
      if (b.change === 'add') {
        if (b.imported) t.import++;
        else t.add++;
      } else if (b.change === 'destroy') t.destroy++;
      else if (b.change === 'move') {
        t.move++;
        if (b.arguments.length > 0) t.change++;
      } else if (b.change === 'change') t.change++;
    }
  }
  return t;
}

export function diffTerraform(before: ReadonlyMap<string, TfStack>, after: ReadonlyMap<string, TfStack>): TerraformChanges {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareStrings);
  const stacks: StackChange[] = [];
  for (const name of names) {
    const s = diffStack(name, before.get(name), after.get(name));
    if (s) stacks.push(s);
  }
  // Stacks that destroy something come first: a reviewer must see destroys before anything else.
  stacks.sort((a, b) => {
    const da = a.blocks.some((x) => x.change === 'destroy') ? 0 : 1;
    const db = b.blocks.some((x) => x.change === 'destroy') ? 0 : 1;
    return da - db || compareStrings(a.stack, b.stack);
  });
  return { changed: stacks.length > 0, totals: totalsOf(stacks), stacks };
}
