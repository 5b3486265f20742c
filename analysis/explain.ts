// One verdict in plain words, for `rbc explain`: the path that carries the service or the
// failures that cut it, the switchover with its breakdown, and what the site's policies say.
import { didYouMean } from '../model/did-you-mean.js';
import type { Model } from '../model/types.js';
import { evaluateScenario } from './evaluate-scenario.js';
import type { Assessment, Scenario, Verdict } from './types.js';
import { formatSeconds } from './verdict.js';

export interface ExplainQuery {
  readonly site: string;
  /** Service id or kind. */
  readonly service: string;
  /** `normal`, a scenario id of the assessment, a domain id, or domain ids joined by `+` (optionally `@<minutes>m`). */
  readonly scenario: string;
}

const hint = (word: string, candidates: Iterable<string>) => {
  const guess = didYouMean(word, candidates);
  return guess ? `; did you mean '${guess}'?` : '';
};

export function explainVerdict(model: Model, a: Assessment, q: ExplainQuery): { ok: boolean; text: string } {
  const site = model.sites.find((s) => s.id === q.site);
  if (!site) return { ok: false, text: `site '${q.site}' does not exist${hint(q.site, model.sites.map((s) => s.id))}` };
  const byKind = model.services.filter((s) => s.kind === q.service);
  const service = model.services.find((s) => s.id === q.service) ?? (byKind.length === 1 ? byKind[0] : undefined);
  if (!service) {
    if (byKind.length > 1) return { ok: false, text: `several services are of kind '${q.service}' (${byKind.map((s) => s.id).join(', ')}); name one by its id` };
    return { ok: false, text: `service '${q.service}' does not exist${hint(q.service, [...model.services.map((s) => s.id), ...model.services.map((s) => s.kind)])}` };
  }

  const baseline = (a.baseline ?? []).find((v) => v.site === site.id && v.service === service.id);
  let scenario: Scenario | null = null;
  let verdict: Verdict | undefined;
  let note: string | null = null;
  if (q.scenario === 'normal') verdict = baseline;
  else {
    scenario = a.scenarios.find((s) => s.id === q.scenario) ?? a.scenarios.find((s) => s.origin === 'single' && s.domains.length === 1 && s.domains[0] === q.scenario) ?? null;
    if (scenario) {
      verdict = a.matrix.find((v) => v.site === site.id && v.service === service.id && v.scenario === scenario!.id);
      if (!verdict) {
        verdict = baseline;
        note = `This scenario touches nothing ${service.id} at ${site.id} depends on: the normal path carries it.`;
      }
    } else {
      const m = /^(.*?)(?:@(\d+)m)?$/.exec(q.scenario)!;
      const r = evaluateScenario(model, { site: site.id, service: service.id, domains: m[1]!.split('+'), durationMinutes: m[2] ? Number(m[2]) : null });
      if ('unknown' in r) {
        const known = [...a.scenarios.map((s) => s.id), ...a.domains.map((d) => d.id)];
        return { ok: false, text: `scenario '${q.scenario}' is neither a scenario of the analysis nor a set of failure domains${hint(q.scenario, known)} (see analysis.json: scenarios, domains)` };
      }
      verdict = r.verdict;
      note = 'Computed for this failure set on request (it is not one of the analysis\' scenarios).';
    }
  }
  if (!verdict) return { ok: false, text: `no verdict for site '${site.id}', service '${service.id}', scenario '${q.scenario}'` };
  return { ok: true, text: render(model, a, verdict, scenario, note, service.name) };
}

