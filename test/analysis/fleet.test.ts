// Fleet scale: the analysis works per site on the site's dependency cone, so the work is linear
// in the fleet. Counted, not timed: evaluations and verdicts per site are the same for a fleet
// of 10 and of 100 copies of an example (the timing is npm run bench's).
import { describe, expect, it, vi } from 'vitest';
import { analyse } from '../../analysis/analyse.js';
import { SiteEvaluator } from '../../analysis/evaluate.js';
import { TODAY } from './support/assess.js';
import { readBlueprint, replicate, resolvePlain } from './support/fleet.js';

function work(name: string, copies: number) {
  const model = resolvePlain(replicate(readBlueprint(name), copies));
  const spy = vi.spyOn(SiteEvaluator.prototype, 'run');
  const a = analyse(model, { today: TODAY });
  const runs = spy.mock.calls.length;
  spy.mockRestore();
  return { runs, matrix: a.matrix.length, scenarios: a.scenarios.length, cuts: a.pointsOfFailure.length, sites: model.sites.length };
}

describe('fleet scale', () => {
  it.each(['a-single-site-hot-standby.yaml', 'b-option1-master-slave.yaml', 'f-cloud-pbx-local-survivable.yaml'])('%s: ten times the fleet is ten times the work', (name) => {
    const small = work(name, 10);
    const large = work(name, 100);
    expect(large.sites).toBe(10 * small.sites);
    expect(large.runs).toBe(10 * small.runs);
    expect(large.matrix).toBe(10 * small.matrix);
  });

  it('shared providers are one domain for the whole fleet, not one per site', () => {
    const a = analyse(resolvePlain(replicate(readBlueprint('a-single-site-hot-standby.yaml'), 50)), { today: TODAY });
    expect(a.domains.filter((d) => d.kind === 'provider').map((d) => d.id)).toEqual(['provider:stadtwerke-net', 'provider:telekom']);
    // The double failure of both carriers cuts outbound and emergency calls at all 50 sites at once.
    const both = a.pointsOfFailure.find((c) => c.domains.join('+') === 'provider:stadtwerke-net+provider:telekom')!;
    expect(both.affects).toHaveLength(100);
    expect(a.pointsOfFailure[0]).toBe(both);
  });
});
