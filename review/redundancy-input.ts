// What the redundancy comparison reads from one side: analysis.json (the Assessment) and, for
// names and policy limits, model.json. Both are optional so that an empty side compares too.
import type { Assessment, FailureDomain, Scenario, Verdict } from '../analysis/types.js';
import type { ScenarioSpec } from '../model/types.js';
import type { OutputTree } from './output-tree.js';
import { ReviewInputError } from './input-error.js';
import { applyRenames } from './renames.js';

export interface PolicyInfo {
  readonly id: string;
  readonly description: string | null;
  readonly services: readonly string[];
  readonly sites: readonly string[];
  readonly scenarios: readonly ScenarioSpec[];
  readonly maxSwitchoverSeconds: number | null;
  readonly automatic: boolean;
}

/** The verdicts in normal operation came with the analysis's first release; older files lack them. */
export type AssessmentRead = Assessment & { readonly baseline?: readonly Verdict[] };

export interface RedundancyInput {
  readonly assessment: AssessmentRead;
  /** Site id → name (from model.json, else from the matrix). */
  readonly sites: ReadonlyMap<string, string>;
  /** Service id → name. */
  readonly services: ReadonlyMap<string, string>;
  /** Services analysed at each site (`site\u0000service`). */
  readonly siteServices: ReadonlySet<string>;
  readonly policies: ReadonlyMap<string, PolicyInfo>;
  readonly scenarios: ReadonlyMap<string, Scenario>;
  readonly domains: ReadonlyMap<string, FailureDomain>;
  /** Verdicts by `site\u0000service\u0000scenario`, normal operation included. */
  readonly verdicts: ReadonlyMap<string, Verdict>;
  /** The matrix plus the verdicts in normal operation (scenario `normal`), when the analysis gives them. */
  readonly allVerdicts: readonly Verdict[];
  /** Verdicts by `site\u0000service`. */
  readonly bySiteService: ReadonlyMap<string, readonly Verdict[]>;
  /** Service ids analysed at each site. */
  readonly servicesBySite: ReadonlyMap<string, ReadonlySet<string>>;
  /** Service id → kind. */
  readonly kinds: ReadonlyMap<string, string>;
  /** Scenarios by each domain they contain. */
  readonly scenariosByDomain: ReadonlyMap<string, readonly Scenario[]>;
}

/** The scenario of the verdicts in normal operation: nothing has failed. */
export const NORMAL_SCENARIO: Scenario = {
  id: 'normal',
  class: 'normal' as Scenario['class'],
  label: 'normal operation (no failure)',
  domains: [],
  durationMinutes: null,
  origin: 'single',
};

export const ANALYSIS_FILE = 'analysis.json';
export const MODEL_FILE = 'model.json';

export const EMPTY_ASSESSMENT: Assessment = { version: 1, domains: [], scenarios: [], matrix: [], policies: [], pointsOfFailure: [], findings: [] };

export const verdictKey = (site: string, service: string, scenario: string) => `${site}\u0000${service}\u0000${scenario}`;
export const siteServiceKey = (site: string, service: string) => `${site}\u0000${service}`;

function parseJson(tree: OutputTree, path: string): unknown {
  const buf = tree.files.get(path);
  if (!buf) return undefined;
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new ReviewInputError('DiffOutputCorrupt', [tree.side.label, `${path} is not JSON (${(e as Error).message})`]);
  }
}

const arr = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);

function readAssessment(tree: OutputTree): AssessmentRead {
  const raw = parseJson(tree, ANALYSIS_FILE) as Partial<AssessmentRead> | undefined;
  if (raw === undefined) return EMPTY_ASSESSMENT;
  if (typeof raw !== 'object' || raw === null || raw.version !== 1) {
    throw new ReviewInputError('DiffOutputCorrupt', [tree.side.label, `${ANALYSIS_FILE} has version ${JSON.stringify((raw as { version?: unknown })?.version)}, this rbc reads version 1`]);
  }
  return {
    version: 1,
    domains: arr(raw.domains),
    scenarios: arr(raw.scenarios),
    ...(raw.baseline ? { baseline: arr<Verdict>(raw.baseline) } : {}),
    matrix: arr(raw.matrix),
    policies: arr(raw.policies),
    pointsOfFailure: arr(raw.pointsOfFailure),
    findings: arr(raw.findings),
  };
}

