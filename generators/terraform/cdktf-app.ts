// Entry point for the cdktf CLI (`npx cdktf synth`, see cdktf.json): builds the same stacks as
// `rbc compile` from the blueprint named in RBC_BLUEPRINT and lets cdktf write them to its
// output folder (CDKTF_OUTDIR, set by the CLI from cdktf.json) in the same layout.
import { formatDiagnostic } from '../../diagnostics/index.js';
import { loadAny } from '../../load/load.js';
import { buildApp } from './app.js';
import { buildPlan } from './plan.js';

async function main(): Promise<number> {
  const file = process.env['RBC_BLUEPRINT'];
  if (!file) {
    process.stderr.write('Set RBC_BLUEPRINT to the blueprint to synthesize, e.g. RBC_BLUEPRINT=blueprints/f-cloud-pbx-local-survivable.yaml npx cdktf synth\n');
    return 2;
  }
  const load = await loadAny(file);
  for (const d of load.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  if (!load.model) return 1;
  const { plan, diagnostics } = buildPlan(load.model);
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  if (!plan) {
    process.stderr.write(`${file} has no cloud section: there is nothing to synthesize.\n`);
    return 1;
  }
  buildApp(plan, process.env['CDKTF_OUTDIR'] ?? 'cdktf.out').app.synth();
  return 0;
}

process.exitCode = await main();
