// The terraform generator: model -> cloud plan -> cdktf stacks synthesized in memory -> rules
// over the synthesized JSON. It returns files (the cdktf.out layout under terraform/, the rule
// findings and a README with the apply order) and diagnostics; it never writes to disk itself.
import { createDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { Model } from '../../model/types.js';
import type { GeneratedFile, GeneratorOptions, GeneratorResult } from '../types.js';
import { buildPlan, type CloudPlan } from './plan.js';
import { readme } from './readme.js';
import { runRules, stackView, TERRAFORM_RULES, type RulesReport } from './rules/index.js';
import { renderJson, synthesize, type SynthMode, type SynthResult } from './synth.js';

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
  readonly synth: SynthResult | null;
  readonly report: RulesReport | null;
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
  if (!plan) return { files: [], diagnostics, timings, plan: null, synth: null, report: null };
  const synth = synthesize(plan, options.synthMode ?? 'memory');
  lap('synth');
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const report = runRules({ model, plan, stacks: synth.stacks.map((s, i) => stackView(s.name, s.config, i)) }, synth.origins, today, TERRAFORM_RULES);
  lap('rules');
  const files: GeneratedFile[] = [{ path: `${OUTPUT_DIR}/manifest.json`, content: renderJson(synth.manifest) }];
  const siteOfStack = new Map(plan.sites.map((s) => [s.stack, s.id]));
  for (const s of synth.stacks) {
    const site = siteOfStack.get(s.name);
    if (site !== undefined && options.sites && !options.sites.has(site)) continue;
    files.push({ path: `${OUTPUT_DIR}/stacks/${s.name}/cdk.tf.json`, content: renderJson(s.config), ...(site !== undefined ? { site } : {}) });
  }
  files.push({ path: `${OUTPUT_DIR}/findings.json`, content: renderJson({ version: FINDINGS_VERSION, rules: report.rules, findings: report.findings }) });
  files.push({ path: `${OUTPUT_DIR}/README.md`, content: readme(model, plan, synth) });
  lap('files');
  return { files, diagnostics: [...diagnostics, ...findingDiagnostics(report)], timings, plan, synth, report };
}
