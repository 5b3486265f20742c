// docs/runbooks.md documents what the generator does, and shows a real rendered page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../generators/runbooks/checklist.js';
import { TEMPLATE_FILES } from '../../generators/runbooks/templates.js';
import { decodePng, inkStats, REPO } from './support.js';

describe('docs/runbooks.md', () => {
  const doc = readFileSync(`${REPO}docs/runbooks.md`, 'utf8');

  it('names every template file, every Markdown helper and the number of checklist items', () => {
    for (const f of Object.values(TEMPLATE_FILES)) expect(doc).toContain(`\`${f}\``);
    for (const h of ['md', 'cell', 'code', 'cellcode', 'fenced']) expect(doc).toContain(`{{${h} x}}`);
    expect(doc).toContain(`${CHECKLIST.flatMap((g) => g.items).length} items`);
    expect(doc).toContain('--templates runbooks=');
  });

  it('shows docs/runbook-page.png, an A4-shaped picture of a printed page that is not blank', () => {
    expect(doc).toContain('](runbook-page.png)');
    const png = decodePng(readFileSync(`${REPO}docs/runbook-page.png`));
    expect(png.height / png.width).toBeCloseTo(297 / 210, 1);
    const ink = inkStats(png);
    expect(ink.inked).toBeGreaterThan(0.03);
    expect(ink.dark).toBeGreaterThan(0.005);
  });
});
