// How failures are noticed: SNMP, alert e-mail, syslog, configuration-change logging.
import type { Construct } from 'constructs';
import { KIND, RbcConstruct, compact, kindOf, list, requireEnclosing, singletonErrors } from './private/base.js';
import type { BMonitoring, RenderContext } from './private/synth.js';

/** SNMP polling (SNMPv3 only). */
export interface SnmpProps {
  /** SNMP version; only v3 is supported. @default 'v3' */
  readonly version?: 'v3';
  /** Reference to the SNMPv3 credentials, never their value: `aws-sm:NAME`, `ssm:/PATH` or `env:NAME`. */
  readonly credentials: string;
  /** SNMP manager: host name, IPv4 or IPv6 address. */
  readonly manager: string;
}

/** Remote syslog. */
export interface SyslogProps {
  /** Syslog server: host name, IPv4 or IPv6 address. */
  readonly host: string;
  /** UDP/TCP port. @default 514 */
  readonly port?: number;
}

export interface MonitoringProps {
  /** SNMP polling. @default none */
  readonly snmp?: SnmpProps;
  /** Where alerts are mailed. @default the on-call contacts' e-mails */
  readonly alertEmails?: readonly string[];
  /** Remote syslog. @default none */
  readonly syslog?: SyslogProps;
  /** Whether configuration changes are logged and alerted. @default false */
  readonly configChangeLogging?: boolean;
  /** Whether Prometheus alert rules are generated. @default true */
  readonly prometheus?: boolean;
}

/** How failures are noticed. One per deployment. */
export class Monitoring extends RbcConstruct {
  static isMonitoring(x: unknown): x is Monitoring {
    return kindOf(x) === 'monitoring';
  }

  readonly [KIND] = 'monitoring' as const;
  /** Findings are never on the monitoring itself. */
  readonly modelPath = undefined;

  constructor(scope: Construct, id: string, readonly props: MonitoringProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Monitoring '${id}'`);
    this.node.addValidation({ validate: () => singletonErrors(this, 'monitoring') });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BMonitoring {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      snmp: p.snmp ? compact({ version: p.snmp.version, credentials: p.snmp.credentials, manager: p.snmp.manager }) : undefined,
      alertEmails: list(p.alertEmails),
      syslog: p.syslog ? compact({ host: p.syslog.host, port: p.syslog.port }) : undefined,
      configChangeLogging: p.configChangeLogging,
      prometheus: p.prometheus,
    });
  }
}
