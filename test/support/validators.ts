// Real validators (kamailio, keepalived, promtool, sipp, chromium) are Debian programs. Where one
// is missing the test is skipped with a clear message; with RBC_REQUIRE_VALIDATORS=1 (as in CI)
// a missing validator fails the test instead.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const cache = new Map<string, string | null>();

/** Absolute path of a program, or null. */
export function findProgram(name: string): string | null {
  if (cache.has(name)) return cache.get(name)!;
  let found: string | null = null;
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin', '/usr/local/bin'])) {
    const p = `${dir}/${name}`;
    if (dir && existsSync(p)) {
      found = p;
      break;
    }
  }
  cache.set(name, found);
  return found;
}

export const validatorsRequired = (): boolean => process.env.RBC_REQUIRE_VALIDATORS === '1';

/**
 * Use as `const kamailio = validator('kamailio'); it.skipIf(!kamailio.available)(...)`, and call
 * `kamailio.assertPresent()` in a test of its own so that CI fails when it is missing.
 */
export function validator(name: string): { available: boolean; path: string; skipMessage: string } {
  const path = findProgram(name);
  const skipMessage = `${name} is not installed: skipping the tests that run it (apt-get install it, see .ci/run; RBC_REQUIRE_VALIDATORS=1 turns this skip into a failure)`;
  if (!path && !validatorsRequired()) console.warn(`SKIP: ${skipMessage}`);
  return { available: Boolean(path) || validatorsRequired(), path: path ?? `/nonexistent/${name}`, skipMessage };
}

/** Runs a program and returns its exit code, stdout and stderr (never throws on a non-zero exit). */
export function runProgram(file: string, args: readonly string[], opts: { cwd?: string; timeoutMs?: number; input?: string } = {}): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(file, args, { cwd: opts.cwd, timeout: opts.timeoutMs ?? 30_000, input: opts.input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string; message?: string };
    return { code: err.status ?? -1, stdout: err.stdout ?? '', stderr: (err.stderr ?? '') + (err.status === undefined ? String(err.message) : '') };
  }
}
