import type { Construct } from 'constructs';
import { renderContact, type ContactProps } from './common.js';
import { KIND, RbcConstruct, compact, requireEnclosing } from './private/base.js';
import type { BProvider, RenderContext } from './private/synth.js';

/** Number-block rerouting terms of a provider. */
export interface ReroutingProps {
  /** How the provider moves a number block to another trunk when its trunk fails: `automatic` (pre-arranged), `on-request` (after a call, with leadTimeMinutes) or `none`. */
  readonly mode: 'automatic' | 'on-request' | 'none';
  /** Minutes from the request until calls arrive on the other trunk. @default 0 for automatic, 240 for on-request */
  readonly leadTimeMinutes?: number;
}

export interface ProviderProps {
  /** Provider name. */
  readonly name: string;
  /** `carrier` (telephony trunks), `isp` (uplinks) or `cloud` (a cloud platform). */
  readonly kind: 'carrier' | 'isp' | 'cloud';
  /** Whether the provider delivers emergency calls to the public safety answering point. @default true for carriers, false otherwise */
  readonly emergencyCalls?: boolean;
  /** Number-block rerouting terms. @default { mode: 'none' } */
  readonly rerouting?: ReroutingProps;
  /** The provider's support desk. @default none */
  readonly support?: ContactProps;
}

/** A carrier, internet provider or cloud platform. */
export class Provider extends RbcConstruct {
  static isProvider(x: unknown): x is Provider {
    return typeof x === 'object' && x !== null && (x as Provider)[KIND] === 'provider';
  }

  readonly [KIND] = 'provider' as const;
  readonly modelPath: string;

  constructor(scope: Construct, id: string, readonly props: ProviderProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Provider '${id}'`);
    this.modelPath = `providers/${this.node.id}`;
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BProvider {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      id: this.node.id,
      name: p.name,
      kind: p.kind,
      emergencyCalls: p.emergencyCalls,
      rerouting: p.rerouting ? compact({ mode: p.rerouting.mode, leadTimeMinutes: p.rerouting.leadTimeMinutes }) : undefined,
      support: p.support ? renderContact(p.support) : undefined,
    });
  }
}
