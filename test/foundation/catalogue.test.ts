// The catalogue of diagnostics: stable codes, unique, each in its band, phrased the same way.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Diagnostics, type DiagnosticMessage } from '../../diagnostics/catalogue.js';
import { createDiagnostic, formatDiagnostic } from '../../diagnostics/index.js';
import { BANDS } from '../../docs/gen/diagnostics.js';
import { REPO } from '../support/compile.js';

const entries = Object.entries(Diagnostics) as [string, DiagnosticMessage][];

describe('the diagnostics catalogue', () => {
  it('has unique codes', () => {
    const seen = new Map<number, string>();
    for (const [name, d] of entries) {
      expect(seen.get(d.code), `RBC${d.code} is used by ${seen.get(d.code)} and ${name}`).toBeUndefined();
      seen.set(d.code, name);
    }
  });

  it('keeps every code within its band', () => {
    for (const [name, d] of entries) {
      expect(Number.isInteger(d.code), name).toBe(true);
      expect(BANDS.some((b) => d.code >= b.from && d.code <= b.to), `${name} (${d.code}) is in no band`).toBe(true);
    }
    // The file groups codes under a `// Nxxx:` comment; each code belongs to the band of the
    // comment it stands under, so a code added in the wrong section is caught.
    const source = readFileSync(`${REPO}diagnostics/catalogue.ts`, 'utf8');
    let band: string | null = null;
    for (const line of source.split('\n')) {
      const heading = /^\s*\/\/ (\d+)x+:/.exec(line);
      if (heading) {
        band = heading[1]!;
        continue;
      }
      const entry = /^\s*(\w+): d\((\d+),/.exec(line);
      if (!entry) continue;
      expect(band, `${entry[1]} stands under no band heading`).not.toBeNull();
      expect(entry[2]!.startsWith(band!), `${entry[1]} (${entry[2]}) stands under the ${band}xx heading`).toBe(true);
    }
  });

  it('phrases messages as a sentence and hints as an instruction', () => {
    for (const [name, d] of entries) {
      // A message is a sentence, or passes a sentence through whole (a rule's own message).
      if (d.message !== '{0}') expect(d.message, name).toMatch(/^(\{\d\}|'|[A-Z-]).*\.$/s);
      expect(d.hint, name).not.toMatch(/\.$/);
      expect(['error', 'warning', 'info'], name).toContain(d.category);
    }
  });

  it('formats every entry as one line: what is wrong; how to fix it', () => {
    for (const [name] of entries) {
      const args = ['x', 'y', 'z', 'w', 'v', 'u'];
      const line = formatDiagnostic(createDiagnostic(name as keyof typeof Diagnostics, { file: 'a.yaml', line: 3, column: 7 }, args));
      expect(line, name).toMatch(/^a\.yaml:3:7: (error|warning|info) RBC\d{4}: [^\n]+; [^\n]+$/);
      expect(line, name).not.toMatch(/\{\d\}/);
    }
  });
});
