// Virtualization at a site: hosts and the clusters that move VMs between them.
import type { Construct } from 'constructs';
import type { FireZone, Room } from './building.js';
import type { PowerOutlet } from './power.js';
import { KIND, compact, idOf, idsOf, kindOf } from './private/base.js';
import { SiteElement } from './private/site-element.js';
import type { BVmCluster, BVmHost, RenderContext } from './private/synth.js';

export interface VmHostProps {
  /** Room the host is in. @default none (give fireZone, or nothing at a site with one fire zone) */
  readonly room?: Room;
  /** Fire zone the host is in (if no room is given). @default the room's fire zone */
  readonly fireZone?: FireZone;
  /** Power sources of the host's power supplies. @default one PSU on the site's first UPS, else its first feed */
  readonly psus?: readonly PowerOutlet[];
}

/** A virtualization host. */
export class VmHost extends SiteElement {
  static isVmHost(x: unknown): x is VmHost {
    return kindOf(x) === 'vm-host';
  }

  readonly [KIND] = 'vm-host' as const;

  constructor(scope: Construct, id: string, readonly props: VmHostProps = {}) {
    super(scope, id, 'Virtualization host', 'vm-hosts');
    this.node.addValidation({
      validate: () => [
        ...this.local('room', props.room, ['room']),
        ...this.local('fireZone', props.fireZone, ['fire-zone']),
        ...this.locals('psus', props.psus, ['feed', 'ups']),
      ],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BVmHost {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, room: idOf(p.room), fireZone: idOf(p.fireZone), psus: idsOf(p.psus) });
  }
}

export interface VmClusterProps {
  /** Hosts of the cluster. */
  readonly hosts: readonly VmHost[];
  /** `ha`: a VM restarts on another host; `ft`: a shadow VM takes over at once; `none`: no failover. */
  readonly mode: 'none' | 'ha' | 'ft';
  /** Seconds HA needs to restart a VM on another host. @default 120 (0 for ft) */
  readonly restartSeconds?: number;
}

/** A cluster of virtualization hosts (VMware HA/FT, Hyper-V failover cluster). */
export class VmCluster extends SiteElement {
  static isVmCluster(x: unknown): x is VmCluster {
    return kindOf(x) === 'vm-cluster';
  }

  readonly [KIND] = 'vm-cluster' as const;

  constructor(scope: Construct, id: string, readonly props: VmClusterProps) {
    super(scope, id, 'Virtualization cluster', 'vm-clusters');
    this.node.addValidation({ validate: () => this.locals('hosts', props.hosts, ['vm-host']) });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BVmCluster {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, hosts: idsOf(p.hosts) ?? [], mode: p.mode, restartSeconds: p.restartSeconds });
  }
}
