// How a site connects: supply lines (cable entries), uplinks and public number blocks.
import type { Construct } from 'constructs';
import type { Building, FireZone } from './building.js';
import type { PowerOutlet } from './power.js';
import type { Provider } from './provider.js';
import { KIND, checkRef, compact, idOf, kindOf, type Ref } from './private/base.js';
import { SiteElement } from './private/site-element.js';
import type { BNumberBlock, BSupplyLine, BUplink, RenderContext } from './private/synth.js';

export interface SupplyLineProps {
  /** Name. @default the id */
  readonly name?: string;
  /** Building the cable enters. */
  readonly building: Building;
  /** Physical route, e.g. "north duct, Karlstrasse". @default none */
  readonly route?: string;
}

/** A physical cable entry into a building: a dredger cuts every cable in it. */
export class SupplyLine extends SiteElement {
  static isSupplyLine(x: unknown): x is SupplyLine {
    return kindOf(x) === 'supply-line';
  }

  readonly [KIND] = 'supply-line' as const;

  constructor(scope: Construct, id: string, readonly props: SupplyLineProps) {
    super(scope, id, 'Supply line', 'supply-lines');
    this.node.addValidation({ validate: () => this.local('building', props.building, ['building'], true) });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BSupplyLine {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, name: p.name, building: idOf(p.building)!, route: p.route });
  }
}

export interface UplinkProps {
  /** Internet or WAN provider (the construct or its id). */
  readonly provider: Ref<Provider>;
  /** Supply line the uplink runs through. @default none (radio) */
  readonly supplyLine?: SupplyLine;
  /** Kind of uplink. @default 'internet' */
  readonly kind?: 'internet' | 'mpls' | 'lte';
  /** Whether a site-to-site VPN to the cloud runs over this uplink. @default true when the deployment has a cloud */
  readonly vpn?: boolean;
  /** Public address of the router: host name, IPv4 or IPv6 address. @default none */
  readonly publicIp?: string;
  /** IPv4 network of the site behind the uplink, in CIDR notation, e.g. 203.0.113.0/24. @default none */
  readonly cidr?: string;
  /** Fire zone of the router. @default none */
  readonly fireZone?: FireZone;
  /** Power source of the router. @default the site's power in general */
  readonly power?: PowerOutlet;
}

/** A WAN/internet connection of a site. */
export class Uplink extends SiteElement {
  static isUplink(x: unknown): x is Uplink {
    return kindOf(x) === 'uplink';
  }

  readonly [KIND] = 'uplink' as const;

  constructor(scope: Construct, id: string, readonly props: UplinkProps) {
    super(scope, id, 'Uplink', 'uplinks');
    this.node.addValidation({
      validate: () => [
        ...checkRef(this, props.provider, { field: 'provider', kinds: ['provider'] }),
        ...this.local('supplyLine', props.supplyLine, ['supply-line']),
        ...this.local('fireZone', props.fireZone, ['fire-zone']),
        ...this.local('power', props.power, ['feed', 'ups']),
      ],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BUplink {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      id: this.node.id,
      provider: idOf(p.provider)!,
      supplyLine: idOf(p.supplyLine),
      kind: p.kind,
      vpn: p.vpn,
      publicIp: p.publicIp,
      cidr: p.cidr,
      fireZone: idOf(p.fireZone),
      power: idOf(p.power),
    });
  }
}

export interface NumberBlockProps {
  /** E.164 prefix and optional extension range, e.g. +49731400-0 or +4973140000. */
  readonly range: string;
  /** Carrier that owns and routes the block (the construct or its id). */
  readonly provider: Ref<Provider>;
}

/** A block of public telephone numbers. */
export class NumberBlock extends SiteElement {
  static isNumberBlock(x: unknown): x is NumberBlock {
    return kindOf(x) === 'number-block';
  }

  readonly [KIND] = 'number-block' as const;

  constructor(scope: Construct, id: string, readonly props: NumberBlockProps) {
    super(scope, id, 'Number block', 'number-blocks');
    this.node.addValidation({ validate: () => checkRef(this, props.provider, { field: 'provider', kinds: ['provider'] }) });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BNumberBlock {
    ctx.pointers.record(pointer, this);
    return compact({ id: this.node.id, range: this.props.range, provider: idOf(this.props.provider)! });
  }
}
