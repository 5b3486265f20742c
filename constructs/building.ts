// Buildings, their fire zones, rooms and the cooling of the rooms.
import type { Construct } from 'constructs';
import { KIND, compact, enclosing, idOf, idsOf, kindOf, requireEnclosing } from './private/base.js';
import { SiteElement } from './private/site-element.js';
import type { BBuilding, BCoolingUnit, BFireZone, BRoom, RenderContext } from './private/synth.js';

export interface BuildingProps {
  /** Name. @default the id */
  readonly name?: string;
}

/** A building of a site; it holds one or more fire zones. */
export class Building extends SiteElement {
  static isBuilding(x: unknown): x is Building {
    return kindOf(x) === 'building';
  }

  readonly [KIND] = 'building' as const;

  constructor(scope: Construct, id: string, readonly props: BuildingProps = {}) {
    super(scope, id, 'Building', 'buildings');
  }

  /** Adds a fire zone to this building. */
  addFireZone(id: string, props: FireZoneProps = {}): FireZone {
    return new FireZone(this, id, props);
  }

  /** The fire zones of this building, in the order they were created. */
  get fireZones(): FireZone[] {
    return this.node.findAll().filter((c): c is FireZone => kindOf(c) === 'fire-zone' && enclosing(c, 'building') === this);
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BBuilding {
    ctx.pointers.record(pointer, this);
    return compact({
      id: this.node.id,
      name: this.props.name,
      fireZones: this.fireZones.map((z, i) => z._render(ctx, `${pointer}/fireZones/${i}`)),
    });
  }
}

export interface FireZoneProps {
  /** Name. @default the id */
  readonly name?: string;
}

/** A fire compartment of a building: a fire or flood inside it does not spread to other zones. Fire zone ids are unique within the site. */
export class FireZone extends SiteElement {
  static isFireZone(x: unknown): x is FireZone {
    return kindOf(x) === 'fire-zone';
  }

  readonly [KIND] = 'fire-zone' as const;
  /** The building the zone is in. */
  readonly building: Building;

  constructor(scope: Construct, id: string, readonly props: FireZoneProps = {}) {
    super(scope, id, 'Fire zone', 'fire-zones');
    this.building = requireEnclosing(this, 'building', `Fire zone '${id}'`) as Building;
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BFireZone {
    ctx.pointers.record(pointer, this);
    return compact({ id: this.node.id, name: this.props.name });
  }
}

export interface RoomProps {
  /** Name. @default the id */
  readonly name?: string;
  /** Fire zone the room is in. */
  readonly fireZone: FireZone;
  /** Cooling units that cool this room; it overheats when all of them fail. @default [] (not cooled: no overheating domain) */
  readonly cooling?: readonly CoolingUnit[];
}

/** A room holding equipment. */
export class Room extends SiteElement {
  static isRoom(x: unknown): x is Room {
    return kindOf(x) === 'room';
  }

  readonly [KIND] = 'room' as const;

  constructor(scope: Construct, id: string, readonly props: RoomProps) {
    super(scope, id, 'Room', 'rooms');
    this.node.addValidation({
      validate: () => [...this.local('fireZone', props.fireZone, ['fire-zone'], true), ...this.locals('cooling', props.cooling, ['cooling-unit'])],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BRoom {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, name: p.name, fireZone: idOf(p.fireZone)!, cooling: idsOf(p.cooling) });
  }
}

export interface CoolingUnitProps {
  /** Name. @default the id */
  readonly name?: string;
}

/** An air-conditioning unit. */
export class CoolingUnit extends SiteElement {
  static isCoolingUnit(x: unknown): x is CoolingUnit {
    return kindOf(x) === 'cooling-unit';
  }

  readonly [KIND] = 'cooling-unit' as const;

  constructor(scope: Construct, id: string, readonly props: CoolingUnitProps = {}) {
    super(scope, id, 'Cooling unit', 'cooling');
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BCoolingUnit {
    ctx.pointers.record(pointer, this);
    return compact({ id: this.node.id, name: this.props.name });
  }
}