/** Whether a policy's scenario classes include this scenario (a power or WAN outage fails all of a site's feeds or uplinks). */
function names(model: Model, specs: readonly { class: string; durationMinutes: number | null }[], s: Scenario): boolean {
  if (s.origin === 'double') return false;
  return specs.some((spec) => {
    if (spec.class !== s.class) return false;
    if (s.class !== 'power-outage' && s.class !== 'wan-outage') return s.domains.length === 1;
    if (s.class === 'power-outage' && spec.durationMinutes !== s.durationMinutes) return false;
    const siteId = s.domains[0]!.slice(s.domains[0]!.indexOf(':') + 1).split('/')[0];
    const site = model.sites.find((x) => x.id === siteId);
    const all = s.class === 'power-outage' ? site?.power.feeds.map((f) => `mains-feed:${siteId}/${f.id}`) : site?.uplinks.map((u) => `uplink:${siteId}/${u.id}`);
    return all !== undefined && all.length === s.domains.length && all.every((d) => s.domains.includes(d));
  });
}

function render(model: Model, a: Assessment, v: Verdict, scenario: Scenario | null, note: string | null, serviceName: string): string {
  const site = model.sites.find((s) => s.id === v.site)!;
  const label = new Map(a.domains.map((d) => [d.id, d.label]));
  const lines: string[] = [];
  lines.push(`Site:     ${site.id} (${site.name})`);
  lines.push(`Service:  ${v.service} (${serviceName})`);
  if (v.scenario === 'normal' && !scenario) lines.push('Scenario: normal operation (no failure)');
  else lines.push(`Scenario: ${scenario?.id ?? v.scenario}${scenario ? ` - ${scenario.label}` : ''}`);
  lines.push('');
  if (v.survives) {
    const sw = v.switchover!;
    const when = sw.totalSeconds === 0 && sw.parts.length === 0 ? 'without switchover' : `after a switchover of ${formatSeconds(sw.totalSeconds)}, ${sw.automatic ? 'automatically' : 'with manual steps'}`;
    lines.push(`Verdict:  SURVIVES ${when}.${sw.activeCallsDropped ? ' Calls in progress are dropped.' : ''}`);
  } else lines.push('Verdict:  FAILS.');
  if (note) lines.push(note);
  lines.push('', `Reason: ${v.reason}`);
  if (v.path && v.path.length) {
    lines.push('', 'Path that carries it:');
    const width = Math.max(...v.path.map((p) => p.kind.length));
    for (const p of v.path) lines.push(`  ${p.kind.padEnd(width)}  ${p.id}${p.note ? `: ${p.note}` : ''}`);
  }
  if (v.switchover && v.switchover.parts.length) {
    lines.push('', 'Switchover:');
    const width = Math.max(...v.switchover.parts.map((p) => p.label.length), 5);
    for (const p of v.switchover.parts) lines.push(`  ${p.label.padEnd(width)}  ${formatSeconds(p.seconds)}`);
    lines.push(`  ${'total'.padEnd(width)}  ${formatSeconds(v.switchover.totalSeconds)}${v.switchover.automatic ? '' : ' (needs a person)'}`);
  }
  if (v.cut && !v.survives) {
    lines.push('');
    if (v.cut.length === 0) lines.push('Cut: it fails without any failure; fix the normal path first.');
    else {
      lines.push(v.cut.length === 1 ? 'Cut by this failure alone:' : `Cut by these ${v.cut.length} failures together:`);
      for (const d of v.cut) lines.push(`  ${d}${label.has(d) ? ` - ${label.get(d)}` : ''}`);
    }
  }
  const policies = model.policies.filter((p) => p.sites.includes(site.id) && p.services.includes(v.kind));
  if (policies.length) {
    lines.push('', 'Policies:');
    for (const p of policies) {
      const limits = [p.maxSwitchoverSeconds !== null ? `at most ${formatSeconds(p.maxSwitchoverSeconds)}` : null, p.automatic ? 'automatic' : null].filter(Boolean).join(', ');
      const named = v.scenario === 'normal' || (scenario !== null && names(model, p.scenarios, scenario));
      const violation = (a.policies.find((x) => x.policy === p.id)?.violations ?? []).find((x) => x.site === v.site && x.service === v.service && x.scenario === v.scenario);
      const status = violation ? `VIOLATED: ${violation.reason}` : named ? 'met here' : 'does not name this scenario';
      lines.push(`  ${p.id}${limits ? ` (${limits})` : ''}: ${status}`);
    }
  }
  return lines.join('\n');
}
