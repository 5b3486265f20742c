// Entry point for the cdktf CLI (`npx cdktf synth`, see cdktf.json): builds the same stacks as
// `rbc compile` from the blueprint named in RBC_BLUEPRINT and lets cdktf write them to its
// output folder (CDKTF_OUTDIR, set by the CLI from cdktf.json) in the same layout.
import { formatDiagnostic } from '../../diagnostics/index.js';
import { loadAny } from '../../load/load.js';
import { buildApp } from './app.js';
import { buildPlan } from './plan.js';

/** Synthesizes a blueprint's stacks with cdktf's app.synth() into `outdir`; returns an exit code. */
export async function synthBlueprint(file: string, outdir: string, err: (text: string) => void): Promise<number> {
  const load = await loadAny(file);
  for (const d of load.diagnostics) err(formatDiagnostic(d) + '\n');
  if (!load.model) return 1;
  const { plan, diagnostics } = buildPlan(load.model);
  for (const d of diagnostics) err(formatDiagnostic(d) + '\n');
  if (!plan) {
    err(`${file} has no cloud section: there is nothing to synthesize.\n`);
    return 1;
  }
  buildApp(plan, outdir).app.synth();
  return 0;
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const file = process.env['RBC_BLUEPRINT'];
  const err = (text: string) => void process.stderr.write(text);
  if (!file) {
    err('Set RBC_BLUEPRINT to the blueprint to synthesize, e.g. RBC_BLUEPRINT=blueprints/f-cloud-pbx-local-survivable.yaml npx cdktf synth\n');
    process.exitCode = 2;
  } else {
    process.exitCode = await synthBlueprint(file, process.env['CDKTF_OUTDIR'] ?? 'cdktf.out', err);
  }
}
