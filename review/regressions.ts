// What counts as a redundancy regression (exit code 1 by default): a policy newly violated, a
// service that lost survival of a scenario, a switchover that grew beyond a policy's limit or now
// needs a person where the policy demands an automatic one.
import type { RedundancyChanges, Regression } from './types.js';
import { formatSeconds } from './survival-diff.js';
import { survive } from './wording.js';

export function findRegressions(r: RedundancyChanges): Regression[] {
  const out: Regression[] = [];
  for (const p of r.policies) {
    for (const v of p.newViolations) {
      out.push({
        kind: 'policy-violated', site: v.site, service: v.service, scenario: v.scenario.id, policy: p.policy,
        message: `Policy ${p.policy} is newly violated at ${v.siteName}: ${v.serviceName} under ${v.scenario.label}.`,
      });
    }
  }
  for (const s of r.sites) {
    for (const l of s.lost) {
      out.push({
        kind: 'survival-lost', site: l.site, service: l.service, scenario: l.scenario.id, policy: null,
        message: `${l.serviceName} at ${s.name} no longer ${survive(l.serviceName)} ${l.scenario.label}.`,
      });
    }
    for (const c of s.switchover) {
      for (const p of c.beyondPolicies) {
        const why =
          p.maxSwitchoverSeconds !== null && c.afterSeconds > p.maxSwitchoverSeconds
            ? `${formatSeconds(c.afterSeconds)}, more than the ${formatSeconds(p.maxSwitchoverSeconds)} allowed`
            : 'now needs a person, the policy demands an automatic switchover';
        out.push({
          kind: 'switchover-beyond-policy', site: c.site, service: c.service, scenario: c.scenario.id, policy: p.policy,
          message: `Switchover of ${c.serviceName} at ${s.name} under ${c.scenario.label}: ${why} by policy ${p.policy}.`,
        });
      }
    }
  }
  return out;
}
