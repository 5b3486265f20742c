// load → model: a blueprint file or a TypeScript app in, the frozen model and every diagnostic out.
import { createHash } from 'node:crypto';
import { extname, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticBag, sortDiagnostics, type Diagnostic, type Location } from '../diagnostics/index.js';
import { resolveBlueprint } from '../model/resolve.js';
import type { Model } from '../model/types.js';
import type { Blueprint } from '../schema/blueprint.js';
import { parseBlueprintText, readBlueprintFile, DEFAULT_MAX_BYTES } from './source.js';
import { validateBlueprint } from './validate.js';
import { canonicalJson } from './canonical-json.js';

export interface LoadOptions {
  /** Refuse files larger than this many bytes. @default 256 MiB */
  readonly maxBytes?: number;
  /** Name to print for the file in diagnostics. @default the path as given */
  readonly displayName?: string;
}

export interface LoadResult {
  readonly model: Model | null;
  readonly diagnostics: readonly Diagnostic[];
  /** sha256 of the input (the file's bytes, or the canonical blueprint a TypeScript app builds). */
  readonly inputHash: string | null;
  /** Where a construct path (sites/ulm/gateways/...) stands in the input; for findings. */
  readonly locateConstruct: (path: string) => Location;
}

/** What a TypeScript app's default export must provide (the Deployment construct does). */
export interface BlueprintSource {
  synthesizeBlueprint(): { blueprint: unknown; locate: (pointer: string) => Location; constructErrors: readonly Diagnostic[] };
}

export function isBlueprintSource(x: unknown): x is BlueprintSource {
  return typeof x === 'object' && x !== null && typeof (x as BlueprintSource).synthesizeBlueprint === 'function';
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Loads a .yaml/.yml/.json blueprint (synchronously: the check path stays small and fast). */
export function loadBlueprintFile(file: string, options: LoadOptions = {}): LoadResult {
  const bag = new DiagnosticBag();
  const name = options.displayName ?? file;
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    bag.report('UnsupportedExtension', { file: name }, [name]);
    return done(bag, null, null, () => ({ file: name }));
  }
  const bytes = readBlueprintFile(file, bag, options.maxBytes ?? DEFAULT_MAX_BYTES, name);
  if (!bytes) return done(bag, null, null, () => ({ file: name }));
  return loadBlueprintText(name, bytes, bag);
}

/** Loads blueprint text already in memory (used by `rbc diff --base`, tests and the fleet bench). */
export function loadBlueprintText(name: string, bytes: Buffer, bag = new DiagnosticBag()): LoadResult {
  const parsed = parseBlueprintText(name, bytes, bag);
  const inputHash = sha256(bytes);
  if (!parsed.source) return done(bag, null, inputHash, () => ({ file: name }));
  return fromValue(parsed.value, parsed.source.locate, bag, inputHash, name);
}

/** Loads a TypeScript app whose default export is a Deployment (or a function returning one). */
export async function loadTypeScriptApp(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const bag = new DiagnosticBag();
  const name = options.displayName ?? file;
  let exported: unknown;
  try {
    const { tsImport } = await import('tsx/esm/api');
    const mod = (await tsImport(pathToFileURL(resolvePath(file)).href, import.meta.url)) as { default?: unknown };
    exported = mod.default;
    // A .ts file outside an ESM package ("type": "module") is loaded as CommonJS: its default
    // export arrives wrapped in the module object.
    if (!isBlueprintSource(exported) && typeof exported === 'object' && exported !== null && 'default' in exported) {
      exported = (exported as { default: unknown }).default;
    }
    if (typeof exported === 'function') exported = await (exported as () => unknown)();
  } catch (e) {
    bag.report('TsAppFailed', { file: name }, [name, String((e as Error)?.message ?? e).split('\n')[0]]);
    return done(bag, null, null, () => ({ file: name }));
  }
  if (!isBlueprintSource(exported)) {
    bag.report('TsAppNoDeployment', { file: name }, [name]);
    return done(bag, null, null, () => ({ file: name }));
  }
  return loadFromConstructs(exported, name, bag);
}

/** A construct tree (in-process) into the model; diagnostics carry construct paths. */
export function loadFromConstructs(source: BlueprintSource, name = '<app>', bag = new DiagnosticBag()): LoadResult {
  const { blueprint, locate, constructErrors } = source.synthesizeBlueprint();
  for (const d of constructErrors) bag.add(d);
  const locateWithFile = (p: string): Location => ({ file: name, ...locate(p) });
  const inputHash = sha256(canonicalJson(blueprint));
  return fromValue(blueprint, locateWithFile, bag, inputHash, name);
}

