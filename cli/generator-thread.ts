// Starts the generators that read only the model (GeneratorEntry.modelOnly: device configs,
// Terraform) on a worker thread (generator-worker.ts) as soon as the model is loaded, so they run
// on the second core during the analysis, the report and the runbooks.
import { getHeapStatistics } from 'node:v8';
import { startModuleWorker } from '../generators/module-worker.js';
import type { DiagnosticBag } from '../diagnostics/index.js';
import type { GeneratorEntry } from '../generators/registry.js';
import type { Model } from '../model/types.js';
import type { ArtifactSink } from '../write/sink.js';
import type { WorkerJob, WorkerReport } from './generator-worker.js';

export interface ThreadedGenerators {
  readonly ids: readonly string[];
  readonly done: Promise<{ readonly report: WorkerReport | null; readonly error: Error | null }>;
}

export function startThreadedGenerators(
  model: Model,
  generators: readonly GeneratorEntry[],
  sites: ReadonlySet<string> | null,
  options: { readonly templateDirs?: Readonly<Record<string, string>>; readonly today?: string },
  root: string,
): ThreadedGenerators | null {
  const ids = generators.filter((g) => g.modelOnly).map((g) => g.id);
  if (ids.length === 0) return null;
  const job: WorkerJob = { generators: ids, model, sites, templateDirs: options.templateDirs, today: options.today, root };
  const done = runWorker(job).then(
    (report) => ({ report, error: null }),
    (error: unknown) => ({ report: null, error: error as Error }),
  );
  return { ids, done };
}

/** Waits for the worker; its files join the sink, its problems the bag. Returns seconds per generator. */
export async function collectThreadedGenerators(threaded: ThreadedGenerators, sink: ArtifactSink, bag: DiagnosticBag): Promise<Record<string, number>> {
  const { report, error } = await threaded.done;
  if (error) bag.report('GeneratorFailed', {}, [threaded.ids.join(', '), error.message]);
  if (!report) return {};
  for (const r of report.records) sink.adopt(r);
  for (const p of report.unsafePaths) bag.report('GeneratorFailed', { path: p }, ['writer', `unsafe artifact path '${p}'`]);
  for (const f of report.failures) bag.report('GeneratorFailed', {}, [f.generator, f.message]);
  for (const d of report.diagnostics) bag.add(d);
  return Object.fromEntries(Object.entries(report.seconds).map(([id, s]) => [`generate:${id}`, s]));
}

function runWorker(job: WorkerJob): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const worker = startModuleWorker(import.meta.url, 'generator-worker', {
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
