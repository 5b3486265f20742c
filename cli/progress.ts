// A progress bar on stderr for long compiles, only when stderr is a terminal (nothing extra in
// CI logs or pipes) and not silenced with --quiet.
import cliProgress from 'cli-progress';
import type { ProgressListener } from './pipeline.js';

export function terminalProgress(enabled: boolean): { listener: ProgressListener | undefined; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { listener: undefined, stop: () => undefined };
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
