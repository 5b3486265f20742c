// rbc's command line. Exit codes: 0 success, 1 the blueprint has errors (or the chosen
// --fail-on level fired), 2 usage error.
import { Command, CommanderError, Option } from 'commander';
import { checkBlueprint, compileBlueprint } from './pipeline.js';
import { failsOn, printDiagnostics, processIo, type FailOn, type Io } from './output.js';
import { RBC_VERSION } from './version.js';
import { toSarif } from './sarif.js';
import { dirname, join, resolve } from 'node:path';
import { createDiagnostic, formatDiagnostic } from '../diagnostics/index.js';
import { parseShard } from './site-selection.js';
import { terminalProgress } from './progress.js';
import { TEMPLATE_KINDS } from '../generators/registry.js';
import type { DiffCommandOptions } from './diff.js';

const FAIL_ON = ['error', 'warning', 'none'] as const;

interface CompileFlags {
  out: string;
  json?: boolean;
  failOn: FailOn;
  templates: string[];
  today?: string;
  maxOrder: number;
  site?: string[];
  shard?: string;
  cacheDir?: string;
  cache?: boolean;
  threads?: boolean;
  quiet?: boolean;
}

function parseTemplates(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^([a-z]+)=(.+)$/.exec(v);
    if (!m) throw new CommanderError(2, 'rbc.usage', `--templates expects KIND=DIR, got '${v}'`);
    if (!TEMPLATE_KINDS.includes(m[1]!)) throw new CommanderError(2, 'rbc.usage', `--templates: there are no templates of kind '${m[1]}'; kinds are ${TEMPLATE_KINDS.join(', ')}`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exit = 0;
  const program = new Command();
  program
    .name('rbc')
    .description('rbc, the redundancy blueprint compiler: checks a telephony redundancy design, analyses which services survive which failures, and compiles it into Terraform, device configs and runbooks.')
    .version(RBC_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  program
    .command('check')
    .description('Validate a blueprint, analyse it and report errors, violated policies and rule findings.')
    .argument('<blueprint>', '.yaml, .yml, .json blueprint or .ts app')
    .option('--json', 'print diagnostics as JSON on stdout')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('--fail-on <level>', 'which findings fail the check (policy violations are errors)').choices([...FAIL_ON]).default('error'))
    .option('--today <date>', 'date for acknowledgement expiry (YYYY-MM-DD)', process.env.RBC_TODAY)
    .addOption(new Option('--max-order <n>', 'largest cut-set order (1-3)').argParser(Number).default(2))
    .action(async (file: string, opts: { json?: boolean; format: string; failOn: FailOn; today?: string; maxOrder: number }) => {
      const result = await checkBlueprint(file, { today: opts.today, maxOrder: opts.maxOrder });
      const format = opts.json ? 'json' : opts.format;
      if (format === 'sarif') io.out(JSON.stringify(toSarif(result.diagnostics, RBC_VERSION), null, 2) + '\n');
      else printDiagnostics(io, result.diagnostics, format === 'json');
      exit = failsOn(result.diagnostics, opts.failOn) ? 1 : 0;
      if (exit === 0 && format === 'text') io.err(`${file}: ok\n`);
    });

  program
    .command('compile')
    .description('Check, analyse and write every output (Terraform, device configs, runbooks, analysis) into a directory, atomically.')
    .argument('<blueprint>', '.yaml, .yml, .json blueprint or .ts app')
    .requiredOption('-o, --out <dir>', 'output directory (replaced atomically)')
    .option('--json', 'print diagnostics as JSON on stdout')
    .addOption(new Option('--fail-on <level>', 'which findings stop the compile').choices([...FAIL_ON]).default('none'))
    .option('--templates <dialect=dir...>', 'use your own template folder for a dialect', [])
    .option('--site <id...>', 'only these sites\' per-site files (deployment-wide files are always written)')
    .option('--shard <i/n>', 'only the i-th of n stable shards of the sites, for parallel CI jobs')
    .option('--cache-dir <dir>', 'incremental-compile cache (default: .rbc-cache beside the output directory)')
    .option('--no-cache', 'compile every site afresh, ignoring the cache')
    .option('--no-threads', 'run every generator on the main thread (same output, slower; for debugging)')
    .option('-q, --quiet', 'no progress bar and no summary line')
    .option('--today <date>', 'date for acknowledgement expiry (YYYY-MM-DD)', process.env.RBC_TODAY)
    .addOption(new Option('--max-order <n>', 'largest cut-set order (1-3)').argParser(Number).default(2))
    .action(async (file: string, opts: CompileFlags) => {
      const templateDirs = parseTemplates(opts.templates);
      const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
      if (shard === null) throw new CommanderError(2, 'rbc.usage', `--shard expects i/n with 1 <= i <= n, got '${opts.shard}'`);
      const cacheDir = opts.cache === false ? undefined : opts.cacheDir ?? join(dirname(resolve(opts.out)), '.rbc-cache');
      const progress = terminalProgress(!opts.quiet && !opts.json);
      const result = await compileBlueprint(file, opts.out, { templateDirs, today: opts.today, maxOrder: opts.maxOrder, site: opts.site, shard, cacheDir, threads: opts.threads, onProgress: progress.listener });
      progress.stop();
      printDiagnostics(io, result.diagnostics, Boolean(opts.json));
      const failed = !result.written || failsOn(result.diagnostics, opts.failOn);
      exit = failed ? 1 : 0;
      if (!opts.json && !(opts.quiet && result.written)) {
        const reuse = result.stats && result.stats.sitesFromCache > 0 ? ` (${result.stats.sitesFromCache} of ${result.stats.sitesSelected} sites from the cache)` : '';
        io.err(result.written ? `${file}: wrote ${result.files.length} files to ${opts.out}${reuse}\n` : `${file}: nothing written; ${opts.out} is unchanged\n`);
      }
    });

  program
    .command('schema')
    .description('Print the blueprint JSON Schema.')
    .action(async () => {
      // Commands load their modules when they run: `rbc check` should not pay for the others'.
      const { blueprintJsonSchema } = await import('../schema/json-schema.js');
      io.out(JSON.stringify(blueprintJsonSchema(), null, 2) + '\n');
    });

  program
    .command('explain')
    .description('Explain one verdict in plain words: the path that carries the service, or the failures that cut it, and the switchover.')
    .argument('<blueprint>', '.yaml, .yml, .json blueprint or .ts app')
    .requiredOption('--site <id>', 'site id')
    .requiredOption('--service <id>', 'service id or kind')
    .requiredOption('--scenario <id>', 'scenario id (see analysis.json), or a domain id such as fire-zone:ulm/zone-a')
    .option('--today <date>', 'date for acknowledgement expiry (YYYY-MM-DD)', process.env.RBC_TODAY)
    .action(async (file: string, opts: { site: string; service: string; scenario: string; today?: string }) => {
      const { explainCommand } = await import('./explain.js');
      exit = await explainCommand(file, opts, io);
    });

  program
    .command('diff')
    .description('Compare two compiles for a pull request: redundancy first (policies, survival, switchover, points of failure, findings), then Terraform, then device configs and runbooks. Exit 1 on a redundancy regression.')
    .argument('[sides...]', 'OLD NEW, each an rbc output directory or a blueprint (compiled on the fly); with --base, one blueprint')
    .option('--base <ref>', 'compare the blueprint as it is in this git ref (e.g. origin/main) with the working tree')
    .addOption(new Option('--format <format>', 'output format').choices(['md', 'json']).default('md'))
    .option('--fail-on <levels>', 'exit 1 on: regression, redundancy-change, destroy, any-change or never (comma-separated)', 'regression')
    .option('--max-chars <n>', 'size cap of the Markdown (a pull-request comment holds 65536)', '65536')
    .option('--today <date>', 'date for acknowledgement expiry (YYYY-MM-DD)', process.env.RBC_TODAY)
    .addOption(new Option('--max-order <n>', 'largest cut-set order (1-3)').argParser(Number).default(2))
    .action(async (sides: string[], opts: DiffCommandOptions) => {
      const { diffCommand } = await import('./diff.js');
      exit = await diffCommand(sides, opts, io);
    });

  try {
    await program.parseAsync(['node', 'rbc', ...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      // commander has printed its own usage errors; ours are reported in the catalogue's form.
      if (e.code === 'rbc.usage') io.err(formatDiagnostic(createDiagnostic('Usage', {}, [e.message])) + '\n');
      return 2;
    }
    io.err(`rbc: ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
  return exit;
}
