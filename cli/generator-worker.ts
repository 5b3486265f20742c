// A worker thread that runs the generators that read only the model (Terraform, device configs)
// while the main thread renders the runbooks: the machine's second core does their work. It
// writes each file straight into the staging directory and sends back only records: paths,
// hashes and sizes, never contents.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/index.js';
import { GENERATORS } from '../generators/registry.js';
import type { GeneratedFile } from '../generators/types.js';
import type { Model } from '../model/types.js';
import type { Assessment } from '../analysis/types.js';
import { writeArtifact, type ArtifactRecord } from '../write/artifact.js';
import { isSafeArtifactPath } from '../write/paths.js';

export interface WorkerJob {
  readonly generators: readonly string[];
  readonly model: Model;
  /** Sites whose per-site files to write; null = all. */
  readonly sites: ReadonlySet<string> | null;
  readonly templateDirs?: Readonly<Record<string, string>>;
  readonly today?: string;
  /** The staging directory the files go into. */
  readonly root: string;
}

export interface WorkerReport {
  readonly records: readonly ArtifactRecord[];
  /** Paths the worker refused to write; the main thread reports them. */
  readonly unsafePaths: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** Generators that threw: id and message. */
  readonly failures: readonly { readonly generator: string; readonly message: string }[];
  /** Seconds each generator took, its writes included. */
  readonly seconds: Readonly<Record<string, number>>;
}

export async function runJob(job: WorkerJob): Promise<WorkerReport> {
  const records: ArtifactRecord[] = [];
  const unsafePaths: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const failures: { generator: string; message: string }[] = [];
  const madeDirs = new Set<string>();
  const seconds: Record<string, number> = {};
  const take = (f: GeneratedFile) => {
    // The selection applies to every generator alike, whether or not it honours `sites`.
    if (f.site !== undefined && job.sites && !job.sites.has(f.site)) return;
    if (!isSafeArtifactPath(f.path)) unsafePaths.push(f.path);
    else records.push(writeArtifact(job.root, f, madeDirs));
  };
  for (const id of job.generators) {
    const entry = GENERATORS.find((g) => g.id === id);
    if (!entry) continue;
    const t0 = performance.now();
    try {
      const generator = await entry.load();
      // Model-only generators never read the assessment (GeneratorEntry.modelOnly).
      const result = await generator.generate(job.model, null as unknown as Assessment, {
        templateDirs: job.templateDirs,
        sites: job.sites ?? undefined,
        today: job.today,
        emit: take,
      } as Parameters<typeof generator.generate>[2]);
      for (const f of result.files) take(f);
      diagnostics.push(...result.diagnostics);
    } catch (e) {
      failures.push({ generator: id, message: (e as Error)?.message ?? String(e) });
    }
    seconds[id] = (performance.now() - t0) / 1000;
  }
  return { records, unsafePaths, diagnostics, failures, seconds };
}

/**
 * The main thread and the runbooks' diagram thread are the compile's critical path; this thread
 * finishes long before them. On Linux it therefore runs at a lower priority, so that on a
 * 2-core machine it takes only the CPU they leave. Elsewhere it keeps the normal priority.
 */
function yieldToCriticalPath(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // not Linux, or not permitted: normal priority
  }
}

if (parentPort && workerData) {
  yieldToCriticalPath();
  const port = parentPort;
  runJob(workerData as WorkerJob).then(
    (report) => port.postMessage({ report }),
    (e: unknown) => port.postMessage({ error: (e as Error)?.stack ?? String(e) }),
  );
}
