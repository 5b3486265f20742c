// A site and the constructs that describe it: buildings with fire zones, rooms, cooling, power,
// PoE switches, supply lines, uplinks, number blocks, virtualization and emergency calling.
import type { Construct, IConstruct } from 'constructs';
import { Building, CoolingUnit, Room, type BuildingProps, type CoolingUnitProps, type RoomProps } from './building.js';
import { renderOnCall, type OnCallProps } from './common.js';
import { NumberBlock, SupplyLine, Uplink, type NumberBlockProps, type SupplyLineProps, type UplinkProps } from './connectivity.js';
import { EmergencyNotification, type EmergencyNotificationProps, type SiteEmergencyProps } from './emergency.js';
import { Feed, Generator, PoeSwitch, Ups, type FeedProps, type GeneratorProps, type PoeSwitchProps, type UpsProps } from './power.js';
import { KIND, RbcConstruct, compact, enclosing, kindOf, requireEnclosing, type ConstructKind } from './private/base.js';
import type { BSite, BSiteEmergency, RenderContext, SitePartFragments } from './private/synth.js';
import { VmCluster, VmHost, type VmClusterProps, type VmHostProps } from './virtualization.js';

export interface SiteProps {
  /** Site name. */
  readonly name: string;
  /** Role of the site. */
  readonly role: 'headquarters' | 'branch' | 'datacenter';
  /** Users (phones) at the site. */
  readonly users: number;
  /** Emergency numbers, the dispatchable location and test-call permission. @default no location (a warning: emergency calls cannot be dispatched), numbers ['112'] */
  readonly emergency?: SiteEmergencyProps;
  /** The site's own on-call. @default the deployment's on-call */
  readonly onCall?: OnCallProps;
}

/** Id of the one emergency notification construct of a site. */
const NOTIFICATION_ID = 'emergency-notification';

/**
 * A site: headquarters, branch or data centre. Its parts are constructs created inside it
 * (directly, with the `add*` methods, or in any construct nested in the site); their ids are
 * unique within the site. Gateways and trunks created inside a site are placed at it.
 */
export class Site extends RbcConstruct {
  static isSite(x: unknown): x is Site {
    return kindOf(x) === 'site';
  }

  readonly [KIND] = 'site' as const;
  readonly modelPath: string;

  constructor(scope: Construct, id: string, readonly props: SiteProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Site '${id}'`);
    const outer = enclosing(this, 'site');
    if (outer) throw new Error(`[${this.node.path}] Site '${id}' cannot be created inside site '${outer.node.id}'`);
    this.modelPath = `sites/${this.node.id}`;
  }

  /** Adds a building; give it fire zones with `building.addFireZone(...)`. */
  addBuilding(id: string, props: BuildingProps = {}): Building {
    return new Building(this, id, props);
  }

  /** Adds a room holding equipment. */
  addRoom(id: string, props: RoomProps): Room {
    return new Room(this, id, props);
  }

  /** Adds an air-conditioning unit. */
  addCoolingUnit(id: string, props: CoolingUnitProps = {}): CoolingUnit {
    return new CoolingUnit(this, id, props);
  }

  /** Adds a mains feed. */
  addFeed(id: string, props: FeedProps = {}): Feed {
    return new Feed(this, id, props);
  }

  /** Adds an uninterruptible power supply. */
  addUps(id: string, props: UpsProps): Ups {
    return new Ups(this, id, props);
  }

  /** Adds a standby power generator. */
  addGenerator(id: string, props: GeneratorProps): Generator {
    return new Generator(this, id, props);
  }

  /** Adds a switch that powers phones over Ethernet. */
  addPoeSwitch(id: string, props: PoeSwitchProps): PoeSwitch {
    return new PoeSwitch(this, id, props);
  }

  /** Adds a physical cable entry into a building. */
  addSupplyLine(id: string, props: SupplyLineProps): SupplyLine {
    return new SupplyLine(this, id, props);
  }

  /** Adds a WAN/internet uplink. */
  addUplink(id: string, props: UplinkProps): Uplink {
    return new Uplink(this, id, props);
  }

  /** Adds a block of public telephone numbers. */
  addNumberBlock(id: string, props: NumberBlockProps): NumberBlock {
    return new NumberBlock(this, id, props);
  }

  /** Adds a virtualization host. */
  addVmHost(id: string, props: VmHostProps = {}): VmHost {
    return new VmHost(this, id, props);
  }

  /** Adds a virtualization cluster. */
  addVmCluster(id: string, props: VmClusterProps): VmCluster {
    return new VmCluster(this, id, props);
  }

  /** Sets the desk told of every emergency call (once per site; the construct id is `emergency-notification`). */
  addEmergencyNotification(props: EmergencyNotificationProps): EmergencyNotification {
    return new EmergencyNotification(this, NOTIFICATION_ID, props);
  }

  /** The parts of this site of one kind, in the order they were created. */
  private parts<T extends IConstruct>(kind: ConstructKind): T[] {
    return this.node.findAll().filter((c): c is T => kindOf(c) === kind && enclosing(c, 'site') === this);
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BSite {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    const render = <K extends keyof SitePartFragments>(kind: K, at: string): SitePartFragments[K][] | undefined => {
      const items = this.parts<IConstruct & { _render(ctx: RenderContext, pointer: string): SitePartFragments[K] }>(kind);
      return items.length === 0 ? undefined : items.map((c, i) => c._render(ctx, `${pointer}/${at}/${i}`));
    };
    const hosts = render('vm-host', 'virtualization/hosts');
    const clusters = render('vm-cluster', 'virtualization/clusters');
    return compact({
      id: this.node.id,
      name: p.name,
      role: p.role,
      users: p.users,
      emergency: renderEmergency(ctx, `${pointer}/emergency`, p.emergency, this.parts<EmergencyNotification>('emergency-notification')[0]),
      onCall: p.onCall ? renderOnCall(p.onCall) : undefined,
      buildings: render('building', 'buildings') ?? [],
      rooms: render('room', 'rooms'),
      cooling: render('cooling-unit', 'cooling'),
      power: compact({
        feeds: render('feed', 'power/feeds') ?? [],
        ups: render('ups', 'power/ups'),
        generators: render('generator', 'power/generators'),
      }),
      poeSwitches: render('poe-switch', 'poeSwitches'),
      supplyLines: render('supply-line', 'supplyLines'),
      uplinks: render('uplink', 'uplinks'),
      numberBlocks: render('number-block', 'numberBlocks'),
      virtualization: hosts || clusters ? { hosts: hosts ?? [], clusters: clusters ?? [] } : undefined,
    });
  }
}

/** The site's emergency section: props plus the notification construct. */
function renderEmergency(
  ctx: RenderContext,
  pointer: string,
  props: SiteEmergencyProps | undefined,
  notification: EmergencyNotification | undefined,
): BSiteEmergency | undefined {
  if (!props && !notification) return undefined;
  if (notification) ctx.pointers.record(`${pointer}/notification`, notification);
  const loc = props?.location;
  return compact({
    numbers: props?.numbers ? [...props.numbers] : undefined,
    location: loc
      ? compact({ street: loc.street, postalCode: loc.postalCode, city: loc.city, country: loc.country, area: loc.area, floor: loc.floor, room: loc.room })
      : (undefined as unknown as BSiteEmergency['location']),
    notification: notification?._render(),
    testCallsPermitted: props?.testCallsPermitted,
  });
}
