// Starts a worker thread on a module beside the caller, whether rbc runs from compiled
// JavaScript (the .js file) or from its TypeScript sources under tests or tsx (the .ts file).
// A worker does not inherit the parent's module hooks, and `--import tsx` in its execArgv does
// not reach the entry module on Node 20, so from sources the worker registers tsx through its
// API first; tsx is resolved from rbc, not from the working directory. Used by the runbooks'
// diagram thread and the CLI's generator thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `callerUrl` is the caller's import.meta.url; `name` the module's file name without extension. */
export function startModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(entry)}))`, { ...options, eval: true });
}
