import { formatDiagnostic, type Diagnostic } from '../diagnostics/index.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[], json: boolean): void {
  if (json) {
    io.out(JSON.stringify({ diagnostics }, null, 2) + '\n');
    return;
  }
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
  const errors = diagnostics.filter((d) => d.category === 'error').length;
  const warnings = diagnostics.filter((d) => d.category === 'warning').length;
  if (diagnostics.length > 0) io.err(`${errors} error(s), ${warnings} warning(s).\n`);
}

/** Which diagnostics fail the command: `error` (default), `warning` (errors and warnings), `none`. */
export type FailOn = 'error' | 'warning' | 'none';

export function failsOn(diagnostics: readonly Diagnostic[], failOn: FailOn): boolean {
  if (failOn === 'none') return diagnostics.some((d) => d.category === 'error' && d.code < 'RBC3000');
  if (failOn === 'warning') return diagnostics.some((d) => d.category !== 'info');
  return diagnostics.some((d) => d.category === 'error');
}
