// A side of a review that cannot be read: carries a coded diagnostic for the command line.
import { createDiagnostic, type Diagnostic, type DiagnosticName } from '../diagnostics/index.js';

export class ReviewInputError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(name: DiagnosticName, args: readonly unknown[], file?: string) {
    const diagnostic = createDiagnostic(name, file ? { file } : {}, args);
    super(diagnostic.message);
    this.name = 'ReviewInputError';
    this.diagnostic = diagnostic;
  }
}
