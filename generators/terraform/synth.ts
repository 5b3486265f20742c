// Synthesis without touching the output directory. `memory` prepares every stack (which wires
// the cross-stack references), validates it and renders it with toTerraform(); `disk` runs
// cdktf's own app.synth() into a temporary directory and reads the files back. Both give the
// same JSON; memory is the default (see docs/terraform.md for the measured difference).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../load/canonical-json.js';
import { TerraformStack } from './cdk.js';
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

export function synthesize(plan: CloudPlan, mode: SynthMode = 'memory'): SynthResult {
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
    for (const s of stacks) s.prepareStack();
    const out: SynthesizedStack[] = [];
    const manifestStacks: Record<string, unknown> = {};
    for (const s of stacks) {
      s.runAllValidations();
      const name = s.node.id;
      const dependencies = s.dependencies.map((d) => d.node.path).sort();
      out.push({ name, config: s.toTerraform() as Record<string, unknown>, dependencies });
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

/** Canonical text of a JSON artifact: sorted keys, two-space indent, final newline. */
export const renderJson = (value: unknown): string => canonicalJson(value, 2) + '\n';