export async function loadAny(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  return /\.(ts|mts)$/i.test(file) ? loadTypeScriptApp(file, options) : loadBlueprintFile(file, options);
}

function fromValue(value: unknown, locate: (p: string) => Location, bag: DiagnosticBag, inputHash: string, name: string): LoadResult {
  const pointerOfPath = new Map<string, string>();
  const locateConstruct = (path: string): Location => {
    const pointer = pointerOfPath.get(path);
    return pointer !== undefined ? { ...locate(pointer), path } : { file: name, path };
  };
  if (!validateBlueprint(value, locate, bag) || bag.hasErrors) return done(bag, null, inputHash, locateConstruct);
  const bp = value as Blueprint;
  indexConstructPaths(bp, pointerOfPath);
  const { model, bag: resolveBag } = resolveBlueprint(bp, locate);
  for (const d of resolveBag.all) bag.add(d);
  return done(bag, bag.hasErrors ? null : model, inputHash, locateConstruct);
}

/** Construct path → JSON pointer, so findings on a construct get the blueprint's line:column. */
function indexConstructPaths(bp: Blueprint, out: Map<string, string>): void {
  bp.providers.forEach((p, i) => out.set(`providers/${p.id}`, `/providers/${i}`));
  bp.gateways.forEach((g, i) => out.set(`gateways/${g.id}`, `/gateways/${i}`));
  (bp.trunks ?? []).forEach((t, i) => out.set(`trunks/${t.id}`, `/trunks/${i}`));
  (bp.services ?? []).forEach((s, i) => out.set(`services/${s.id}`, `/services/${i}`));
  (bp.policies ?? []).forEach((p, i) => out.set(`policies/${p.id}`, `/policies/${i}`));
  // Acknowledgements are no constructs; their diagnostics (expired, unused) point at their entry.
  (bp.acknowledgements ?? []).forEach((a, i) => out.set(`acknowledgements/${a.rule}/${a.target}`, `/acknowledgements/${i}`));
  bp.sites.forEach((s, i) => {
    const sp = `sites/${s.id}`;
    const ptr = `/sites/${i}`;
    out.set(sp, ptr);
    s.buildings.forEach((b, j) => {
      out.set(`${sp}/buildings/${b.id}`, `${ptr}/buildings/${j}`);
      b.fireZones.forEach((z, k) => out.set(`${sp}/fire-zones/${z.id}`, `${ptr}/buildings/${j}/fireZones/${k}`));
    });
    (s.rooms ?? []).forEach((r, j) => out.set(`${sp}/rooms/${r.id}`, `${ptr}/rooms/${j}`));
    (s.cooling ?? []).forEach((c, j) => out.set(`${sp}/cooling/${c.id}`, `${ptr}/cooling/${j}`));
    s.power.feeds.forEach((f, j) => out.set(`${sp}/power/${f.id}`, `${ptr}/power/feeds/${j}`));
    (s.power.ups ?? []).forEach((u, j) => out.set(`${sp}/power/${u.id}`, `${ptr}/power/ups/${j}`));
    (s.power.generators ?? []).forEach((g, j) => out.set(`${sp}/power/${g.id}`, `${ptr}/power/generators/${j}`));
    (s.poeSwitches ?? []).forEach((p, j) => out.set(`${sp}/poe-switches/${p.id}`, `${ptr}/poeSwitches/${j}`));
    (s.supplyLines ?? []).forEach((l, j) => out.set(`${sp}/supply-lines/${l.id}`, `${ptr}/supplyLines/${j}`));
    (s.uplinks ?? []).forEach((u, j) => out.set(`${sp}/uplinks/${u.id}`, `${ptr}/uplinks/${j}`));
    (s.numberBlocks ?? []).forEach((n, j) => out.set(`${sp}/number-blocks/${n.id}`, `${ptr}/numberBlocks/${j}`));
    (s.virtualization?.hosts ?? []).forEach((h, j) => out.set(`${sp}/vm-hosts/${h.id}`, `${ptr}/virtualization/hosts/${j}`));
    (s.virtualization?.clusters ?? []).forEach((c, j) => out.set(`${sp}/vm-clusters/${c.id}`, `${ptr}/virtualization/clusters/${j}`));
  });
}

function done(bag: DiagnosticBag, model: Model | null, inputHash: string | null, locateConstruct: (p: string) => Location): LoadResult {
  return { model, diagnostics: sortDiagnostics(bag.all), inputHash, locateConstruct };
}
