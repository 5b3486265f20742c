// Runs the rbc command line from the TypeScript sources (no build needed), for tests that spawn
// it as a process: `node --import <tsx> test/review/support/rbc-entry.ts ARGS...`.
import { run } from '../../../cli/main.js';

process.exitCode = await run(process.argv.slice(2));
