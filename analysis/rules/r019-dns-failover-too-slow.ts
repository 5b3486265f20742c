import { formatSeconds } from '../verdict.js';
import type { Rule, RuleReport } from './rule.js';

/** Route 53 health checks probe every 10 or every 30 seconds, nothing else. */
const ROUTE53_INTERVALS = [10, 30];

export const dnsFailoverTooSlow: Rule = {
  meta: {
    id: 'RBC-R019',
    name: 'dns-failover-too-slow',
    severity: 'error',
    rationale: 'A hot standby should switch "automatically" so that "employees usually do not even notice": DNS failover can only be as fast as its health checks and the records\' TTL.',
    docs: {
      description: 'A standby switched by DNS failover (Route 53) detects the failure after interval x threshold and clients follow after the TTL: together longer than a policy covering the sites allows. Route 53 also probes only every 10 or 30 seconds.',
      fix: 'Shorten the TTL, use a 10 s interval and a lower threshold, or switch by registration, VRRP or a SIP dispatcher instead.',
    },
    messages: {
      tooSlow: 'DNS failover of {{standby}} for {{primary}} takes at least {{seconds}} ({{interval}} s x {{threshold}} + {{ttl}} s TTL), but policy {{policy}} allows {{allowed}}.',
      interval: 'DNS failover of {{standby}} for {{primary}} probes every {{interval}} s, but Route 53 health checks run only every 10 or 30 s.',
    },
  },
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const { standby, primary, relation, sites } of ctx.pairs) {
      const d = relation.detection;
      if (d.mechanism !== 'dns') continue;
      const base = { standby: standby.id, primary: primary.id, interval: d.probeIntervalSeconds };
      if (!ROUTE53_INTERVALS.includes(d.probeIntervalSeconds)) out.push({ messageId: 'interval', path: standby.path, data: base });
      const seconds = d.probeIntervalSeconds * d.failureThreshold + d.dnsTtlSeconds;
      const policy = [...new Set(sites.flatMap((s) => ctx.policiesFor(s)))]
        .filter((p) => p.maxSwitchoverSeconds !== null && p.maxSwitchoverSeconds < seconds)
        .sort((a, b) => a.maxSwitchoverSeconds! - b.maxSwitchoverSeconds! || (a.id < b.id ? -1 : 1))[0];
      if (!policy) continue;
      out.push({
        messageId: 'tooSlow',
        path: standby.path,
        data: { ...base, seconds: formatSeconds(seconds), threshold: d.failureThreshold, ttl: d.dnsTtlSeconds, policy: policy.id, allowed: formatSeconds(policy.maxSwitchoverSeconds!) },
      });
    }
    return out;
  },
};
