// Every generated device config is checked by the program that runs it (see
// ../shared/notes on the validators measured on this platform):
// - kamailio: `kamailio -c` (syntax, modules, parameters), then a 3 s foreground start in a
//   private network namespace that catches what -c misses (undefined routes, a bad dispatcher
//   list); any ERROR / CRITICAL / WARNING line fails;
// - keepalived: `keepalived --config-test --all-config` in a private network namespace with a
//   veth for every interface the config names, the config's folder mounted as /etc/keepalived;
// - prometheus: `promtool check rules` and `promtool test rules` on every rule file;
// - the keepalived scripts: perl -c, sh -n, and the notify script run with a stand-in logger.
// Each check is also shown to fail on a broken config, so none of them can pass vacuously.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runProgram, validator, validatorsRequired } from '../support/validators.js';
import { allModels, generate, inNamespace, sh, writeFiles } from './support.js';

const kamailio = validator('kamailio');
const keepalived = validator('keepalived');
const promtool = validator('promtool');
const unshare = validator('unshare');
const ip = validator('ip');
const perl = validator('perl');
/** Private network and mount namespaces need root (as in CI); elsewhere those checks are skipped. */
const root = process.getuid?.() === 0 || validatorsRequired();
if (!root) console.warn('SKIP: not root: skipping the checks that need a private network namespace (kamailio start, keepalived)');

/** Every generated file of every example and of the SIP edge fixture, written to disk. */
const outputs = allModels().map(({ name, model }) => {
  const result = generate(model);
  return { name, dir: writeFiles(result.files), files: result.files.map((f) => f.path) };
});
const filesNamed = (suffix: string) => outputs.flatMap((o) => o.files.filter((f) => f.endsWith(suffix)).map((f) => ({ name: `${o.name}: ${f}`, path: join(o.dir, f) })));

const kamailioConfigs = filesNamed('/kamailio/kamailio.cfg');
const keepalivedConfigs = filesNamed('/keepalived/keepalived.conf');
const ruleFiles = filesNamed('/prometheus/rules.yml');
const BAD_LOG = /\b(ERROR|CRITICAL|WARNING|ALERT|BUG):/;

describe('validators are installed', () => {
  it.each([kamailio, keepalived, promtool, unshare, ip, perl].map((v) => [v.path.split('/').pop(), v] as const))('%s', (_n, v) => {
    if (!v.available) return;
    expect(existsSync(v.path), v.skipMessage).toBe(true);
  });
  it('the fixture and examples together exercise every dialect', () => {
    expect(kamailioConfigs.length).toBeGreaterThan(0);
    expect(keepalivedConfigs.length).toBeGreaterThan(0);
    expect(ruleFiles.length).toBeGreaterThan(0);
  });
});

// ---- kamailio ------------------------------------------------------------------------------

