// Synthesis without touching the output directory. `memory` prepares every stack (which wires
// the cross-stack references), validates it and renders it with toTerraform(); `disk` runs
// cdktf's own app.synth() into a temporary directory and reads the files back. Both give the
// same JSON; memory is the default (see docs/terraform.md for the measured difference).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../load/canonical-json.js';
import { TerraformElement, TerraformOutput, TerraformStack, deepMerge, resolveTokens } from './cdk.js';
import { buildApp } from './app.js';
import type { CloudPlan } from './plan.js';
import type { Origin } from './stacks/common.js';

export type SynthMode = 'memory' | 'disk';

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's Terraform JSON configuration (cdk.tf.json), keys unsorted. */
  readonly config: Record<string, unknown>;
  readonly dependencies: readonly string[];
}

export interface SynthResult {
  readonly stacks: readonly SynthesizedStack[];
  /** cdktf's manifest.json content. */
  readonly manifest: Record<string, unknown>;
  readonly origins: ReadonlyMap<string, ReadonlyMap<string, Origin>>;
}

/**
 * cdktf captures a complete stack trace for every token it creates (every attribute reference),
 * only to print it should resolving the token fail; for a large fleet that was a third of the
 * synthesis time. While the synchronous build runs, Error.stackTraceLimit is an accessor, which
 * V8 does not read as a number, so no frames are collected; it is restored afterwards.
 */
function withoutTokenTraces<T>(fn: () => T): T {
  const descriptor = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  Object.defineProperty(Error, 'stackTraceLimit', { configurable: true, enumerable: true, get: () => undefined, set: () => undefined });
  try {
    return fn();
  } finally {
    if (descriptor) Object.defineProperty(Error, 'stackTraceLimit', descriptor);
    else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
  }
}

export function synthesize(plan: CloudPlan, mode: SynthMode = 'memory'): SynthResult {
  return withoutTokenTraces(() => synthesizeApp(plan, mode));
}

function synthesizeApp(plan: CloudPlan, mode: SynthMode): SynthResult {
  // The App creates its output directory in its constructor; give it a private one.
  const outdir = mkdtempSync(join(tmpdir(), 'rbc-terraform-'));
  try {
    const ctx = buildApp(plan, outdir);
    const app = ctx.app;
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    const version = String(app.node.tryGetContext('cdktfVersion'));
    if (mode === 'disk') {
      app.synth();
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string; dependencies: string[] }> };
      return {
        stacks: stacks.map((s) => {
          const m = manifest.stacks[s.node.id]!;
          return { name: s.node.id, config: JSON.parse(readFileSync(join(outdir, m.synthesizedStackPath), 'utf8')), dependencies: [...m.dependencies].sort() };
        }),
        manifest,
        origins: ctx.origins,
      };
    }
    // Cross-stack values are wired while building (BuildContext.exported), so no stack needs
    // cdktf's preparing pass, which resolves every stack once more only to find them. Should a
    // reference to another stack have slipped through, it shows as an undefined address: then
    // every stack is prepared and rendered again the standard way.
    let rendered = render(stacks);
    if (rendered.some((r) => undefinedReferences(r.config).length > 0)) {
      for (const s of stacks) s.prepareStack();
      rendered = render(stacks);
      const broken = rendered.flatMap((r) => undefinedReferences(r.config).map((x) => `${r.name}: ${x}`));
      if (broken.length > 0) throw new Error(`unresolved references: ${broken.slice(0, 5).join(', ')}`);
    }
    const out: SynthesizedStack[] = [];
    const manifestStacks: Record<string, unknown> = {};
    for (const [i, s] of stacks.entries()) {
      const r = rendered[i]!;
      const name = r.name;
      const dependencies = s.dependencies.map((d) => d.node.path).sort();
      out.push({ name, config: r.config, dependencies });
      manifestStacks[name] = {
        annotations: [],
        constructPath: s.node.path,
        dependencies,
        name,
        stackMetadataPath: `stacks/${name}/metadata.json`,
        synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
        workingDirectory: `stacks/${name}`,
      };
    }
    return { stacks: out, manifest: { stacks: manifestStacks, version }, origins: ctx.origins };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function render(stacks: readonly TerraformStack[]): { name: string; config: Record<string, unknown> }[] {
  return stacks.map((s) => {
    s.runAllValidations();
    return { name: s.node.id, config: renderStack(s) };
  });
}

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
  for (const e of elements) deepMerge(metadata, resolveTokens(stack, e.toMetadata()) as Record<string, unknown>);
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    deepMerge(outputs, e.node.path.split('/').reduceRight<Record<string, unknown>>((inner, part) => (Object.keys(inner).length === 0 ? { [part]: e.friendlyUniqueId } : { [part]: inner }), {}));
  }
  const tf: Record<string, unknown> = { '//': { metadata, outputs } };
  for (const e of elements) deepMerge(tf, resolveTokens(stack, e.toTerraform()) as Record<string, unknown>);
  deepMerge(tf, raw);
  return tf;
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
