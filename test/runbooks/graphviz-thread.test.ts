// The diagram thread: the same SVG as in-thread rendering, its errors surface as the generator's,
// a thread that cannot start falls back to in-thread rendering, and it never keeps the process
// alive.
import { execFileSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { runbookFiles } from '../../generators/runbooks/generator.js';
import { renderSvg } from '../../generators/runbooks/graphviz.js';
import { startDiagramThread, type DiagramThread } from '../../generators/runbooks/graphviz-thread.js';
import { indexModel, siteContext } from '../../generators/runbooks/context.js';
import { compareScenarios } from '../../generators/runbooks/format.js';
import { buildTopology, toDot } from '../../generators/runbooks/topology.js';
import { EXAMPLES, REPO, loadExample } from './support.js';

const notInThread = async (): Promise<string> => {
  throw new Error('rendered in-thread');
};

/** A thread from source that speaks the protocol of graphviz-worker.ts. */
const fakeWorker = (source: string) => () => new Worker(`const { parentPort } = require('node:worker_threads');\n${source}`, { eval: true });

let open: DiagramThread[] = [];
const start = (...args: Parameters<typeof startDiagramThread>) => {
  const t = startDiagramThread(...args);
  open.push(t);
  return t;
};
afterEach(async () => {
  await Promise.all(open.map((t) => t.close()));
  open = [];
});

describe('the diagram thread', () => {
  it('lays out every example diagram byte for byte as in-thread rendering does', async () => {
    const thread = start(notInThread);
    for (const name of EXAMPLES) {
      const { model, assessment } = loadExample(name);
      const index = indexModel(model, assessment);
      const graphs = model.sites.map((s) => buildTopology(siteContext(index, s, compareScenarios)));
      // Queued all at once, as the generator queues the next sites' diagrams.
      const svgs = await Promise.all(graphs.map((g) => thread.render(toDot(g), g.title)));
      for (const [i, g] of graphs.entries()) expect(svgs[i], `${name} ${g.title}`).toBe(await renderSvg(toDot(g), g.title));
    }
  });

  it('fails a diagram with the error in-thread rendering gives, and goes on with the next', async () => {
    const thread = start(notInThread);
    for (const dot of ['digraph {', 'digraph { a [URL="https://example.com"] }']) {
      const here = await renderSvg(dot, 'x').then(
        () => null,
        (e: Error) => e.message,
      );
      expect(here).not.toBeNull();
      await expect(thread.render(dot, 'x')).rejects.toThrow(here!);
    }
    expect(await thread.render('digraph { a }', 'x')).toBe(await renderSvg('digraph { a }', 'x'));
  });

  it("fails the generator when a diagram fails in the thread, with the thread's error", async () => {
    const thread = start(notInThread);
    const { model, assessment } = loadExample('d-option3-combined-standby.yaml');
    const broken = (dot: string, label: string) => thread.render(dot.replace(/^digraph/, 'digraph { a [URL="x"] } digraph'), label);
    await expect(runbookFiles(model, assessment, {}, { renderSvg: broken })).rejects.toThrow(/active content/);
  });

  it('fails every diagram it holds when it stops after it started', async () => {
    const thread = start(notInThread, fakeWorker("parentPort.postMessage({ ready: true });\nparentPort.on('message', () => process.exit(3));"));
    await expect(thread.render('digraph { a }', 'x')).rejects.toThrow(/exit code 3/);
    await expect(thread.render('digraph { b }', 'x')).rejects.toThrow(/exit code 3/);
  });

  it('renders in-thread when the thread cannot start', async () => {
    const expected = await renderSvg('digraph { a }', 'x');
    for (const starter of [
      () => {
        throw new Error('no threads here');
      },
      fakeWorker("throw new Error('cannot load Graphviz');"),
      fakeWorker("parentPort.on('message', (batch) => { for (const job of batch) parentPort.postMessage({ id: job.id, error: 'Graphviz failed to load' }); });"),
    ]) {
      const thread = start(renderSvg, starter);
      expect(await thread.render('digraph { a }', 'x')).toBe(expected);
    }
  });

  it('does not keep the process alive, even when nobody closes it', () => {
    const script = [
      "import { startDiagramThread } from './generators/runbooks/graphviz-thread.ts';",
      'const thread = startDiagramThread(async () => { throw new Error("rendered in-thread"); });',
      "process.stdout.write((await thread.render('digraph { a }', 'x')).slice(0, 4));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(out).toBe('<svg');
  });
});
