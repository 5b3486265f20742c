// kamailio: a SIP edge (SBC) in front of the gateways serving its sites. The dispatcher module
// sends each new call to the live gateway with the highest priority (algorithm 8), probes every
// gateway with OPTIONS (only a 200 counts as alive) and, when a gateway does not answer a call,
// marks it dead and tries the next one. Emergency numbers go to a second set holding only the
// gateways that terminate an emergency-capable trunk valid for the edge's sites.
import type { Dialect, DialectContext, DialectView } from './dialect.js';
import type { DeviceRecord } from './record.js';
import { isIpv6Address, numberIn } from './safe.js';
import { guarded } from './templates.js';

/** Transaction timer: a gateway that sends no reply at all within it is treated as dead. */
export const KAMAILIO_FR_TIMER_MS = 1000;
/** How long a ringing call may wait for an answer. */
export const KAMAILIO_FR_INV_TIMER_MS = 120_000;
/** Successful probes before a dead gateway takes calls again (avoids flapping). */
export const KAMAILIO_INACTIVE_THRESHOLD = 2;

export const SET_CALLS = 1;
export const SET_EMERGENCY = 2;

const hostPart = (host: string) => (isIpv6Address(host) ? `[${host}]` : host);

export interface KamailioView {
  readonly id: string;
  readonly deployment: string;
  readonly sites: readonly string[];
  readonly tunables: {
    readonly listen: string;
    /** Listen sockets on the virtual IPs of the edge's VRRP pairs (needs net.ipv4.ip_nonlocal_bind=1). */
    readonly listenVirtual: readonly { readonly name: string; readonly socket: string }[];
    readonly ctlSocket: string;
    readonly dispatcherList: string;
    readonly pingInterval: number;
    readonly probingThreshold: number;
    readonly inactiveThreshold: number;
    readonly frTimer: number;
    readonly frInvTimer: number;
    readonly pingFrom: string;
  };
  readonly sets: { readonly calls: number; readonly emergency: number };
  readonly emergencyNumbers: readonly string[];
  readonly emergencyRouted: boolean;
  readonly destinations: readonly { readonly set: number; readonly uri: string; readonly flags: number; readonly priority: number; readonly gateway: string; readonly role: string }[];
  /** The detection window the analysis predicts with (probe interval x threshold), in seconds. */
  readonly detectionSeconds: number;
}

export const kamailioDialect: Dialect = {
  id: 'kamailio',
  description: 'SIP edge / SBC (kamailio 5.x): dispatcher failover to the gateways of its sites',
  templates: [
    { template: 'kamailio.cfg.hbs', output: 'kamailio/kamailio.cfg' },
    { template: 'dispatcher.list.hbs', output: 'kamailio/dispatcher.list' },
  ],
  helpers: {
    /** A bare token for #!define values and listen addresses. */
    ktoken: guarded('ktoken', /^[A-Za-z0-9._:/@[\]-]{1,255}$/, 'a kamailio token'),
    /** A double-quoted kamailio string without $ (pseudo-variables), quotes, backslashes or #. */
    kstr: guarded('kstr', /^[A-Za-z0-9._:/@[\]=;,+ -]{0,255}$/, 'a safe kamailio string', (s) => `"${s}"`),
    /** Digits, e.g. an emergency number inside a regular expression. */
    kdigits: guarded('kdigits', /^[0-9]{1,15}$/, 'digits'),
    /** A SIP URI of a dispatcher destination. */
    sipuri: guarded('sipuri', /^sip:(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:]{2,39}\]):[0-9]{1,5}$/, 'a sip:host:port URI'),
  },
  view(record: DeviceRecord, { topo, checker }: DialectContext): DialectView {
    const edge = record.edge;
    if (!edge || edge.destinations.length === 0) {
      return {
        notApplicable: `no gateway serves its site${edge && edge.sites.length === 1 ? '' : 's'} ${edge?.sites.join(', ') || '(none)'} for it to route to`,
        hint: 'List the sites it fronts in serves, or remove kamailio from its configs',
      };
    }
    const gateway = topo.gatewayById.get(record.id)!;
    const probe = topo.edgeProbe(topo.edgeChain(gateway));
    const at = probe.source ? `${probe.source.member.gateway.path}/standbyFor/${probe.source.relation.gateway}/detection` : `${record.path}/standbyFor`;
    const mark = checker.mark();
    checker.check(probe.probeIntervalSeconds, numberIn(1, 3600, 'seconds', true), `${at}/probeIntervalSeconds`, 'kamailio');
    if (checker.failedSince(mark)) return undefined;

    const destinations = [
      ...edge.destinations.map((d) => ({ set: SET_CALLS, d })),
      ...edge.destinations.filter((d) => d.emergency).map((d) => ({ set: SET_EMERGENCY, d })),
    ].map(({ set, d }) => ({ set, uri: `sip:${hostPart(d.address)}:${d.sipPort}`, flags: 0, priority: d.priority, gateway: d.gateway, role: d.role }));
    const virtuals = topo
      .vrrpPairs(gateway)
      .flatMap((p) => (p.relation.vrrp?.virtualIp ? [p.relation.vrrp.virtualIp.replace(/\/.*$/, '')] : []))
      .filter((ip, i, all) => all.indexOf(ip) === i);
    const address = record.network.address;
    const listenHost = address === null ? '0.0.0.0' : hostPart(address);
    const view: KamailioView = {
      id: record.id,
      deployment: record.deployment,
      sites: edge.sites,
      tunables: {
        listen: `udp:${listenHost}:${record.network.sipPort}`,
        listenVirtual: address === null ? [] : virtuals.map((ip, i) => ({ name: `LISTEN_VIRTUAL${i === 0 ? '' : `_${i + 1}`}`, socket: `udp:${ip}:${record.network.sipPort}` })),
        ctlSocket: 'unix:/run/kamailio/kamailio_ctl',
        dispatcherList: '/etc/kamailio/dispatcher.list',
        pingInterval: probe.probeIntervalSeconds,
        probingThreshold: probe.failureThreshold,
        inactiveThreshold: KAMAILIO_INACTIVE_THRESHOLD,
        frTimer: Math.min(KAMAILIO_FR_TIMER_MS, probe.probeIntervalSeconds * probe.failureThreshold * 1000),
        frInvTimer: KAMAILIO_FR_INV_TIMER_MS,
        pingFrom: `sip:${record.id}@localhost`,
      },
      sets: { calls: SET_CALLS, emergency: edge.emergencyRouted ? SET_EMERGENCY : SET_CALLS },
      emergencyNumbers: edge.emergencyNumbers,
      emergencyRouted: edge.emergencyRouted,
      destinations,
      detectionSeconds: probe.probeIntervalSeconds * probe.failureThreshold,
    };
    return { view };
  },
};
