// The terraform generator: model -> cloud plan -> cdktf stacks synthesized in memory -> rules
// over the synthesized JSON. It returns files (the cdktf.out layout under terraform/, the rule
// findings and a README with the apply order) and diagnostics; it never writes to disk itself.
import { createDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { Model } from '../../model/types.js';
import type { GeneratedFile, GeneratorOptions, GeneratorResult } from '../types.js';
import { buildPlan, type CloudPlan } from './plan.js';
import { readme } from './readme.js';
import { startRules, stackView, TERRAFORM_RULES, type RulesReport } from './rules/index.js';
import { renderJson, synthesize, synthesizeStacks, type RenderedStack, type SynthMode, type SynthResult } from './synth.js';

export const OUTPUT_DIR = 'terraform';
export const FINDINGS_VERSION = 1 as const;

export interface TerraformOptions extends GeneratorOptions {
  /** Date (YYYY-MM-DD) for acknowledgement expiry; passed along by `rbc compile --today`. */
  readonly today?: string;
  /** @default memory */
  readonly synthMode?: SynthMode;
}

export interface TerraformResult extends GeneratorResult {
  /** Milliseconds per phase: plan, synth (build + render), rules, files. */
  readonly timings: Readonly<Record<string, number>>;
  readonly plan: CloudPlan | null;
  /** The synthesized stacks; null without a cloud section, and with `emit`: they are not kept then. */
  readonly synth: SynthResult | null;
  readonly report: RulesReport | null;
  /** Stacks synthesized and the resources in them (site selection or not). */
  readonly counts: { readonly stacks: number; readonly resources: number };
}

/** Rule findings as diagnostics: unacknowledged ones as RBC3100 with the rule id, failures as RBC3101. */
export function findingDiagnostics(report: RulesReport): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of report.findings) {
    if (f.acknowledged) continue;
    out.push(
      createDiagnostic('RuleFinding', { path: f.path }, [`${f.message} (stack ${f.stack})`, 'fix the blueprint, or acknowledge the rule with a reason, owner and expiry (docs/terraform.md)'], {
        category: f.severity,
        rule: f.rule,
      }),
    );
  }
  for (const x of report.failures) out.push(createDiagnostic('RuleFailed', { path: 'cloud' }, [x.rule, x.message]));
  return out;
}

export function generateTerraform(model: Model, options: TerraformOptions = {}): TerraformResult {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round(now - t);
    t = now;
  };
  // Every stack is synthesized even when only some sites are asked for: a region stack's outputs
  // depend on the site stacks that read them. The site selection only filters what is returned.
  const { plan, diagnostics } = buildPlan(model);
  lap('plan');
  // A deployment without a cloud section has nothing to apply: no terraform/ folder at all.
  if (!plan) return { files: [], diagnostics, timings, plan: null, synth: null, report: null, counts: { stacks: 0, resources: 0 } };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const rules = startRules({ model, plan }, today, TERRAFORM_RULES);
  const emit = options.emit;
  const siteOfStack = new Map(plan.sites.map((s) => [s.stack, s.id]));
  // Without emit, the stacks and their files are returned (in plan order); with it, each file is
  // handed over as soon as it is rendered and only the rules' facts and the manifest stay.
  const kept: RenderedStack[] = [];
  const stackFiles: { index: number; file: GeneratedFile }[] = [];
  const dependencies = new Map<string, readonly string[]>();
  const counts = { stacks: 0, resources: 0 };
  // Rules and rendering run per stack inside synthesis; their time is taken out of `synth`.
  let rulesMs = 0;
  let filesMs = 0;
  const onStack = (s: RenderedStack) => {
    let t0 = performance.now();
    rules.stack(stackView(s.name, s.config, s.index));
    let t1 = performance.now();
    rulesMs += t1 - t0;
    counts.stacks++;
    counts.resources += resourceCount(s.config);
    dependencies.set(s.name, s.dependencies);
    if (!emit) kept.push(s);
    const site = siteOfStack.get(s.name);
    if (site === undefined || !options.sites || options.sites.has(site)) {
      const file: GeneratedFile = { path: `${OUTPUT_DIR}/stacks/${s.name}/cdk.tf.json`, content: renderJson(s.config), ...(site !== undefined ? { site } : {}) };
      if (emit) emit(file);
      else stackFiles.push({ index: s.index, file });
    }
    t0 = performance.now();
    filesMs += t0 - t1;
  };
  const { manifest, origins } = synthesizeAll(plan, options.synthMode ?? 'memory', onStack);
  lap('synth');
  timings['synth'] = Math.max(0, timings['synth']! - Math.round(rulesMs + filesMs));
  const report = rules.finish(origins);
  lap('rules');
  timings['rules']! += Math.round(rulesMs);
  kept.sort((a, b) => a.index - b.index);
  stackFiles.sort((a, b) => a.index - b.index);
  const deploymentWide: GeneratedFile[] = [
    { path: `${OUTPUT_DIR}/manifest.json`, content: renderJson(manifest) },
    { path: `${OUTPUT_DIR}/findings.json`, content: renderJson({ version: FINDINGS_VERSION, rules: report.rules, findings: report.findings }) },
    { path: `${OUTPUT_DIR}/README.md`, content: readme(model, plan, dependencies) },
  ];
  let files: GeneratedFile[];
  if (emit) {
    for (const f of deploymentWide) emit(f);
    files = [];
  } else {
    files = [deploymentWide[0]!, ...stackFiles.map((x) => x.file), deploymentWide[1]!, deploymentWide[2]!];
  }
  lap('files');
  timings['files']! += Math.round(filesMs);
  const synth = emit ? null : { stacks: kept.map(({ name, config, dependencies: deps }) => ({ name, config, dependencies: deps })), manifest, origins };
  return { files, diagnostics: [...diagnostics, ...findingDiagnostics(report)], timings, plan, synth, report, counts };
}

/** Synthesis in the given mode, each stack handed to `onStack` (in memory: as soon as it is rendered). */
function synthesizeAll(plan: CloudPlan, mode: SynthMode, onStack: (s: RenderedStack) => void): Pick<SynthResult, 'manifest' | 'origins'> {
  if (mode === 'memory') return synthesizeStacks(plan, onStack);
  const all = synthesize(plan, mode);
  all.stacks.forEach((s, index) => onStack({ ...s, index }));
  return { manifest: all.manifest, origins: all.origins };
}

const resourceCount = (config: Record<string, unknown>) => Object.values((config['resource'] ?? {}) as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
