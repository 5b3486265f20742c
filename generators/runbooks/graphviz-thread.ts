// Graphviz on a worker thread (graphviz-worker.ts): the main thread hands it the DOT of the next
// sites and renders the current site's plan meanwhile, so that the layout, a large part of a
// plan's cost, runs on the machine's other core.
//
// The worker starts from compiled JavaScript or from sources (module-worker.ts). A thread that
// cannot start (no worker support, tsx missing, Graphviz failing
// to load there) is not an error: the diagrams are then rendered in-thread, with the same
// bytes. A thread that fails after it started fails the jobs it holds, and so the compile.
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../module-worker.js';
import { renderSvg } from './graphviz.js';
import type { DiagramJob, DiagramMessage } from './graphviz-worker.js';

export type RenderSvg = (dot: string, ariaLabel: string) => Promise<string>;

export interface DiagramThread {
  /** Queues a diagram for layout; the promise settles when its SVG is back. */
  readonly render: RenderSvg;
  /** Ends the thread; diagrams still queued are rejected. */
  readonly close: () => Promise<void>;
}

interface Job {
  readonly dot: string;
  readonly label: string;
  readonly resolve: (svg: string) => void;
  readonly reject: (e: Error) => void;
}

function startWorker(): Worker {
  return startModuleWorker(import.meta.url, 'graphviz-worker');
}

/** Starts the thread; `inThread` renders when it cannot start. */
export function startDiagramThread(inThread: RenderSvg = renderSvg, start: () => Worker = startWorker): DiagramThread {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return { render: inThread, close: async () => {} };
  }
  const jobs = new Map<number, Job>();
  let nextId = 0;
  let ready = false;
  let closed = false;
  /** The thread never started: every diagram is rendered in-thread. */
  let local = false;
  /** The thread failed after it started: every diagram fails with this. */
  let failure: Error | null = null;

  // Diagrams queued in one go are posted together: waking a thread that waits costs more than
  // the message, on a busy machine up to a millisecond.
  let outbox: DiagramJob[] = [];
  const flush = () => {
    const batch = outbox;
    outbox = [];
    if (!local && !failure && !closed) worker.postMessage(batch);
  };

  // The thread keeps the process alive only while it holds diagrams someone waits for.
  worker.unref();
  const settled = (id: number) => {
    jobs.delete(id);
    if (jobs.size === 0) worker.unref();
  };
  const renderLocally = () => {
    local = true;
    void worker.terminate();
    for (const job of jobs.values()) inThread(job.dot, job.label).then(job.resolve, job.reject);
    jobs.clear();
  };
  const fail = (e: Error) => {
    failure = e;
    void worker.terminate();
    for (const job of jobs.values()) job.reject(e);
    jobs.clear();
  };
  const stopped = (e: Error) => {
    if (closed || local || failure) return;
    if (ready) fail(e);
    else renderLocally();
  };

  worker.on('message', (m: DiagramMessage) => {
    if (local || failure) return;
    if ('ready' in m) {
      ready = true;
      return;
    }
    // Only a thread whose Graphviz failed to load answers before it is ready.
    if (!ready) return renderLocally();
    const job = jobs.get(m.id);
    if (!job) return;
    settled(m.id);
    if ('svg' in m) job.resolve(m.svg);
    else job.reject(new Error(m.error));
  });
  worker.on('error', (e) => stopped(e));
  worker.on('exit', (code) => stopped(new Error(`the diagram thread stopped (exit code ${code})`)));

  return {
    render(dot, label) {
      if (local) return inThread(dot, label);
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(new Error('the diagram thread is closed'));
      const id = nextId++;
      return new Promise<string>((resolve, reject) => {
        jobs.set(id, { dot, label, resolve, reject });
        worker.ref();
        if (outbox.push({ id, dot, label }) === 1) queueMicrotask(flush);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const e = new Error('the diagram thread was closed before the diagram was laid out');
      for (const job of jobs.values()) job.reject(e);
      jobs.clear();
      if (!local && !failure) await worker.terminate();
    },
  };
}
