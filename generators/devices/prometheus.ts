// prometheus: alert rules for the failures the runbook handles, one rule group per gateway,
// with a `promtool test rules` file beside them that makes every alert fire on a failing series
// and stay silent on a healthy one. The metric names are a contract documented in
// docs/devices.md (up / probe_success of the gateway, rbc_trunk_up, the UPS-MIB metrics of the
// SNMP exporter, rbc_config_checksum); labels carry rbc ids only.
import type { Dialect, DialectContext, DialectView } from './dialect.js';
import type { DeviceRecord } from './record.js';
import { guarded } from './templates.js';

export const JOB_GATEWAYS = 'rbc-gateways';
export const JOB_SIP_PROBE = 'rbc-sip-options';
/** UPS-MIB upsOutputSource value for "battery". */
export const UPS_ON_BATTERY = 5;

export interface PromSeries {
  readonly series: string;
  readonly values: string;
}

export interface PromAlert {
  readonly name: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: readonly { readonly key: string; readonly value: string }[];
  readonly summary: string;
  readonly description: string;
  /** promtool unit test: input series, when to look, and the labels the alert must carry. */
  readonly test: {
    readonly series: readonly PromSeries[];
    readonly healthyAt: string;
    readonly firingAt: string;
    readonly expLabels: readonly { readonly key: string; readonly value: string }[];
  };
}

export interface PrometheusView {
  readonly id: string;
  readonly deployment: string;
  readonly group: string;
  readonly rulesFile: string;
  readonly evaluationInterval: string;
  readonly alerts: readonly PromAlert[];
}

const STEP_S = 15;
/** Healthy samples at 0, 15, 30, 45 s; the failure starts at 60 s. */
const FAIL_START_S = 60;

const duration = (seconds: number) => (Number.isInteger(seconds) ? `${seconds}s` : `${Math.round(seconds * 1000)}ms`);

/** Series values: healthy until FAIL_START_S, then failing long enough for `forS` + margin. */
function values(healthy: number, failing: number, forS: number): string {
  const n = Math.ceil((forS + 4 * STEP_S) / STEP_S) + 2;
  return `${healthy}x${FAIL_START_S / STEP_S - 1} ${failing}x${n}`;
}

const firingAt = (forS: number) => duration(FAIL_START_S + Math.ceil(forS / STEP_S) * STEP_S + 2 * STEP_S);

