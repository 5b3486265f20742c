// Synthesis without touching the output directory. `memory` builds the stacks, validates each
// and renders it (render.ts); `disk` runs cdktf's own app.synth() into a temporary directory and
// reads the files back. Both give the same JSON; memory is the default (see docs/terraform.md
// for the measured difference). In memory, stacks are handed over one at a time
// (synthesizeStacks), so that a fleet's stacks never have to be held together.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from './cdk.js';
import { buildApp, startApp } from './app.js';
import type { CloudPlan } from './plan.js';
import { renderStack, undefinedReferences } from './render.js';
import type { Origin } from './stacks/common.js';
import { withTokenScope } from './token-scope.js';

export { renderJson, renderStack, undefinedReferences } from './render.js';

export type SynthMode = 'memory' | 'disk';

export interface SynthesizedStack {
  readonly name: string;
  /** The stack's Terraform JSON configuration (cdk.tf.json), keys unsorted. */
  readonly config: Record<string, unknown>;
  readonly dependencies: readonly string[];
}

/** A stack as synthesizeStacks hands it over. */
export interface RenderedStack extends SynthesizedStack {
  /** Position of the stack in CloudPlan.stacks. */
  readonly index: number;
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

/** The App creates its output directory in its constructor; it gets a private one. */
function withOutdir<T>(fn: (outdir: string) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), 'rbc-terraform-'));
  try {
    return fn(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every stack at once, in plan order. */
export function synthesize(plan: CloudPlan, mode: SynthMode = 'memory'): SynthResult {
  if (mode === 'disk') return withoutTokenTraces(() => withOutdir((outdir) => synthesizeOnDisk(plan, outdir)));
  const stacks: RenderedStack[] = [];
  const { manifest, origins } = synthesizeStacks(plan, (s) => stacks.push(s));
  stacks.sort((a, b) => a.index - b.index);
  return { stacks: stacks.map(({ name, config, dependencies }) => ({ name, config, dependencies })), manifest, origins };
}

function synthesizeOnDisk(plan: CloudPlan, outdir: string): SynthResult {
  const ctx = buildApp(plan, outdir);
  const stacks = ctx.app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  ctx.app.synth();
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

/**
 * Synthesizes every stack of the plan in memory and hands each to `onStack` as soon as it is
 * rendered; nothing of a stack is kept after that but its manifest entry and its resources'
 * origins. Site and trunk stacks come first, each built, rendered and dropped in turn: building
 * one adds outputs to the shared and region stacks it reads from, so those come last. Returns
 * cdktf's manifest and the origins of every stack's resources.
 */
export function synthesizeStacks(plan: CloudPlan, onStack: (stack: RenderedStack) => void): Pick<SynthResult, 'manifest' | 'origins'> {
  // The outer scope forgets the shared and region stacks' tokens as well once everything is
  // rendered: nothing of one compile stays reachable in a process that compiles again.
  return withoutTokenTraces(() => withTokenScope(() => withOutdir((outdir) => streamStacks(plan, outdir, onStack))));
}

function streamStacks(plan: CloudPlan, outdir: string, onStack: (stack: RenderedStack) => void): Pick<SynthResult, 'manifest' | 'origins'> {
  const build = startApp(plan, outdir);
  const indexOf = new Map(plan.stacks.map((name, i) => [name, i]));
  const manifestStacks: Record<string, unknown> = {};
  const hand = (stack: TerraformStack) => {
    const config = renderChecked(stack);
    const name = stack.node.id;
    const dependencies = stack.dependencies.map((d) => d.node.path).sort();
    manifestStacks[name] = {
      annotations: [],
      constructPath: stack.node.path,
      dependencies,
      name,
      stackMetadataPath: `stacks/${name}/metadata.json`,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
    };
    onStack({ name, index: indexOf.get(name) ?? plan.stacks.length, config, dependencies });
  };
  for (const c of build.consumers) {
    withTokenScope(() => {
      const stack = c.build();
      hand(stack);
      build.ctx.release(stack);
    });
  }
  // Regions read from the shared stack: the one read from is rendered after its readers.
  for (const stack of [...build.producers].reverse()) hand(stack);
  const version = String(build.ctx.app.node.tryGetContext('cdktfVersion'));
  return { manifest: { stacks: manifestStacks, version }, origins: build.ctx.origins };
}

/**
 * A stack's JSON. Cross-stack values are wired while building (BuildContext.exported), so no
 * stack needs cdktf's preparing pass, which resolves every stack once more only to find them.
 * Should a reference to another stack have slipped through, it shows as an undefined address:
 * then the stack is prepared (which adds the outputs it reads to stacks not rendered yet) and
 * rendered again the standard way.
 */
function renderChecked(stack: TerraformStack): Record<string, unknown> {
  stack.runAllValidations();
  const config = renderStack(stack);
  if (undefinedReferences(config).length === 0) return config;
  stack.prepareStack();
  const prepared = renderStack(stack);
  const broken = undefinedReferences(prepared);
  if (broken.length > 0) throw new Error(`unresolved references: ${broken.slice(0, 5).map((x) => `${stack.node.id}: ${x}`).join(', ')}`);
  return prepared;
}
