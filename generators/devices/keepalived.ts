// keepalived: VRRP (version 3) for a hot-standby pair on one LAN whose detection mechanism is
// `vrrp`. Both members get one vrrp_instance per pair with the pair's virtual IP, interface and
// router id; the primary gets VRRP_MASTER_PRIORITY, the standby VRRP_BACKUP_PRIORITY and the
// advert interval is the relation's probe interval, so the backup takes over after
// vrrpMasterDownSeconds(advert, backup priority) exactly as the analysis predicts. A track
// script sends the member's own SIP service an OPTIONS; when it fails `fall` times in a row the
// member leaves MASTER. A notify script logs every transition to syslog.
import { VRRP_BACKUP_PRIORITY, VRRP_MASTER_PRIORITY, vrrpMasterDownSeconds } from '../../analysis/switchover.js';
import type { Dialect, DialectContext, DialectView } from './dialect.js';
import type { DeviceRecord } from './record.js';
import { Kinds, type ValueKind } from './safe.js';
import { guarded } from './templates.js';

/** Where the scripts are installed on the device (beside keepalived.conf). */
export const KEEPALIVED_DIR = '/etc/keepalived';

const ADVERT: ValueKind = {
  description: 'a VRRPv3 advert interval from 0.01 to 40.95 s in steps of 0.01 s',
  test: (v) => typeof v === 'number' && v >= 0.01 && v <= 40.95 && Math.abs(v * 100 - Math.round(v * 100)) < 1e-9,
};

export interface KeepalivedInstance {
  readonly name: string;
  readonly primary: string;
  readonly standby: string;
  /** This device's side of the pair. */
  readonly side: 'primary' | 'standby';
  readonly peer: string;
  readonly priority: number;
  readonly vrid: number;
  readonly interface: string;
  readonly advertInt: number;
  readonly virtualIp: string;
  /** When the backup takes over after the master stops advertising (the analysis' figure). */
  readonly masterDownSeconds: number;
}

export interface KeepalivedView {
  readonly id: string;
  readonly deployment: string;
  readonly checkScript: string;
  readonly notifyScript: string;
  readonly check: { readonly host: string; readonly port: number; readonly interval: number; readonly timeout: number; readonly fall: number; readonly rise: number };
  readonly instances: readonly KeepalivedInstance[];
}

export const keepalivedDialect: Dialect = {
  id: 'keepalived',
  description: 'VRRP hot-standby pairs (keepalived 2.x): virtual IP, priorities, SIP track script, transition log',
  templates: [
    { template: 'keepalived.conf.hbs', output: 'keepalived/keepalived.conf' },
    { template: 'rbc-check-sip.pl.hbs', output: 'keepalived/rbc-check-sip.pl' },
    { template: 'rbc-notify.sh.hbs', output: 'keepalived/rbc-notify.sh' },
  ],
  helpers: {
    /** A bare keepalived word: interface, address, router id. */
    katoken: guarded('katoken', /^[A-Za-z0-9._/:-]{1,255}$/, 'a keepalived word'),
    /** A double-quoted keepalived string (script paths with arguments). */
    kastr: guarded('kastr', /^[A-Za-z0-9._/: -]{1,255}$/, 'a safe keepalived string', (s) => `"${s}"`),
    /** A single-quoted Perl string. */
    plstr: guarded('plstr', /^[A-Za-z0-9._:-]{1,255}$/, 'a safe Perl string', (s) => `'${s}'`),
    /** A word that needs no quoting in a POSIX shell. */
    shword: guarded('shword', /^[A-Za-z0-9._:/@-]{1,255}$/, 'a safe shell word'),
  },
  view(record: DeviceRecord, { topo, checker }: DialectContext): DialectView {
    const g = topo.gatewayById.get(record.id)!;
    const pairs = topo.vrrpPairs(g);
    if (pairs.length === 0) {
      return { notApplicable: 'it is in no hot-standby pair with detection mechanism vrrp', hint: 'Give the pair detection: { mechanism: vrrp } and vrrp: { virtualIp }, or remove keepalived from its configs' };
    }
    const mark = checker.mark();
    const instances = pairs.map((p): KeepalivedInstance | null => {
      const at = `${p.standbyPath}/standbyFor/${p.primary}`;
      const vrrp = p.relation.vrrp ?? null;
      const advert = checker.check(p.relation.detection.probeIntervalSeconds, ADVERT, `${at}/detection/probeIntervalSeconds`, 'keepalived');
      const vip = checker.check(vrrp?.virtualIp ?? null, Kinds.virtualIp, `${at}/vrrp/virtualIp`, 'keepalived');
      const iface = checker.check(vrrp?.interface ?? null, Kinds.interface, `${at}/vrrp/interface`, 'keepalived');
      const vrid = checker.check(vrrp?.vrid ?? null, Kinds.vrid, `${at}/vrrp/vrid`, 'keepalived');
      if (advert === undefined || !vip || !iface || !vrid) return null;
      const side = p.primary === g.id ? 'primary' : 'standby';
      return {
        name: `rbc-${p.primary}-${p.standby}`,
        primary: p.primary,
        standby: p.standby,
        side,
        peer: side === 'primary' ? p.standby : p.primary,
        priority: side === 'primary' ? VRRP_MASTER_PRIORITY : VRRP_BACKUP_PRIORITY,
        vrid,
        interface: iface,
        advertInt: advert,
        virtualIp: vip,
        masterDownSeconds: Math.round(vrrpMasterDownSeconds(advert, VRRP_BACKUP_PRIORITY) * 1000) / 1000,
      };
    });
    if (checker.failedSince(mark)) return undefined;
    const fastest = Math.min(...pairs.map((p) => p.relation.detection.probeIntervalSeconds));
    const view: KeepalivedView = {
      id: record.id,
      deployment: record.deployment,
      checkScript: `${KEEPALIVED_DIR}/rbc-check-sip.pl`,
      notifyScript: `${KEEPALIVED_DIR}/rbc-notify.sh`,
      check: {
        host: record.network.address ?? '127.0.0.1',
        port: record.network.sipPort,
        // keepalived runs track scripts every whole second at best; VRRP itself detects a dead
        // device, the script a dead SIP service on a live device.
        interval: Math.max(1, Math.ceil(fastest)),
        timeout: 1,
        fall: 3,
        rise: 2,
      },
      instances: instances as KeepalivedInstance[],
    };
    return { view };
  },
};
