// The devices generator: for every gateway, out/devices/<site>/<gateway>/device.json (the neutral
// record) plus the files of each dialect in its `configs`. Values are checked once into the
// record; dialects render from the record only. Templates are compiled once per process; the
// per-compile indexes (topology) once per compile; per device only its own views and renders.
import type { Assessment } from '../../analysis/types.js';
import { createDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { ConfigDialect, Gateway, Model } from '../../model/types.js';
import type { GeneratedFile, Generator, GeneratorOptions, GeneratorResult } from '../types.js';
import type { Dialect } from './dialect.js';
import { DIALECTS } from './dialects.js';
import { RecordBuilder, type DeviceRecord } from './record.js';
import { ValueChecker } from './safe.js';
import { checkRendered, loadDialectTemplates, TemplateProblem, type Render } from './templates.js';
import { Topology } from './topology.js';

export const devicesGenerator: Generator = {
  id: 'devices',
  description: 'device.json for every gateway, and kamailio / keepalived / prometheus configs where the blueprint asks for them',
  generate: generateDevices,
};

export function generateDevices(model: Model, _assessment: Assessment, options: GeneratorOptions): GeneratorResult {
  const diagnostics: Diagnostic[] = [];
  const files: GeneratedFile[] = [];

  // Templates of the dialects in use, loaded (and compiled, once per process) up front.
  const used = new Set<ConfigDialect>(model.gateways.flatMap((g) => g.configs));
  const templates = new Map<string, Map<string, Render>>();
  const brokenDialects = new Set<string>();
  // Template folders of other generators (e.g. runbooks) are theirs; the CLI rejects unknown kinds.
  for (const id of [...used].sort()) {
    const dialect = DIALECTS.get(id);
    if (!dialect) continue;
    try {
      templates.set(id, loadDialectTemplates(id, dialect.templates, dialect.helpers, options.templateDirs?.[id]));
    } catch (e) {
      brokenDialects.add(id);
      diagnostics.push(templateDiagnostic(e));
    }
  }

  const topo = new Topology(model);
  const checker = new ValueChecker();
  const builder = new RecordBuilder(model, topo, checker);
  const failedTemplates = new Set<string>();
  const folders = new Map<string, string>();

  // Every gateway is checked, also those a site filter leaves out: a device reads its partners,
  // its edge's chain and its trunks, wherever they are.
  const records = new Map(model.gateways.map((g) => [g.id, builder.build(g)]));
  const dialectMark = checker.mark();

  for (const g of model.gateways) {
    const site = g.placement.type === 'site' ? g.placement.site : null;
    // A site filter keeps the devices of its sites; cloud instances belong to no site, so their
    // files are deployment-wide and always generated (GeneratorOptions.sites).
    if (options.sites && site !== null && !options.sites.has(site)) continue;
    const record = records.get(g.id);
    if (!record) continue;
    const folder = `devices/${topo.folderOf(g)}/${g.id}`;
    const clash = folders.get(folder);
    if (clash) {
      diagnostics.push(createDiagnostic('DuplicateArtifact', { path: g.path }, [`${folder}/device.json (gateways ${clash} and ${g.id})`]));
      continue;
    }
    folders.set(folder, g.id);
    const tag = site === null ? {} : { site };

    const rendered: { dialect: string; path: string; content: string }[] = [];
    for (const id of record.configs) {
      const dialect = DIALECTS.get(id);
      if (!dialect || brokenDialects.has(id)) continue;
      const out = renderDialect(dialect, record, g, { model, topo, checker }, templates.get(id)!, failedTemplates, diagnostics);
      if (out) rendered.push(...out);
    }
    if (record.edge && g.configs.includes('kamailio') && record.edge.destinations.length > 0 && !record.edge.emergencyRouted) {
      diagnostics.push(createDiagnostic('DeviceNoEmergencyRoute', { path: g.path }, [g.id, `site${record.edge.sites.length === 1 ? '' : 's'} ${record.edge.sites.join(', ')}`]));
    }
    const withFiles: DeviceRecord = { ...record, files: rendered.map((r) => ({ dialect: r.dialect, path: r.path })).sort((a, b) => (a.path < b.path ? -1 : 1)) };
    files.push({ path: `${folder}/device.json`, content: `${JSON.stringify(withFiles, null, 2)}\n`, ...tag });
    for (const r of rendered) files.push({ path: `${folder}/${r.path}`, content: r.content, ...tag });
  }
  diagnostics.push(...checker.diagnostics);
  // An unsafe value anywhere fails the compile; no device file is returned then, so none can
  // carry a value that another device's checks did not see.
  if ([...records.values()].some((r) => r === undefined) || checker.failedSince(dialectMark) || checker.diagnostics.length > 0) {
    return { files: [], diagnostics };
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Handed over only once every device has passed its checks (a fleet's device files are small).
  if (options.emit) {
    for (const f of files) options.emit(f);
    return { files: [], diagnostics };
  }
  return { files, diagnostics };
}

function renderDialect(
  dialect: Dialect,
  record: DeviceRecord,
  g: Gateway,
  ctx: { model: Model; topo: Topology; checker: ValueChecker },
  templates: Map<string, Render>,
  failedTemplates: Set<string>,
  diagnostics: Diagnostic[],
): { dialect: string; path: string; content: string }[] | null {
  const result = dialect.view(record, ctx);
  if (result === undefined) return null;
  if ('notApplicable' in result) {
    diagnostics.push(createDiagnostic('DeviceDialectNotApplicable', { path: g.path }, [g.id, dialect.id, result.notApplicable, result.hint]));
    return null;
  }
  const out: { dialect: string; path: string; content: string }[] = [];
  for (const spec of dialect.templates) {
    try {
      const content = templates.get(spec.template)!(result.view);
      checkRendered(content, `${dialect.id}/${spec.template}`);
      out.push({ dialect: dialect.id, path: spec.output, content });
    } catch (e) {
      const key = e instanceof TemplateProblem ? e.template : `${dialect.id}/${spec.template}`;
      // One diagnostic per template: a broken template fails the same way on every device.
      if (!failedTemplates.has(key)) diagnostics.push(templateDiagnostic(e, `${dialect.id}/${spec.template}`));
      failedTemplates.add(key);
      return null;
    }
  }
  return out;
}

function templateDiagnostic(e: unknown, fallback = 'device templates'): Diagnostic {
  if (e instanceof TemplateProblem) return createDiagnostic('TemplateError', {}, [e.template, e.message]);
  return createDiagnostic('TemplateError', {}, [fallback, (e as Error)?.message ?? String(e)]);
}
