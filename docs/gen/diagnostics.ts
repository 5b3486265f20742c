// docs/diagnostics.md: every code of diagnostics/catalogue.ts with its message and hint,
// grouped by band.
import { Diagnostics, type DiagnosticMessage } from '../../diagnostics/catalogue.js';
import { cell, generatedNotice, type GeneratedDoc } from './types.js';

/** The bands of the catalogue, by code range; sub-bands get their own heading. */
export const BANDS: readonly { readonly from: number; readonly to: number; readonly title: string; readonly about: string }[] = [
  { from: 1000, to: 1999, title: '1xxx: reading the blueprint', about: 'The file itself and its schema: encoding, syntax, size, unknown or missing keys, wrong values.' },
  { from: 2000, to: 2999, title: '2xxx: references and model', about: 'References by id that do not resolve, duplicates, cycles, placements that contradict each other.' },
  { from: 3000, to: 3999, title: '3xxx: redundancy rules and policies', about: 'What the analysis concludes: violated policies, rule findings (with their RBC-Rnnn rule id) and acknowledgements.' },
  { from: 4000, to: 4099, title: '4xxx: generators and output', about: 'Running the generators and writing the output directory; a failed compile leaves the previous output untouched.' },
  { from: 4100, to: 4199, title: '41xx: the terraform generator', about: 'The cloud parts as cdktf stacks.' },
  { from: 4200, to: 4299, title: '42xx: the devices generator', about: 'Device configurations for gateways and edge devices.' },
  { from: 4300, to: 4999, title: '43xx-49xx: other generators', about: 'Further generators (runbooks, reports).' },
  { from: 5000, to: 5099, title: '5xxx: command line', about: 'Usage of the rbc command.' },
  { from: 5100, to: 5199, title: '51xx: rbc diff', about: 'Comparing two compiled outputs or two revisions of a blueprint.' },
  { from: 5200, to: 5999, title: '52xx-59xx: other commands', about: 'Further commands of rbc.' },
];

const placeholders = (text: string) => text.replace(/\{(\d+)\}/g, '`{$1}`');

export function renderDiagnostics(): string {
  const entries = (Object.entries(Diagnostics) as [string, DiagnosticMessage][]).sort(([, a], [, b]) => a.code - b.code);
  const out: string[] = [
    generatedNotice('diagnostics/catalogue.ts'),
    '# Diagnostics',
    '',
    'Every problem rbc reports has a stable code `RBCnnnn` and is printed on one line:',
    '',
    '```',
    'FILE:LINE:COL: error RBCnnnn: what is wrong; how to fix it',
    '```',
    '',
    'For a TypeScript app the construct path stands in for the line, e.g.',
    '`app.ts [sites/ulm/gateways/gw-a]: error RBC2002: ...`. Diagnostics are collected and sorted by',
    'file, line and column; rbc never stops at the first one. `rbc check --json` prints them as',
    '`{ "diagnostics": [ { "code", "name", "category", "message", "hint", "location": { "file", "line", "column", "path" } } ] }`.',
    'Codes are never reused. `{0}`, `{1}`, ... stand for the names and values of the case at hand.',
    '',
  ];
  for (const band of BANDS) {
    const inBand = entries.filter(([, d]) => d.code >= band.from && d.code <= band.to);
    if (inBand.length === 0) continue;
    out.push(`## ${band.title}`, '', band.about, '', '| Code | Name | Severity | Message | Hint |', '| --- | --- | --- | --- | --- |');
    for (const [name, d] of inBand) {
      out.push(`| RBC${d.code} | ${name} | ${d.category} | ${cell(placeholders(d.message))} | ${cell(placeholders(d.hint))} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}

export const doc: GeneratedDoc = { file: 'docs/diagnostics.md', render: renderDiagnostics };
