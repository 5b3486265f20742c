// Power at a site: mains feeds, UPS units, generators, and the PoE switches that power the phones.
import type { Construct } from 'constructs';
import type { FireZone } from './building.js';
import { KIND, compact, idOf, idsOf, kindOf } from './private/base.js';
import { SiteElement } from './private/site-element.js';
import type { BFeed, BGenerator, BPoeSwitch, BUps, RenderContext } from './private/synth.js';

/** A power source a device can be plugged into: a mains feed or a UPS. */
export type PowerOutlet = Feed | Ups;

export interface FeedProps {
  /** Name. @default the id */
  readonly name?: string;
}

/** A mains feed. Power source ids (feeds, UPS units, generators) are unique within the site. */
export class Feed extends SiteElement {
  static isFeed(x: unknown): x is Feed {
    return kindOf(x) === 'feed';
  }

  readonly [KIND] = 'feed' as const;

  constructor(scope: Construct, id: string, readonly props: FeedProps = {}) {
    super(scope, id, 'Feed', 'power');
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BFeed {
    ctx.pointers.record(pointer, this);
    return compact({ id: this.node.id, name: this.props.name });
  }
}

export interface UpsProps {
  /** Name. @default the id */
  readonly name?: string;
  /** Minutes the UPS carries its load on battery. */
  readonly autonomyMinutes: number;
  /** Mains feeds (or generators) feeding the UPS. */
  readonly inputs: readonly (Feed | Generator)[];
  /** Generator that takes over before the battery runs out. @default none */
  readonly generator?: Generator;
  /** Fire zone the UPS stands in. @default none (not exposed to a zone fire) */
  readonly fireZone?: FireZone;
}

/** An uninterruptible power supply. */
export class Ups extends SiteElement {
  static isUps(x: unknown): x is Ups {
    return kindOf(x) === 'ups';
  }

  readonly [KIND] = 'ups' as const;

  constructor(scope: Construct, id: string, readonly props: UpsProps) {
    super(scope, id, 'UPS', 'power');
    this.node.addValidation({
      validate: () => [
        ...this.locals('inputs', props.inputs, ['feed', 'generator']),
        ...this.local('generator', props.generator, ['generator']),
        ...this.local('fireZone', props.fireZone, ['fire-zone']),
      ],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BUps {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      id: this.node.id,
      name: p.name,
      autonomyMinutes: p.autonomyMinutes,
      inputs: idsOf(p.inputs) ?? [],
      generator: idOf(p.generator),
      fireZone: idOf(p.fireZone),
    });
  }
}

export interface GeneratorProps {
  /** Name. @default the id */
  readonly name?: string;
  /** Hours the generator runs on its fuel. */
  readonly runtimeHours: number;
  /** Seconds until the generator carries the load. @default 30 */
  readonly startSeconds?: number;
}

/** A standby power generator. */
export class Generator extends SiteElement {
  static isGenerator(x: unknown): x is Generator {
    return kindOf(x) === 'generator';
  }

  readonly [KIND] = 'generator' as const;

  constructor(scope: Construct, id: string, readonly props: GeneratorProps) {
    super(scope, id, 'Generator', 'power');
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BGenerator {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, name: p.name, runtimeHours: p.runtimeHours, startSeconds: p.startSeconds });
  }
}

export interface PoeSwitchProps {
  /** Fire zone the switch is in. */
  readonly fireZone: FireZone;
  /** Power source (feed or UPS) the switch is plugged into. */
  readonly power: PowerOutlet;
  /** Phones (users) on this switch. @default an equal share of the site's users */
  readonly phones?: number;
}

/** A switch that powers phones over Ethernet. */
export class PoeSwitch extends SiteElement {
  static isPoeSwitch(x: unknown): x is PoeSwitch {
    return kindOf(x) === 'poe-switch';
  }

  readonly [KIND] = 'poe-switch' as const;

  constructor(scope: Construct, id: string, readonly props: PoeSwitchProps) {
    super(scope, id, 'PoE switch', 'poe-switches');
    this.node.addValidation({
      validate: () => [...this.local('fireZone', props.fireZone, ['fire-zone'], true), ...this.local('power', props.power, ['feed', 'ups'], true)],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BPoeSwitch {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, fireZone: idOf(p.fireZone)!, power: idOf(p.power)!, phones: p.phones });
  }
}
