// Helpers of the devices tests: generate the device files of a blueprint, write them to a
// temporary folder, find free loopback ports, run a script in a private network namespace.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Assessment } from '../../analysis/types.js';
import type { GeneratedFile, GeneratorOptions, GeneratorResult } from '../../generators/types.js';
import { generateDevices } from '../../generators/devices/index.js';
import type { Model } from '../../model/types.js';
import { REPO, loadModel } from '../support/compile.js';
import { edgeBlueprintYaml, writeTempBlueprint, type EdgeBlueprintOptions } from './fixtures.js';

/** The generator ignores the assessment; tests pass an empty one to stay independent of the analysis. */
export const EMPTY_ASSESSMENT: Assessment = { version: 1, domains: [], scenarios: [], matrix: [], policies: [], pointsOfFailure: [], findings: [] };

export function generate(model: Model, options: GeneratorOptions = {}): GeneratorResult {
  return generateDevices(model, EMPTY_ASSESSMENT, options);
}

/** Every YAML example in blueprints/. */
export function exampleBlueprints(): string[] {
  return readdirSync(join(REPO, 'blueprints'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(REPO, 'blueprints', f));
}

export function edgeModel(options?: EdgeBlueprintOptions): Model {
  return loadModel(writeTempBlueprint(edgeBlueprintYaml(options))).model;
}

/** The examples and the SIP edge fixture, each with its model. */
export function allModels(): { name: string; model: Model }[] {
  return [
    ...exampleBlueprints().map((f) => ({ name: f.slice(f.lastIndexOf('/') + 1), model: loadModel(f).model })),
    { name: 'sip-edge-fixture', model: edgeModel() },
  ];
}

export function writeFiles(files: readonly GeneratedFile[], dir = mkdtempSync(join(tmpdir(), 'rbc-devices-out-'))): string {
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return dir;
}

export const text = (f: GeneratedFile): string => (typeof f.content === 'string' ? f.content : Buffer.from(f.content).toString('utf8'));

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export async function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.on('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs a shell script in a private network (and mount) namespace: nothing it does reaches the
 * machine's network, and bind mounts vanish with it. Resolves with exit code and output.
 */
export function inNamespace(script: string, timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('unshare', ['-n', '-m', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Quotes a value for sh (single quotes). */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
