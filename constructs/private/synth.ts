// Synthesis support: the blueprint fragment types every construct renders, and the pointer map
// that tells which construct declared which part of the blueprint.
import type { IConstruct } from 'constructs';
import type { Location } from '../../diagnostics/index.js';
import type { Blueprint } from '../../schema/blueprint.js';

export type BDeployment = Blueprint['deployment'];
export type BOnCall = BDeployment['onCall'];
export type BContact = BOnCall['contacts'][number];
export type BProvider = Blueprint['providers'][number];
export type BSite = Blueprint['sites'][number];
export type BSiteEmergency = NonNullable<BSite['emergency']>;
export type BBuilding = BSite['buildings'][number];
export type BFireZone = BBuilding['fireZones'][number];
export type BRoom = NonNullable<BSite['rooms']>[number];
export type BCoolingUnit = NonNullable<BSite['cooling']>[number];
export type BFeed = BSite['power']['feeds'][number];
export type BUps = NonNullable<BSite['power']['ups']>[number];
export type BGenerator = NonNullable<BSite['power']['generators']>[number];
export type BPoeSwitch = NonNullable<BSite['poeSwitches']>[number];
export type BSupplyLine = NonNullable<BSite['supplyLines']>[number];
export type BUplink = NonNullable<BSite['uplinks']>[number];
export type BNumberBlock = NonNullable<BSite['numberBlocks']>[number];
export type BVirtualization = NonNullable<BSite['virtualization']>;
export type BVmHost = BVirtualization['hosts'][number];
export type BVmCluster = BVirtualization['clusters'][number];
export type BGateway = Blueprint['gateways'][number];
export type BStandbyOf = NonNullable<BGateway['standbyFor']>[number];
export type BTrunk = NonNullable<Blueprint['trunks']>[number];
export type BService = NonNullable<Blueprint['services']>[number];
export type BPolicy = NonNullable<Blueprint['policies']>[number];
export type BMonitoring = NonNullable<Blueprint['monitoring']>;
export type BCloud = NonNullable<Blueprint['cloud']>;
export type BAcknowledgement = NonNullable<Blueprint['acknowledgements']>[number];

/** The blueprint fragment each kind of site part renders into. */
export interface SitePartFragments {
  building: BBuilding;
  room: BRoom;
  'cooling-unit': BCoolingUnit;
  feed: BFeed;
  ups: BUps;
  generator: BGenerator;
  'poe-switch': BPoeSwitch;
  'supply-line': BSupplyLine;
  uplink: BUplink;
  'number-block': BNumberBlock;
  'vm-host': BVmHost;
  'vm-cluster': BVmCluster;
}

/** Records which construct declared each part of the blueprint, by JSON pointer. */
export class PointerMap {
  private readonly paths = new Map<string, string>();

  constructor(private readonly rootPath: string) {}

  /** `construct` declared the blueprint value at `pointer` (and everything under it). */
  record(pointer: string, construct: IConstruct): void {
    this.paths.set(pointer, construct.node.path);
  }

  /**
   * The construct path of the innermost recorded pointer that contains `pointer`;
   * a `#key` suffix (the key rather than the value) is ignored.
   */
  locate(pointer: string): Location {
    let p = pointer.replace(/#.*$/, '');
    for (;;) {
      const path = this.paths.get(p);
      if (path !== undefined) return { path };
      if (p === '') return { path: this.rootPath };
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }
}

/** What a construct gets while rendering itself into the blueprint. */
export interface RenderContext {
  readonly pointers: PointerMap;
}
