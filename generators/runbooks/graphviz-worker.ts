// The thread that lays out the topology diagrams (started by graphviz-thread.ts). It owns its own
// Graphviz WASM instance and renders every DOT source it is sent with the same renderSvg as the
// main thread, so its SVG is byte for byte the in-thread one.
import { parentPort } from 'node:worker_threads';
import { loadGraphviz, renderSvg } from './graphviz.js';

export interface DiagramJob {
  readonly id: number;
  readonly dot: string;
  readonly label: string;
}

/** `ready` once Graphviz is loaded: until then, a thread that fails is one that never started. */
export type DiagramMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly svg: string }
  | { readonly id: number; readonly error: string };

if (parentPort) {
  const port = parentPort;
  const post = (m: DiagramMessage) => port.postMessage(m);
  // Posted before any job's answer, as it waits on the same load. A Graphviz that cannot load
  // here is a thread that cannot start: the rejection ends the thread, and the main thread
  // renders in-thread instead.
  void loadGraphviz().then(() => post({ ready: true }));
  port.on('message', (batch: readonly DiagramJob[]) => {
    for (const job of batch) {
      renderSvg(job.dot, job.label).then(
        (svg) => post({ id: job.id, svg }),
        (e: unknown) => post({ id: job.id, error: (e as Error)?.message ?? String(e) }),
      );
    }
  });
}
