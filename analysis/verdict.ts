// An outcome as the Assessment's verdict: the switchover with its breakdown and one sentence a
// reviewer can check against the path or the cut.
import type { Service, Site } from '../model/types.js';
import type { Outcome } from './evaluate.js';
import type { FailureDomain, PathStep, Switchover, Verdict } from './types.js';

const NO_SWITCHOVER: Switchover = { totalSeconds: 0, automatic: true, parts: [], activeCallsDropped: false };

export function switchoverOf(o: Outcome): Switchover {
  if (o.parts.length === 0) return NO_SWITCHOVER;
  const total = Math.round(o.parts.reduce((n, p) => n + p.seconds, 0) * 1000) / 1000;
  return { totalSeconds: total, automatic: o.automatic, parts: o.parts, activeCallsDropped: o.callsDropped };
}

/** "45 s", "12 min 30 s", "2 d 14 h 30 min". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : '', s ? `${s} s` : ''].filter(Boolean).join(' ');
}

function describe(step: PathStep): string {
  switch (step.kind) {
    case 'phones':
      return step.note ?? 'phones live';
    case 'gateway':
      return step.note === 'normal operation' ? `served by ${step.id}` : `served by ${step.id} (${step.note})`;
    case 'host':
      return `${step.id} ${step.note}`;
    case 'trunk':
      return `trunk ${step.id}`;
    case 'number-block':
      return `number block ${step.id} ${step.note}`;
    case 'notification':
      return step.note ?? 'notification desk live';
    default:
      return step.id;
  }
}

export function reasonOf(o: Outcome, baselineFails: boolean): string {
  if (!o.survives) return `${baselineFails ? 'Fails even in normal operation' : 'Fails'}: ${o.why}.`;
  const path = o.steps.map(describe).join('; ');
  if (o.parts.length === 0) return `Survives without switchover: ${path}.`;
  const sw = switchoverOf(o);
  const how = sw.automatic ? 'automatically' : 'with manual steps';
  const calls = sw.activeCallsDropped ? ' Calls in progress are dropped.' : '';
  return `Survives after a switchover of ${formatSeconds(sw.totalSeconds)}, ${how}: ${path}.${calls}`;
}

/** Writes a site's verdicts; equal outcomes share their switchover and reason. */
export class VerdictWriter {
  private readonly texts = new Map<Outcome, { switchover: Switchover | null; reason: string }>();
  private readonly singleCuts = new Map<number, readonly string[]>();

  constructor(
    private readonly site: Site,
    private readonly domains: readonly FailureDomain[],
  ) {}

  /** `cut`: domain indices (ascending) of the smallest failing part of the scenario. */
  verdict(service: Service, scenario: string, o: Outcome, cut: readonly number[] | null, baselineFails: boolean): Verdict {
    let text = this.texts.get(o);
    if (!text) {
      text = { switchover: o.survives ? switchoverOf(o) : null, reason: reasonOf(o, baselineFails) };
      this.texts.set(o, text);
    }
    return {
      site: this.site.id,
      service: service.id,
      kind: service.kind,
      scenario,
      survives: o.survives,
      switchover: text.switchover,
      path: o.survives ? o.steps : null,
      cut: o.survives ? null : this.cutIds(cut ?? []),
      reason: text.reason,
    };
  }

  private cutIds(cut: readonly number[]): readonly string[] {
    if (cut.length !== 1) return cut.map((d) => this.domains[d]!.id);
    let ids = this.singleCuts.get(cut[0]!);
    if (!ids) {
      ids = [this.domains[cut[0]!]!.id];
      this.singleCuts.set(cut[0]!, ids);
    }
    return ids;
  }
}