const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** IPv4 addresses a kamailio config listens on and its dispatcher list routes to. */
function addressesOf(cfg: string, list: string): string[] {
  const found = [...cfg.matchAll(/^#!define \w+ udp:([0-9.]+):[0-9]+$/gm), ...list.matchAll(/^[0-9]+ sip:([0-9.]+):[0-9]+ /gm)].map((m) => m[1]!);
  return [...new Set(found)].sort();
}

/**
 * Starts kamailio in the foreground inside a private network namespace in which the config's own
 * addresses exist on the loopback interface, lets it run `ms`, stops it (SIGTERM to its PID) and
 * returns whether it was still running and what it logged until then.
 */
async function foregroundStart(cfgPath: string, listPath: string, ms = 3000): Promise<{ running: boolean; log: string }> {
  const run = mkdtempSync(join(tmpdir(), 'rbc-kamailio-run-'));
  const cfg = readFileSync(cfgPath, 'utf8');
  const list = readFileSync(listPath, 'utf8');
  const script = [
    'ip link set lo up',
    ...addressesOf(cfg, list).map((a) => `ip addr add ${a}/32 dev lo`),
    `exec ${sh(kamailio.path)} -f ${sh(cfgPath)} -DD -E -Y ${sh(run)} -m 16 -M 4 -A ${sh(`DISPATCHER_LIST="${listPath}"`)} -A ${sh(`CTL_SOCKET="unix:${run}/ctl"`)}`,
  ].join(' && ');
  const child = spawn(unshare.path, ['-n', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child.pid!);
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let running = true;
  await Promise.race([new Promise((r) => setTimeout(r, ms)), exited.then(() => (running = false))]);
  const stillRunning = running;
  const logUntilNow = log;
  if (stillRunning) process.kill(child.pid!, 'SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
  return { running: stillRunning, log: logUntilNow };
}

describe.skipIf(!kamailio.available || !unshare.available || !ip.available || !root)('kamailio', () => {
  it.each(kamailioConfigs.map((c) => [c.name, c.path] as const))('kamailio -c accepts %s', (_name, path) => {
    const list = join(dirname(path), 'dispatcher.list');
    const r = spawnSync(kamailio.path, ['-c', '-f', path, '-A', `DISPATCHER_LIST="${list}"`], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stderr + r.stdout).toContain('config file ok');
    expect(r.stderr + r.stdout).not.toMatch(BAD_LOG);
  });

  it.concurrent.each(kamailioConfigs.map((c) => [c.name, c.path] as const))('a 3 s foreground start of %s logs no error', async (_name, path) => {
    const { running, log } = await foregroundStart(path, join(dirname(path), 'dispatcher.list'));
    expect(log, log).not.toMatch(BAD_LOG);
    expect(running, log).toBe(true);
    expect(log).toContain('Listening on');
  });

  describe('catch broken configs', () => {
    const base = kamailioConfigs[0]!.path;
    const broken = (change: (cfg: string, list: string) => [string, string]) => {
      const dir = mkdtempSync(join(tmpdir(), 'rbc-kamailio-broken-'));
      const [cfg, list] = change(readFileSync(base, 'utf8'), readFileSync(join(dirname(base), 'dispatcher.list'), 'utf8'));
      writeFileSync(join(dir, 'kamailio.cfg'), cfg);
      writeFileSync(join(dir, 'dispatcher.list'), list);
      return join(dir, 'kamailio.cfg');
    };

    it('kamailio -c fails on a syntax error', () => {
      const path = broken((c, l) => [c.replace('sl_send_reply("483", "Too Many Hops");', 'sl_send_reply("483", "Too Many Hops")'), l]);
      expect(runProgram(kamailio.path, ['-c', '-f', path]).code).not.toBe(0);
    });

    it.concurrent.each([
      ['an undefined route', (c: string, l: string): [string, string] => [c.replace('route(DISPATCH);\n}', 'route(DISPATCH_TYPO);\n}'), l]],
      ['a garbled dispatcher list', (c: string, l: string): [string, string] => [c, l.replace(/ sip:/, ' sip')]],
    ])('the foreground start fails on %s that kamailio -c accepts', async (_what, change) => {
      const path = broken(change);
      expect(runProgram(kamailio.path, ['-c', '-f', path, '-A', `DISPATCHER_LIST="${join(dirname(path), 'dispatcher.list')}"`]).code).toBe(0);
      const { running, log } = await foregroundStart(path, join(dirname(path), 'dispatcher.list'));
      expect(!running || BAD_LOG.test(log), log).toBe(true);
    });
  });
});

// ---- keepalived ----------------------------------------------------------------------------

/**
 * keepalived --config-test on a generated keepalived folder: copied with the modes it is
 * installed with, mounted as /etc/keepalived (where the config expects its scripts) inside a
 * private mount and network namespace that has a veth for every interface the config names.
 */
async function keepalivedTest(folder: string, change: ((conf: string) => string) | null = null): Promise<{ code: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'rbc-keepalived-'));
  chmodSync(dir, 0o755);
  for (const f of readdirSync(folder)) {
    copyFileSync(join(folder, f), join(dir, f));
    chmodSync(join(dir, f), f.endsWith('.conf') ? 0o644 : 0o755);
  }
  const original = readFileSync(join(folder, 'keepalived.conf'), 'utf8');
  const conf = change ? change(original) : original;
  if (change && conf === original) throw new Error('the change to the config did not apply');
  writeFileSync(join(dir, 'keepalived.conf'), conf);
  const interfaces = [...new Set([...readFileSync(join(folder, 'keepalived.conf'), 'utf8').matchAll(/^\s*interface (\S+)$/gm)].map((m) => m[1]!))];
  const script = [
    `mount --bind ${sh(dir)} /etc/keepalived`,
    ...interfaces.map((name, i) => `ip link add ${sh(name)} type veth peer name rbcpeer${i}`),
    `${sh(keepalived.path)} --config-test --all-config -l -f /etc/keepalived/keepalived.conf`,
  ].join(' && ');
  return inNamespace(script);
}

describe.skipIf(!keepalived.available || !unshare.available || !ip.available || !root)('keepalived', () => {
  it('has /etc/keepalived to mount the generated folder on (created by the package)', () => {
    expect(existsSync('/etc/keepalived')).toBe(true);
  });

  it.each(keepalivedConfigs.map((c) => [c.name, c.path] as const))('--config-test accepts %s', async (_name, path) => {
    const r = await keepalivedTest(dirname(path));
    expect(r.code, r.output).toBe(0);
    expect(r.output).not.toMatch(/WARNING|error/i);
  });

  it.each([
    ['a priority out of range', (c: string) => c.replace(/priority [0-9]+/, 'priority 300')],
    ['an interface that does not exist', (c: string) => c.replace(/interface (\S+)/, 'interface nosuch0')],
    ['a missing track script', (c: string) => c.replace('script "/etc/keepalived/rbc-check-sip.pl"', 'script "/etc/keepalived/rbc-no-such-script.pl"')],
    ['an undefined track script', (c: string) => c.replace(/track_script \{\n(\s+)rbc_check_sip/, 'track_script {\n$1rbc_check_typo')],
  ])('--config-test fails on %s', async (_what, change) => {
    const r = await keepalivedTest(dirname(keepalivedConfigs[0]!.path), change);
    expect(r.code, r.output).not.toBe(0);
  });
});

describe.skipIf(!perl.available)('keepalived scripts', () => {
  it.each(filesNamed('/keepalived/rbc-check-sip.pl').map((c) => [c.name, c.path] as const))('perl -c accepts %s', (_n, path) => {
    const r = runProgram(perl.path, ['-c', path]);
    expect(r.code, r.stderr).toBe(0);
  });

  it.each(filesNamed('/keepalived/rbc-notify.sh').map((c) => [c.name, c.path] as const))('%s logs the transition through logger', (_n, path) => {
    expect(runProgram('/bin/sh', ['-n', path]).code).toBe(0);
    const bin = mkdtempSync(join(tmpdir(), 'rbc-logger-'));
    const log = join(bin, 'log');
    writeFileSync(join(bin, 'logger'), `#!/bin/sh\nprintf '%s|' "$@" > ${sh(log)}\n`);
    chmodSync(join(bin, 'logger'), 0o755);
    const r = runProgram('/usr/bin/env', [`PATH=${bin}:/usr/bin:/bin`, '/bin/sh', path, 'INSTANCE', 'rbc-sbc-east-sbc-west', 'MASTER', '150']);
    expect(r.code, r.stderr).toBe(0);
    const gateway = path.split('/').slice(-3)[0];
    expect(readFileSync(log, 'utf8')).toBe(`-t|rbc-vrrp|-p|daemon.notice|--|gateway ${gateway}: INSTANCE rbc-sbc-east-sbc-west is now MASTER (priority 150)|`);
  });
});

// ---- prometheus ----------------------------------------------------------------------------

describe.skipIf(!promtool.available)('promtool', () => {
  it.each(ruleFiles.map((c) => [c.name, c.path] as const))('check rules and test rules pass for %s', (_n, path) => {
    const check = runProgram(promtool.path, ['check', 'rules', path]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const test = runProgram(promtool.path, ['test', 'rules', 'rules.test.yml'], { cwd: dirname(path) });
    expect(test.code, test.stdout + test.stderr).toBe(0);
    // alert names are checked here: promtool accepts names with spaces
    for (const m of readFileSync(path, 'utf8').matchAll(/^\s+- alert: (.*)$/gm)) expect(m[1]).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
  });

  it('test rules fails when a rule no longer does what its test expects', () => {
    const src = dirname(ruleFiles[0]!.path);
    const dir = mkdtempSync(join(tmpdir(), 'rbc-promtool-'));
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(src, 'rules.test.yml'), join(dir, 'rules.test.yml'));
    const rules = readFileSync(join(src, 'rules.yml'), 'utf8');
    const weakened = rules.replace(/ == 0'/, " == 2'");
    expect(weakened).not.toBe(rules);
    writeFileSync(join(dir, 'rules.yml'), weakened);
    expect(runProgram(promtool.path, ['check', 'rules', join(dir, 'rules.yml')]).code).toBe(0);
    expect(runProgram(promtool.path, ['test', 'rules', 'rules.test.yml'], { cwd: dir }).code).not.toBe(0);
    writeFileSync(join(dir, 'rules.yml'), rules.replace(/ == 0'/, " == '"));
    expect(runProgram(promtool.path, ['check', 'rules', join(dir, 'rules.yml')]).code).not.toBe(0);
  });
});
