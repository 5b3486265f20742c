// The runbooks generator: out/runbooks/index.md, and per site <site>.md (for the repository)
// and <site>.html (self-contained, print-ready, for the emergency binder). docs/runbooks.md
// describes the structure and how to override the templates.
import { createDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { Assessment } from '../../analysis/types.js';
import type { Model } from '../../model/types.js';
import type { GeneratedFile, Generator, GeneratorOptions, GeneratorResult } from '../types.js';
import { indexModel, type ModelIndex } from './context.js';
import { openFindingRows } from './findings.js';
import { onCallHours, formatMinutes, ROLE_LABELS } from './format.js';
import { startDiagramThread } from './graphviz-thread.js';
import { lookahead } from './lookahead.js';
import { buildSiteView, siteFiles, startSiteDiagram, type SiteViewOptions } from './site.js';
import { contactView } from './summary.js';
import { loadTemplates, TemplateError, type TemplateSet } from './templates.js';
import type { IndexView } from './view.js';

export const RUNBOOKS_DIR = 'runbooks';

/** The index: every site with its status, computed from whole-model data only, so that every
 * shard of a sharded compile writes the same index. */
export function buildIndexView(index: ModelIndex): IndexView {
  const m = index.model;
  let attention = 0;
  const sites = m.sites.map((s) => {
    const violations = index.violationsBySite.get(s.id) ?? [];
    const findings = index.findingsBySite.get(s.id) ?? [];
    const open = findings.filter((f) => !f.acknowledged);
    const errors = open.filter((f) => f.severity === 'error').length;
    const acked = findings.length - open.length;
    const policies = index.policiesBySite.get(s.id) ?? [];
    const brokenPolicies = new Set(violations.map((v) => v.policyId));
    const failing = new Set((index.verdictsBySite.get(s.id) ?? []).filter((v) => !v.survives && index.scenarios.get(v.scenario)?.origin !== 'double').map((v) => v.scenario));
    const needsAttention = brokenPolicies.size > 0 || errors > 0;
    if (needsAttention) attention++;
    const files = siteFiles(s.id);
    return {
      id: s.id,
      name: s.name,
      role: ROLE_LABELS[s.role],
      users: s.users,
      status: needsAttention ? 'ATTENTION' : open.length > 0 ? 'warnings' : 'ok',
      policies: policies.length === 0 ? 'none' : brokenPolicies.size === 0 ? `${policies.length} kept` : `${brokenPolicies.size} of ${policies.length} broken`,
      findings: `${open.length} open${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}, ${acked} accepted`,
      failing: failing.size === 0 ? 'none' : `${failing.size}`,
      markdown: files.markdown,
      html: files.html,
    };
  });
  const o = m.deployment.onCall;
  return {
    deployment: { id: m.deployment.id, name: m.deployment.name, owner: m.deployment.owner, description: m.deployment.description },
    onCall: { team: o.team, hours: onCallHours(o), response: formatMinutes(o.responseMinutes), contacts: o.contacts.map(contactView) },
    sites,
    otherFindings: openFindingRows(index.findingsBySite.get('') ?? []),
    counts: { sites: sites.length, attention },
  };
}

/** How many sites' diagrams are laid out ahead of the plan being rendered: enough that a
 * diagram is ready when its plan needs it, few enough that memory does not grow with the fleet. */
const DIAGRAMS_AHEAD = 16;

export interface RunbookFilesOptions extends Partial<SiteViewOptions> {
  readonly templates?: TemplateSet;
}

/**
 * Every runbook file; throws TemplateError for a broken template. With `options.emit`, each
 * site's two files go there as soon as they are rendered and only the index is returned, so a
 * fleet's plans are never all in memory at once; without it, every file is returned.
 */
export async function runbookFiles(model: Model, assessment: Assessment, options: GeneratorOptions, extra: RunbookFilesOptions = {}): Promise<GeneratedFile[]> {
  // The diagram thread starts first, and the first diagrams go to it before the templates are
  // compiled: loading Graphviz there takes about as long as the preparation here.
  const thread = extra.renderSvg ? null : startDiagramThread();
  try {
    const index = indexModel(model, assessment);
    const viewOptions: SiteViewOptions = { renderSvg: extra.renderSvg ?? thread!.render, ruleItems: extra.ruleItems };
    const sites = options.sites ? model.sites.filter((s) => options.sites!.has(s.id)) : model.sites;
    const diagrams = lookahead(sites, DIAGRAMS_AHEAD, (site) => {
      const diagram = startSiteDiagram(index, site, viewOptions.renderSvg);
      // A diagram started ahead may fail after the compile has already failed for another reason.
      diagram.svg.catch(() => {});
      return diagram;
    });
    const templates = extra.templates ?? loadTemplates(options.templateDirs?.runbooks);
    const files: GeneratedFile[] = [];
    const take = options.emit ?? ((f: GeneratedFile) => void files.push(f));
    for (const [site, diagram] of diagrams) {
      const view = await buildSiteView(index, site, viewOptions, diagram);
      take({ path: `${RUNBOOKS_DIR}/${view.files.markdown}`, content: templates.render('site.md', view), site: site.id });
      take({ path: `${RUNBOOKS_DIR}/${view.files.html}`, content: templates.render('site.html', { ...view, css: templates.css }), site: site.id });
    }
    // The index lists every site from whole-model data only, so every shard writes the same one.
    files.push({ path: `${RUNBOOKS_DIR}/index.md`, content: templates.render('index.md', buildIndexView(index)) });
    return files;
  } finally {
    await thread?.close();
  }
}

export const runbooksGenerator: Generator = {
  id: 'runbooks',
  description: 'Checklist and contingency plan per site: Markdown for the repository, print-ready HTML for the emergency binder',
  async generate(model: Model, assessment: Assessment, options: GeneratorOptions): Promise<GeneratorResult> {
    const diagnostics: Diagnostic[] = [];
    try {
      return { files: await runbookFiles(model, assessment, options), diagnostics };
    } catch (e) {
      if (e instanceof TemplateError) {
        diagnostics.push(createDiagnostic('TemplateError', { path: `${RUNBOOKS_DIR}/${e.template}` }, [e.template, e.message]));
        return { files: [], diagnostics };
      }
      throw e;
    }
  },
};
