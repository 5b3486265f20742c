#!/usr/bin/env node
// The rbc command runs the compiled JavaScript in dist/ (built by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('rbc: dist/ is missing; run `npm ci` (or `npm run build`) in the rbc folder first.\n');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
