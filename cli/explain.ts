import type { Io } from './output.js';
import { printDiagnostics } from './output.js';
import { checkBlueprint } from './pipeline.js';
import { explainVerdict } from '../analysis/explain.js';

export async function explainCommand(file: string, opts: { site: string; service: string; scenario: string; today?: string }, io: Io): Promise<number> {
  const result = await checkBlueprint(file, { today: opts.today });
  if (!result.load.model || !result.assessment) {
    printDiagnostics(io, result.diagnostics, false);
    return 1;
  }
  const text = explainVerdict(result.load.model, result.assessment, opts);
  if (!text.ok) {
    io.err(`rbc explain: ${text.text}\n`);
    return 2;
  }
  io.out(text.text + '\n');
  return 0;
}
