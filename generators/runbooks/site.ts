// One site's runbook view: every section computed from the model and the assessment. The work
// is proportional to the site (its gateways, trunks, scenarios and verdicts).
import type { Site } from '../../model/types.js';
import type { Affected } from './affected.js';
import { buildChecklist, RULE_ITEMS } from './checklist.js';
import { siteContext, type ModelIndex, type SiteContext } from './context.js';
import { buildDrills } from './drills.js';
import { buildFindings } from './findings.js';
import { compareScenarios, ROLE_LABELS } from './format.js';
import { buildMatrix, verdictsByScenario, violatedPolicies } from './matrix.js';
import { buildProcedure, combineProcedure, serviceCheck, siteServices } from './procedures.js';
import { siteLines } from './site-lines.js';
import { buildSummary, contactList, deciders, inventory } from './summary.js';
import { buildTopology, toDot, toMermaid, TOPOLOGY_LEGEND, type TopologyGraph } from './topology.js';
import type { ProcedureView, SiteRunbookView } from './view.js';

export interface SiteViewOptions {
  /** Renders DOT to inline SVG (Graphviz WASM in the generator; tests may pass a stub). */
  readonly renderSvg: (dot: string, ariaLabel: string) => Promise<string>;
  readonly ruleItems?: Readonly<Record<string, readonly string[]>>;
}

export const siteFiles = (siteId: string) => ({ markdown: `${siteId}.md`, html: `${siteId}.html`, index: 'index.md' });

/** A site's context and diagram, made before the rest of its view so that the diagram can be
 * laid out elsewhere meanwhile. */
export interface SiteDiagram {
  readonly ctx: SiteContext;
  readonly graph: TopologyGraph;
  readonly svg: Promise<string>;
}

export function startSiteDiagram(index: ModelIndex, site: Site, renderSvg: SiteViewOptions['renderSvg']): SiteDiagram {
  const ctx = siteContext(index, site, compareScenarios);
  const graph = buildTopology(ctx);
  return { ctx, graph, svg: renderSvg(toDot(graph), graph.title) };
}

export async function buildSiteView(index: ModelIndex, site: Site, options: SiteViewOptions, diagram = startSiteDiagram(index, site, options.renderSvg)): Promise<SiteRunbookView> {
  const { ctx, graph } = diagram;
  const services = siteServices(ctx);
  const byScenario = verdictsByScenario(ctx.verdicts);
  const decide = deciders(ctx);
  const lines = siteLines(ctx, services, decide, serviceCheck);
  const affected = new Map<string, Affected>();
  const full: ProcedureView[] = ctx.scenarios.map((scenario, i) => {
    const p = buildProcedure({ ctx, scenario, index: i, verdicts: byScenario.get(scenario.id) ?? new Map(), services, deciders: decide, lines, compact: scenario.origin === 'double' });
    affected.set(scenario.id, p.affected);
    return p.view;
  });
  // A double failure refers to the procedures of its two single failures (same domain; for a
  // power outage, the same duration).
  const singleByDomain = new Map<string, ProcedureView>();
  ctx.scenarios.forEach((s, i) => {
    if (s.origin !== 'double' && s.domains.length === 1) singleByDomain.set(`${s.domains[0]}@${s.durationMinutes ?? ''}`, full[i]!);
  });
  const procedures = full.map((p, i) => {
    const s = ctx.scenarios[i]!;
    if (s.origin !== 'double') return p;
    const singles = s.domains.flatMap((d) => {
      const hit = singleByDomain.get(`${d}@${s.durationMinutes ?? ''}`) ?? singleByDomain.get(`${d}@`);
      return hit ? [hit] : [];
    });
    return combineProcedure(p, singles);
  });
  const activation = procedures.filter((p) => !p.combined).map((p) => ({ number: p.number, anchor: p.anchor, scenario: p.title, signal: p.signals[0] ?? '' }));
  const m = index.model;
  return {
    title: `Contingency plan: ${site.name}`,
    deployment: { id: m.deployment.id, name: m.deployment.name, owner: m.deployment.owner, description: m.deployment.description },
    site: { id: site.id, name: site.name, role: site.role, roleLabel: ROLE_LABELS[site.role], users: site.users, path: site.path },
    files: siteFiles(site.id),
    summary: buildSummary(ctx, activation, decide.sentence),
    topology: { mermaid: toMermaid(graph), svg: await diagram.svg, legend: TOPOLOGY_LEGEND },
    matrix: buildMatrix(ctx, services, ctx.scenarios, byScenario, violatedPolicies(ctx)),
    checklist: buildChecklist({ ctx, services, byScenario, affected }, options.ruleItems ?? RULE_ITEMS),
    procedures: procedures.filter((p) => !p.combined),
    combined: procedures.filter((p) => p.combined),
    drills: buildDrills({ ctx, services, scenarios: ctx.scenarios, byScenario, affected }),
    findings: buildFindings(ctx),
    contacts: contactList(ctx),
    serviceChecks: services.map(lines.check),
    inventory: inventory(ctx),
  };
}
