import { hotStandbyParts } from '../../../analysis/switchover.js';
import type { Gateway } from '../../../model/types.js';
import { inStackOrder } from './each-stack.js';
import type { Block, RuleHit, TerraformRule } from './types.js';
import { asArray } from './view.js';

/** A failover record as this rule needs it, kept after its stack is gone. */
interface FailoverRecord {
  readonly index: number;
  readonly seq: number;
  readonly stack: string;
  readonly address: string;
  readonly name: unknown;
  readonly setIdentifier: string;
  readonly healthChecked: boolean;
  readonly ttl: number;
  /** A primary's slowest probe, read from the health checks in its stack; null when its check is not there. */
  readonly probe: { readonly interval: number; readonly threshold: number } | null;
}

/**
 * The switchover a DNS failover pair really gives (health-check interval x threshold + TTL +
 * re-registration, read from the synthesized health checks and records) against the longest
 * switchover the policies allow for the sites the primary serves.
 */
export const rule: TerraformRule = {
  meta: {
    id: 'RBC-T008',
    severity: 'warning',
    title: 'DNS failover slower than the policy allows',
    rationale:
      'Route 53 probes only every 10 or 30 seconds and resolvers keep an answer for its TTL, so a DNS failover takes interval x threshold + TTL + re-registration. A policy promising a shorter switchover is not met by the deployed health checks, whatever the blueprint asked for.',
  },
  start(ctx) {
    const primaries: FailoverRecord[] = [];
    const secondaries: FailoverRecord[] = [];
    let seq = 0;
    return {
      stack(v) {
        for (const b of v.resources('aws_route53_record')) {
          const f = b.body['failover_routing_policy'];
          const o = (Array.isArray(f) ? f[0] : f) as Record<string, unknown> | undefined;
          const type = typeof o?.['type'] === 'string' ? (o['type'] as string) : null;
          if (type !== 'PRIMARY' && type !== 'SECONDARY') continue;
          let probe: FailoverRecord['probe'] = null;
          const check = type === 'PRIMARY' ? v.referenced(b.body['health_check_id']) : null;
          if (check) {
            const children = asArray(check.body['child_healthchecks']).map((c) => v.referenced(c)).filter((c): c is Block => c !== null);
            const probes = (children.length > 0 ? children : [check]).map((c) => ({ interval: Number(c.body['request_interval'] ?? 30), threshold: Number(c.body['failure_threshold'] ?? 3) }));
            probe = probes.reduce((a, x) => (x.interval * x.threshold > a.interval * a.threshold ? x : a));
          }
          (type === 'PRIMARY' ? primaries : secondaries).push({
            index: v.index,
            seq: seq++,
            stack: v.name,
            address: b.address,
            name: b.body['name'],
            setIdentifier: String(b.body['set_identifier']),
            healthChecked: Boolean(b.body['health_check_id']),
            ttl: Number(b.body['ttl'] ?? 0),
            probe,
          });
        }
        return [];
      },
      finish() {
        if (primaries.length === 0) return 'not-applicable';
        // The first secondary of a name and the first gateway of an id, as searches in order would find them.
        const secondaryOf = new Map<unknown, FailoverRecord>();
        for (const s of inStackOrder(secondaries)) if (!secondaryOf.has(s.name)) secondaryOf.set(s.name, s);
        const gateways = new Map<string, Gateway>();
        for (const g of ctx.model.gateways) if (!gateways.has(g.id)) gateways.set(g.id, g);
        // The policies naming a site, by position: a fleet has a policy or more per customer.
        const policiesOf = new Map<string, number[]>();
        ctx.model.policies.forEach((policy, i) => {
          for (const site of new Set(policy.sites)) {
            const list = policiesOf.get(site);
            if (list) list.push(i);
            else policiesOf.set(site, [i]);
          }
        });
        const hits: RuleHit[] = [];
        for (const p of inStackOrder(primaries)) {
          const secondary = secondaryOf.get(p.name);
          if (!secondary || !secondary.healthChecked) continue; // a cold standby: manual, the analysis judges it
          if (!p.probe) continue;
          const primaryId = p.setIdentifier;
          const secondaryId = secondary.setIdentifier;
          const primary = gateways.get(primaryId);
          const standby = gateways.get(secondaryId);
          const relation = standby?.standbyFor.find((s) => s.gateway === primaryId);
          if (!primary || !relation) continue;
          const parts = hotStandbyParts({ ...relation.detection, mechanism: 'dns', probeIntervalSeconds: p.probe.interval, failureThreshold: p.probe.threshold, dnsTtlSeconds: p.ttl });
          const total = parts.reduce((a, x) => a + x.seconds, 0);
          // Failures this pair is there for: the primary fails and the secondary lives on.
          const pp = primary.placement;
          const sp = gateways.get(secondaryId)?.placement;
          const classes = new Set<string>(['technical-damage']);
          if (pp.type === 'cloud' && sp?.type === 'cloud') {
            if (pp.az !== sp.az) classes.add('cloud-az');
            if (pp.region !== sp.region) classes.add('cloud-region');
          } else {
            for (const c of ['fire-zone', 'building', 'site', 'power-outage', 'overheating', 'supply-line', 'wan-outage', 'provider-outage', 'cloud-az', 'cloud-region']) classes.add(c);
          }
          // In the policies' order, those naming a site the primary serves.
          const covering = [...new Set(primary.serves.flatMap((s) => policiesOf.get(s) ?? []))].sort((a, b) => a - b);
          for (const policy of covering.map((i) => ctx.model.policies[i]!)) {
            if (policy.maxSwitchoverSeconds === null) continue;
            if (!policy.scenarios.some((s) => classes.has(s.class))) continue;
            if (!policy.services.some((s) => primary.services.includes(s))) continue;
            if (total <= policy.maxSwitchoverSeconds) continue;
            hits.push({
              stack: p.stack,
              address: p.address,
              path: primary.path,
              message: `DNS failover from ${primaryId} to ${secondaryId} takes ${total} s (${parts.map((x) => `${x.label} ${x.seconds} s`).join(' + ')}), more than the ${policy.maxSwitchoverSeconds} s policy '${policy.id}' allows`,
            });
          }
        }
        return hits;
      },
    };
  },
};
