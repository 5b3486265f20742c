import { Diagnostics, type Category, type DiagnosticName } from './catalogue.js';

/** Where a diagnostic points: a file position, a construct path, or both. */
export interface Location {
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
  /** Construct path, e.g. sites/ulm/gateways/gw-a. */
  readonly path?: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly name: DiagnosticName;
  readonly category: Category;
  readonly message: string;
  readonly hint: string;
  readonly location: Location;
  /** Rule id for rule findings (RBC-Rnnn). */
  readonly rule?: string;
}

const fill = (text: string, args: readonly unknown[]) =>
  text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));

export function formatCode(code: number): string {
  return `RBC${code}`;
}

export function createDiagnostic(
  name: DiagnosticName,
  location: Location,
  args: readonly unknown[] = [],
  overrides: { category?: Category; rule?: string; hint?: string } = {},
): Diagnostic {
  const entry = Diagnostics[name];
  return {
    code: formatCode(entry.code),
    name,
    category: overrides.category ?? entry.category,
    message: fill(entry.message, args),
    hint: overrides.hint ?? fill(entry.hint, args),
    location,
    ...(overrides.rule ? { rule: overrides.rule } : {}),
  };
}

/** A collector: phases add to it and never throw for bad input. */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.items.push(d);
  }
  report(name: DiagnosticName, location: Location, args: readonly unknown[] = []): void {
    this.items.push(createDiagnostic(name, location, args));
  }
  get all(): readonly Diagnostic[] {
    return this.items;
  }
  get hasErrors(): boolean {
    return this.items.some((d) => d.category === 'error');
  }
}

function locationKey(l: Location): string {
  return `${l.file ?? ''}\u0000${String(l.line ?? 0).padStart(9, '0')}\u0000${String(l.column ?? 0).padStart(9, '0')}\u0000${l.path ?? ''}`;
}

/** Stable order: by file, line, column, path, then code and message. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => {
    const ka = locationKey(a.location);
    const kb = locationKey(b.location);
    if (ka !== kb) return ka < kb ? -1 : 1;
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

export function formatLocation(l: Location): string {
  if (l.file && l.line) return `${l.file}:${l.line}:${l.column ?? 1}`;
  if (l.file && l.path) return `${l.file} [${l.path}]`;
  if (l.path) return `[${l.path}]`;
  return l.file ?? '<blueprint>';
}

/** `FILE:LINE:COL: error RBCnnnn: what is wrong; how to fix it` */
export function formatDiagnostic(d: Diagnostic): string {
  const rule = d.rule ? ` ${d.rule}` : '';
  const msg = d.message.replace(/\.$/, '');
  const raw = d.hint.replace(/\.$/, '');
  const hint = /^[A-Z][a-z]/.test(raw) ? raw.charAt(0).toLowerCase() + raw.slice(1) : raw;
  return `${formatLocation(d.location)}: ${d.category} ${d.code}${rule}: ${msg}; ${hint}${/[?!]$/.test(hint) ? '' : '.'}`;
}