interface ModelLike {
  sites?: { id: string; name?: string }[];
  services?: { id: string; name?: string; kind?: string }[];
  policies?: { id: string; description?: string | null; services?: string[]; sites?: string[]; scenarios?: ScenarioSpec[]; maxSwitchoverSeconds?: number | null; automatic?: boolean }[];
}

/** One side's redundancy data; `renames` (former gateway id → id) translates an old side to the new ids. */
export function readRedundancyInput(tree: OutputTree, renames: ReadonlyMap<string, string> = new Map()): RedundancyInput {
  const assessment = applyRenames(readAssessment(tree), renames);
  const model = (parseJson(tree, MODEL_FILE) ?? {}) as ModelLike;
  const sites = new Map<string, string>();
  for (const s of arr<{ id: string; name?: string }>(model.sites)) sites.set(s.id, s.name ?? s.id);
  const services = new Map<string, string>();
  for (const s of arr<{ id: string; name?: string }>(model.services)) services.set(s.id, s.name ?? s.id);
  const siteServices = new Set<string>();
  const verdicts = new Map<string, Verdict>();
  const allVerdicts = [...(assessment.baseline ?? []), ...assessment.matrix];
  const scenarios = new Map(assessment.scenarios.map((s) => [s.id, s]));
  for (const v of assessment.baseline ?? []) {
    if (!scenarios.has(v.scenario)) scenarios.set(v.scenario, { ...NORMAL_SCENARIO, id: v.scenario });
  }
  const bySiteService = new Map<string, Verdict[]>();
  const servicesBySite = new Map<string, Set<string>>();
  const kinds = new Map<string, string>();
  for (const v of allVerdicts) {
    if (!sites.has(v.site)) sites.set(v.site, v.site);
    if (!services.has(v.service)) services.set(v.service, v.service);
    if (!kinds.has(v.service)) kinds.set(v.service, v.kind);
    const key = siteServiceKey(v.site, v.service);
    siteServices.add(key);
    verdicts.set(verdictKey(v.site, v.service, v.scenario), v);
    const list = bySiteService.get(key);
    if (list) list.push(v);
    else bySiteService.set(key, [v]);
    const set = servicesBySite.get(v.site);
    if (set) set.add(v.service);
    else servicesBySite.set(v.site, new Set([v.service]));
  }
  const scenariosByDomain = new Map<string, Scenario[]>();
  for (const sc of scenarios.values()) {
    for (const d of sc.domains) {
      const list = scenariosByDomain.get(d);
      if (list) list.push(sc);
      else scenariosByDomain.set(d, [sc]);
    }
  }
  const policies = new Map<string, PolicyInfo>();
  for (const p of arr<NonNullable<ModelLike['policies']>[number]>(model.policies)) {
    policies.set(p.id, {
      id: p.id,
      description: p.description ?? null,
      services: arr(p.services),
      sites: arr(p.sites),
      scenarios: arr(p.scenarios),
      maxSwitchoverSeconds: typeof p.maxSwitchoverSeconds === 'number' ? p.maxSwitchoverSeconds : null,
      automatic: p.automatic === true,
    });
  }
  for (const p of assessment.policies) {
    if (!policies.has(p.policy)) policies.set(p.policy, { id: p.policy, description: null, services: [], sites: [], scenarios: [], maxSwitchoverSeconds: null, automatic: false });
  }
  return {
    assessment,
    sites,
    services,
    siteServices,
    policies,
    scenarios,
    domains: new Map(assessment.domains.map((d) => [d.id, d])),
    verdicts,
    allVerdicts,
    bySiteService,
    servicesBySite,
    kinds,
    scenariosByDomain,
  };
}
