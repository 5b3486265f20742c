// docs/rules.md: every redundancy rule, rendered from the metadata in its own file
// (analysis/rules/rNNN-*.ts), so the documentation is never written twice.
import { RULES } from '../../analysis/rules/registry.js';
import type { Rule } from '../../analysis/rules/rule.js';
import { cell, generatedNotice, type GeneratedDoc } from './types.js';

const code = (text: string) => text.replace(/\{\{(\w+)\}\}/g, '`$1`');

function section(r: Rule): string[] {
  const m = r.meta;
  return [
    `## ${m.id} ${m.name}`,
    '',
    `Severity: **${m.severity}**. Source: \`analysis/rules/${m.id.slice(4).toLowerCase()}-${m.name}.ts\`.`,
    '',
    `> ${m.rationale}`,
    '',
    m.docs.description,
    '',
    `**Fix:** ${m.docs.fix}`,
    '',
    'Messages (the names in backquotes are filled in):',
    '',
    ...Object.entries(m.messages)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([id, text]) => `- \`${id}\`: ${code(text)}`),
    '',
  ];
}

export function renderRules(): string {
  const out = [
    generatedNotice('analysis/rules/'),
    '# Redundancy rules',
    '',
    'Besides the failure analysis (docs/analysis.md), rbc checks the design against rules that',
    'catch the mistakes the whitepaper warns of, before they show up as a violated policy. Each',
    'rule is one small pure function in `analysis/rules/` with a stable id (`RBC-Rnnn`, never',
    'reused), a severity and a rationale that quotes the failure it prevents. A finding names the',
    'construct at fault by its path (e.g. `gateways/pbx-west`); `rbc check` prints it as',
    'diagnostic RBC3100 at that element\'s line, with the rule id, and `--format sarif` puts it on',
    'the pull request\'s lines. Findings of severity error make `rbc check` exit 1; `--fail-on`',
    'chooses the level.',
    '',
    'A rule that fails on a blueprint (a bug in rbc) becomes an error finding of its own,',
    '`ruleFailed` (diagnostic RBC3101), at path `rules/rbc-rnnn`; the other rules still run.',
    '',
    '## Accepting a risk',
    '',
    'When a finding is a risk the customer accepts, acknowledge it in the blueprint, with a reason',
    '(at least 10 characters), who accepted it and until when:',
    '',
    '```yaml',
    'acknowledgements:',
    '  - rule: RBC-R016',
    '    target: gateways/pbx-reutlingen   # the finding\'s path, or * for every finding of the rule',
    '    reason: The branch PBX model has one power supply; the standby in Stuttgart covers it.',
    '    owner: Head of IT, Hofmann Maschinenbau',
    '    expires: 2027-12-31',
    '```',
    '',
    'An acknowledged finding stays in analysis.json with its acknowledgement, and is not printed.',
    'After the expiry date (compared with `--today`, or `RBC_TODAY`, or the current date) the',
    'finding shows again and the acknowledgement itself is a warning (RBC3102). An',
    'acknowledgement that matches no finding is reported too (RBC3103). analysis.json lists every',
    'acknowledgement with its status: `active`, `expired` or `unused`.',
    '',
    '## The rules',
    '',
    '| Id | Name | Severity | Finds |',
    '|---|---|---|---|',
    ...RULES.map((r) => `| [${r.meta.id}](#${r.meta.id.toLowerCase()}-${r.meta.name}) | ${r.meta.name} | ${r.meta.severity} | ${cell(r.meta.docs.description)} |`),
    '',
    ...RULES.flatMap(section),
  ];
  return out.join('\n').replace(/\n+$/, '\n');
}

export const doc: GeneratedDoc = { file: 'docs/rules.md', render: renderRules };
