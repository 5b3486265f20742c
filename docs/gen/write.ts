// Writes every generated document: `npx tsx docs/gen/write.ts` (`--check` only lists the stale
// ones and exits 1 if there are any, for CI). Files whose content is unchanged are not touched.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCS } from './all.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The docs whose committed file differs from what their generator renders now. */
export function staleDocs(root = ROOT): string[] {
  return DOCS.filter((d) => {
    const path = join(root, d.file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== d.render();
  }).map((d) => d.file);
}

export function writeDocs(root = ROOT): string[] {
  const written: string[] = [];
  for (const d of DOCS) {
    const path = join(root, d.file);
    const content = d.render();
    if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(d.file);
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const stale = staleDocs();
    for (const f of stale) process.stderr.write(`${f} is stale; run npx tsx docs/gen/write.ts\n`);
    process.exitCode = stale.length ? 1 : 0;
  } else {
    const written = writeDocs();
    process.stdout.write(written.length ? written.map((f) => `wrote ${f}\n`).join('') : 'all generated docs are up to date\n');
  }
}
