// Failover in DNS: Route 53 TCP health checks on the gateways' SIP ports (Route 53 has no SIP
// check), a calculated check per gateway that is healthy only while every SIP port answers, its
// alarm (Route 53 metrics exist only in us-east-1), failover A records and SIP SRV records.
import { CloudwatchMetricAlarm, Route53HealthCheck, Route53Record, type TerraformStack } from '../cdk.js';
import { awsName, lid } from '../names.js';
import { HEALTH_CHECKER_REGIONS, ROUTE53_METRICS_REGION, type DnsTarget } from '../plan.js';
import type { BuildContext, Origin } from './common.js';
import type { SharedRefs } from './shared.js';

export function buildDnsRecords(
  ctx: BuildContext,
  stack: TerraformStack,
  stackName: string,
  shared: SharedRefs,
  publicIpOf: (gateway: string) => string,
  originOf: (gateway: string) => Origin | null,
): void {
  const { plan } = ctx;
  const dep = plan.deployment;
  const checks = plan.healthChecks.filter((h) => h.stack === stackName);
  const records = plan.records.filter((r) => r.stack === stackName);
  if (checks.length === 0 && records.length === 0) return;
  if (!shared.zoneId) return;
  const address = (t: DnsTarget['target']): string => ('eipOf' in t ? publicIpOf(t.eipOf) : t.address);
  const zoneId = shared.zoneId(stack);
  const alertTopic = checks.length > 0 ? shared.topicArn(ROUTE53_METRICS_REGION, stack) : '';

  const calculated = new Map<string, Route53HealthCheck>();
  for (const h of checks) {
    const o = originOf(h.gateway) ?? { path: h.path };
    const children = h.ports.map((port) =>
      ctx.add(stack, Route53HealthCheck, lid('gw', h.gateway, 'sip', String(port)), {
        type: 'TCP',
        ipAddress: address(h.target),
        port,
        requestInterval: h.requestInterval,
        failureThreshold: h.failureThreshold,
        regions: [...HEALTH_CHECKER_REGIONS],
        tags: { Name: awsName(255, dep, h.gateway, 'sip', String(port)) },
      }, o),
    );
    const parent = ctx.add(stack, Route53HealthCheck, lid('gw', h.gateway, 'sip'), {
      type: 'CALCULATED',
      childHealthThreshold: children.length,
      childHealthchecks: children.map((c) => c.id),
      tags: { Name: awsName(255, dep, h.gateway, 'sip') },
    }, o);
    calculated.set(h.gateway, parent);
    ctx.add(stack, CloudwatchMetricAlarm, lid('gw', h.gateway, 'sip-health'), {
      region: ROUTE53_METRICS_REGION,
      alarmName: awsName(255, dep, h.gateway, 'sip-health'),
      alarmDescription: `Gateway ${h.gateway}: a SIP port (TCP ${h.ports.join(', ')}) stopped answering Route 53 health checks; DNS fails over`,
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensions: { HealthCheckId: parent.id },
      statistic: 'Minimum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'LessThanThreshold',
      treatMissingData: 'breaching',
      alarmActions: [alertTopic],
      okActions: [alertTopic],
    }, o);
  }

  for (const r of records) {
    const gateway = r.target && 'eipOf' in r.target ? r.target.eipOf : r.failover?.setIdentifier ?? null;
    const o = (gateway ? originOf(gateway) : null) ?? { path: r.path };
    const healthCheck = r.failover?.healthCheckOf ? calculated.get(r.failover.healthCheckOf) : undefined;
    ctx.add(stack, Route53Record, lid('dns', ...r.key.split('_')), {
      zoneId,
      name: r.name,
      type: r.type,
      ttl: r.ttl,
      records: r.target ? [address(r.target)] : [...r.values],
      ...(r.failover
        ? {
            setIdentifier: r.failover.setIdentifier,
            failoverRoutingPolicy: { type: r.failover.type },
            ...(healthCheck ? { healthCheckId: healthCheck.id } : {}),
          }
        : {}),
    }, o);
  }
}
