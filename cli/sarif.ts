// SARIF 2.1.0, so code scanning shows findings on the pull request's lines.
import type { Diagnostic } from '../diagnostics/index.js';

export function toSarif(diagnostics: readonly Diagnostic[], version: string): object {
  const ruleIds = [...new Set(diagnostics.map((d) => d.rule ?? d.code))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rbc',
            version,
            informationUri: 'https://github.com/rbc/rbc',
            rules: ruleIds.map((id) => ({ id, helpUri: id.startsWith('RBC-R') ? `docs/rules.md#${id.toLowerCase()}` : `docs/diagnostics.md#${id.toLowerCase()}` })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.rule ?? d.code,
          level: d.category === 'info' ? 'note' : d.category,
          message: { text: `${d.message} ${d.hint}`.trim() },
          locations: d.location.file
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: d.location.file },
                    region: { startLine: d.location.line ?? 1, startColumn: d.location.column ?? 1 },
                  },
                  ...(d.location.path ? { logicalLocations: [{ fullyQualifiedName: d.location.path }] } : {}),
                },
              ]
            : d.location.path
              ? [{ logicalLocations: [{ fullyQualifiedName: d.location.path }] }]
              : [],
        })),
      },
    ],
  };
}
