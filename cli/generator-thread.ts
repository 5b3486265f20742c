// Starts the generator worker (generator-worker.ts) and waits for its report. From compiled
// JavaScript the worker is the .js file beside this one; from TypeScript sources (tests, tsx) it
// is the .ts file, loaded through tsx.
import { getHeapStatistics } from 'node:v8';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerJob, WorkerReport } from './generator-worker.js';

export function runGeneratorThread(job: WorkerJob): Promise<WorkerReport> {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './generator-worker.ts' : './generator-worker.js', import.meta.url);
  // A worker does not inherit the parent's module hooks: from sources it registers tsx first.
  const tsx = fromSource ? pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href : null;
  const entry = tsx ? `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))` : url;
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {
      eval: tsx !== null,
      workerData: job,
      // As much heap as the main thread may use: a 10,000-site fleet's stacks need it.
      resourceLimits: { maxOldGenerationSizeMb: Math.ceil(getHeapStatistics().heap_size_limit / 2 ** 20) },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    worker.once('message', (m: { report?: WorkerReport; error?: string }) => {
      settled = true;
      if (m.report) resolve(m.report);
      else reject(new Error(m.error ?? 'generator thread failed'));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`generator thread stopped with exit code ${code}`));
      settled = true;
    });
  });
}
