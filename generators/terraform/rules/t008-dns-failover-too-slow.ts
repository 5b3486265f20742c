import { hotStandbyParts } from '../../../analysis/switchover.js';
import type { Block, RuleHit, StackView, TerraformRule } from './types.js';
import { asArray } from './view.js';

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
  check(ctx) {
    const records: { view: StackView; block: Block }[] = [];
    for (const v of ctx.stacks) for (const b of v.resources('aws_route53_record')) records.push({ view: v, block: b });
    const failover = (r: { block: Block }) => {
      const f = r.block.body['failover_routing_policy'];
      const o = (Array.isArray(f) ? f[0] : f) as Record<string, unknown> | undefined;
      return typeof o?.['type'] === 'string' ? (o['type'] as string) : null;
    };
    const primaries = records.filter((r) => failover(r) === 'PRIMARY');
    if (primaries.length === 0) return 'not-applicable';
    const hits: RuleHit[] = [];
    for (const p of primaries) {
      const secondary = records.find((r) => failover(r) === 'SECONDARY' && r.block.body['name'] === p.block.body['name']);
      if (!secondary || !secondary.block.body['health_check_id']) continue; // a cold standby: manual, the analysis judges it
      const check = p.view.referenced(p.block.body['health_check_id']);
      if (!check) continue;
      const children = asArray(check.body['child_healthchecks']).map((c) => p.view.referenced(c)).filter((c): c is Block => c !== null);
      const probes = (children.length > 0 ? children : [check]).map((c) => ({ interval: Number(c.body['request_interval'] ?? 30), threshold: Number(c.body['failure_threshold'] ?? 3) }));
      const slowest = probes.reduce((a, b) => (b.interval * b.threshold > a.interval * a.threshold ? b : a));
      const primaryId = String(p.block.body['set_identifier']);
      const secondaryId = String(secondary.block.body['set_identifier']);
      const primary = ctx.model.gateways.find((g) => g.id === primaryId);
      const standby = ctx.model.gateways.find((g) => g.id === secondaryId);
      const relation = standby?.standbyFor.find((s) => s.gateway === primaryId);
      if (!primary || !relation) continue;
      const ttl = Number(p.block.body['ttl'] ?? 0);
      const parts = hotStandbyParts({ ...relation.detection, mechanism: 'dns', probeIntervalSeconds: slowest.interval, failureThreshold: slowest.threshold, dnsTtlSeconds: ttl });
      const total = parts.reduce((a, x) => a + x.seconds, 0);
      // Failures this pair is there for: the primary fails and the secondary lives on.
      const placeOf = (id: string) => ctx.model.gateways.find((g) => g.id === id)?.placement;
      const pp = placeOf(primaryId);
      const sp = placeOf(secondaryId);
      const classes = new Set<string>(['technical-damage']);
      if (pp?.type === 'cloud' && sp?.type === 'cloud') {
        if (pp.az !== sp.az) classes.add('cloud-az');
        if (pp.region !== sp.region) classes.add('cloud-region');
      } else {
        for (const c of ['fire-zone', 'building', 'site', 'power-outage', 'overheating', 'supply-line', 'wan-outage', 'provider-outage', 'cloud-az', 'cloud-region']) classes.add(c);
      }
      for (const policy of ctx.model.policies) {
        if (policy.maxSwitchoverSeconds === null) continue;
        if (!policy.scenarios.some((s) => classes.has(s.class))) continue;
        if (!policy.sites.some((s) => primary.serves.includes(s))) continue;
        if (!policy.services.some((s) => primary.services.includes(s))) continue;
        if (total <= policy.maxSwitchoverSeconds) continue;
        hits.push({
          stack: p.view.name,
          address: p.block.address,
          path: primary.path,
          message: `DNS failover from ${primaryId} to ${secondaryId} takes ${total} s (${parts.map((x) => `${x.label} ${x.seconds} s`).join(' + ')}), more than the ${policy.maxSwitchoverSeconds} s policy '${policy.id}' allows`,
        });
      }
    }
    return hits;
  },
};
