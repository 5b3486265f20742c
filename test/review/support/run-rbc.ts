// rbc's command line in this process, with its output captured.
import { run } from '../../../cli/main.js';

export interface RbcResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function rbc(args: readonly string[]): Promise<RbcResult> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

/** The part of a Markdown review under `## title`, up to the next `## ` heading. */
export function section(md: string, title: string): string {
  const start = md.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section '${title}' in:\n${md}`);
  const next = md.indexOf('\n## ', start + 4);
  return md.slice(start + 1, next < 0 ? undefined : next + 1);
}