export const prometheusDialect: Dialect = {
  id: 'prometheus',
  description: 'Prometheus alert rules (2.x) with promtool unit tests',
  templates: [
    { template: 'rules.yml.hbs', output: 'prometheus/rules.yml' },
    { template: 'rules.test.yml.hbs', output: 'prometheus/rules.test.yml' },
  ],
  helpers: {
    /** A YAML double-quoted scalar of plain text. */
    ystr: guarded('ystr', /^[A-Za-z0-9 ._:/,;()+=@%-]{0,400}$/, 'safe YAML text', (s) => JSON.stringify(s)),
    /** An alert or group name. */
    pname: guarded('pname', /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/, 'a Prometheus name'),
    /** A label key. */
    plabelkey: guarded('plabelkey', /^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a Prometheus label name'),
    /** A Prometheus duration. */
    pdur: guarded('pdur', /^[0-9]{1,9}(?:ms|s|m|h|d)$/, 'a Prometheus duration'),
    /** A PromQL expression or series selector of rbc's alphabet, for a single-quoted YAML scalar. */
    promql: guarded('promql', /^[A-Za-z0-9_{}=",.()<>!*+/:\[\] -]{1,1000}$/, 'a PromQL expression of rbc\'s alphabet', (s) => `'${s}'`),
    /** promtool series values, e.g. `1x3 0x20`. */
    pvalues: guarded('pvalues', /^[0-9x +-]{1,200}$/, 'promtool series values', (s) => `'${s}'`),
  },
  view(record: DeviceRecord, { topo }: DialectContext): DialectView {
    if (!record.monitoring.prometheus) return { notApplicable: 'monitoring.prometheus is false', hint: 'Set monitoring.prometheus: true, or remove prometheus from its configs' };
    if (!record.monitoring.monitored) return { notApplicable: 'it is not monitored (monitored: false)', hint: 'Set monitored: true, or remove prometheus from its configs' };
    const g = record.id;
    const site = record.placement.type === 'site' ? record.placement.site : `cloud-${record.placement.region}`;
    const base = [
      { key: 'deployment', value: record.deployment },
      { key: 'site', value: site },
    ];
    const alerts: PromAlert[] = [];
    const pureStandby = record.role === 'hot-standby' || record.role === 'cold-standby';
    const hot = record.standbys.length > 0 ? topo.standbysOf.get(g)?.filter((s) => s.relation.mode === 'hot') ?? [] : [];
    const windows = hot.map((s) => s.relation.detection.probeIntervalSeconds * s.relation.detection.failureThreshold);
    const detectS = windows.length > 0 ? Math.max(10, Math.min(...windows)) : 60;

    const upOf = (id: string) => `up{job="${JOB_GATEWAYS}",gateway="${id}"}`;
    if (!pureStandby) {
      alerts.push({
        name: 'RbcGatewayDown',
        expr: `${upOf(g)} == 0`,
        for: duration(detectS),
        labels: [{ key: 'severity', value: 'critical' }, ...base, { key: 'gateway', value: g }],
        summary: `Gateway ${g} is down`,
        description: `Gateway ${g} at ${site} does not answer its monitoring.${record.standbys.length > 0 ? ` Standby ${record.standbys.map((s) => s.gateway).join(', ')} should take over; follow the runbook of ${site}.` : ` It has no standby: follow the runbook of ${site}.`}`,
        test: { series: [{ series: upOf(g), values: values(1, 0, detectS) }], healthyAt: duration(FAIL_START_S - STEP_S), firingAt: firingAt(detectS), expLabels: [] },
      });
    }
    for (const rel of record.standbyFor) {
      const forS = 120;
      alerts.push({
        name: 'RbcStandbyLost',
        expr: `${upOf(g)} == 0 and on() ${upOf(rel.gateway)} == 1`,
        for: duration(forS),
        labels: [{ key: 'severity', value: 'warning' }, ...base, { key: 'gateway', value: g }, { key: 'primary', value: rel.gateway }],
        summary: `Standby ${g} of ${rel.gateway} is down`,
        description: `The ${rel.mode} standby ${g} of ${rel.gateway} is down while ${rel.gateway} runs: the next failure of ${rel.gateway} is an outage. Repair ${g}.`,
        test: {
          series: [
            { series: upOf(g), values: values(1, 0, forS) },
            { series: upOf(rel.gateway), values: values(1, 1, forS) },
          ],
          healthyAt: duration(FAIL_START_S - STEP_S),
          firingAt: firingAt(forS),
          expLabels: [],
        },
      });
    }
    if (!pureStandby) {
      for (const t of record.trunks) {
        const forS = 120;
        const sel = `rbc_trunk_up{gateway="${g}",trunk="${t.id}"}`;
        const registered = t.kind === 'sip' && t.registrar !== null;
        alerts.push({
          name: registered ? 'RbcTrunkRegistrationLost' : 'RbcTrunkDown',
          expr: `${sel} == 0`,
          for: duration(forS),
          labels: [{ key: 'severity', value: t.emergency.capable ? 'critical' : 'warning' }, ...base, { key: 'gateway', value: g }, { key: 'trunk', value: t.id }],
          summary: registered ? `Trunk ${t.id} is not registered at ${g}` : `Trunk ${t.id} is down at ${g}`,
          description: `Trunk ${t.id} (${t.provider}, ${t.kind}) of gateway ${g} is down${t.emergency.capable ? '; it carries emergency calls' : ''}. Calls use the other trunks; call the provider as the runbook of ${site} says.`,
          test: { series: [{ series: sel, values: values(1, 0, forS) }], healthyAt: duration(FAIL_START_S - STEP_S), firingAt: firingAt(forS), expLabels: [] },
        });
      }
    }
    for (const psu of record.power) {
      if (psu.kind !== 'ups' || record.placement.type !== 'site') continue;
      const upsLabels = [...base, { key: 'ups', value: psu.source }];
      const sel = (metric: string) => `${metric}{site="${site}",ups="${psu.source}"}`;
      alerts.push({
        name: 'RbcUpsOnBattery',
        expr: `${sel('upsOutputSource')} == ${UPS_ON_BATTERY}`,
        for: duration(30),
        labels: [{ key: 'severity', value: 'warning' }, ...upsLabels],
        summary: `UPS ${psu.source} at ${site} runs on battery`,
        description: `UPS ${psu.source} at ${site} lost its mains input and runs on battery (autonomy ${psu.autonomyMinutes} min when full); it powers ${g}.`,
        test: { series: [{ series: sel('upsOutputSource'), values: values(3, UPS_ON_BATTERY, 30) }], healthyAt: duration(FAIL_START_S - STEP_S), firingAt: firingAt(30), expLabels: [] },
      });
      const autonomy = psu.autonomyMinutes ?? 0;
      const low = Math.min(autonomy, Math.max(5, Math.round(autonomy / 4)));
      if (low > 0) {
        alerts.push({
          name: 'RbcUpsLowAutonomy',
          expr: `${sel('upsEstimatedMinutesRemaining')} < ${low}`,
          for: duration(60),
          labels: [{ key: 'severity', value: 'critical' }, ...upsLabels],
          summary: `UPS ${psu.source} at ${site} has less than ${low} min of battery left`,
          description: `UPS ${psu.source} at ${site} will run out in less than ${low} min; ${g} goes down with it unless mains or the generator return. Follow the power section of the runbook of ${site}.`,
          test: { series: [{ series: sel('upsEstimatedMinutesRemaining'), values: values(autonomy, Math.max(0, low - 1), 60) }], healthyAt: duration(FAIL_START_S - STEP_S), firingAt: firingAt(60), expLabels: [] },
        });
      }
    }
    {
      const sel = `probe_success{job="${JOB_SIP_PROBE}",gateway="${g}"}`;
      alerts.push({
        name: 'RbcHealthCheckFailing',
        expr: `${sel} == 0`,
        for: duration(detectS),
        labels: [{ key: 'severity', value: pureStandby ? 'warning' : 'critical' }, ...base, { key: 'gateway', value: g }],
        summary: `The SIP health check of ${g} fails`,
        description: `Gateway ${g} does not answer SIP OPTIONS with 200 although it may still be reachable: its telephony service is down or overloaded.`,
        test: { series: [{ series: sel, values: values(1, 0, detectS) }], healthyAt: duration(FAIL_START_S - STEP_S), firingAt: firingAt(detectS), expLabels: [] },
      });
    }
    if (record.monitoring.configChangeLogging) {
      const sel = `rbc_config_checksum{gateway="${g}"}`;
      alerts.push({
        name: 'RbcConfigChanged',
        expr: `changes(${sel}[15m]) > 0`,
        for: duration(0),
        labels: [{ key: 'severity', value: 'info' }, ...base, { key: 'gateway', value: g }],
        summary: `The configuration of ${g} changed`,
        description: `The configuration checksum of ${g} changed in the last 15 min. Check that the change was planned and that the standby got it too.`,
        test: { series: [{ series: sel, values: values(1, 2, 0) }], healthyAt: duration(FAIL_START_S - STEP_S), firingAt: firingAt(0), expLabels: [] },
      });
    }
    // The alert carries the rule's labels plus those of the series it fires on (first series).
    const withExp = alerts.map((a) => ({ ...a, test: { ...a.test, expLabels: mergeLabels(seriesLabels(a.test.series[0]!.series), a.labels) } }));
    const view: PrometheusView = {
      id: g,
      deployment: record.deployment,
      group: `rbc-${g}`,
      rulesFile: 'rules.yml',
      evaluationInterval: duration(STEP_S),
      alerts: withExp,
    };
    return { view };
  },
};

function seriesLabels(series: string): { key: string; value: string }[] {
  const body = /\{(.*)\}/.exec(series)?.[1] ?? '';
  return body === '' ? [] : body.split(',').map((kv) => {
    const [key, value] = kv.split('=');
    return { key: key!, value: value!.replace(/^"|"$/g, '') };
  });
}

function mergeLabels(a: readonly { key: string; value: string }[], b: readonly { key: string; value: string }[]): { key: string; value: string }[] {
  const m = new Map<string, string>();
  for (const l of [...a, ...b]) m.set(l.key, l.value);
  return [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([key, value]) => ({ key, value }));
}
