// A progress bar on stderr for long compiles, only when stderr is a terminal (nothing extra in
// CI logs or pipes) and not silenced with --quiet.
import { createRequire } from 'node:module';
import type { ProgressListener } from './pipeline.js';

export function terminalProgress(enabled: boolean): { listener: ProgressListener | undefined; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { listener: undefined, stop: () => undefined };
  // Loaded only for a terminal: nothing else needs it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'rbc compile [{bar}] {percentage}% {stage}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    listener: (stage, done, total) => {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { stage });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
