// Emergency calling at a site: the dispatchable location (in the site's props) and the desk
// that is told of every emergency call.
import type { Construct } from 'constructs';
import type { FireZone } from './building.js';
import type { PoeSwitch } from './power.js';
import { KIND, RbcConstruct, checkRef, compact, idOf, kindOf, requireEnclosing } from './private/base.js';
import type { Site } from './site.js';
import type { BSiteEmergency } from './private/synth.js';

/** The dispatchable location sent with emergency calls. */
export interface EmergencyLocationProps {
  /** Street and number. @default none */
  readonly street?: string;
  /** Postal code. @default none */
  readonly postalCode?: string;
  /** City. @default none */
  readonly city?: string;
  /** ISO 3166 country code, e.g. DE. */
  readonly country: string;
  /** Emergency routing area, e.g. DE-0731 (country and local area code): a trunk is valid for emergency calls here only if it lists this area. */
  readonly area: string;
  /** Floor, for the dispatchable location. @default none */
  readonly floor?: string;
  /** Room or wing, for the dispatchable location. @default none */
  readonly room?: string;
}

/** Emergency calling at a site. */
export interface SiteEmergencyProps {
  /** Emergency numbers dialled at this site. @default ['112'] */
  readonly numbers?: readonly string[];
  /** The dispatchable location sent with emergency calls. */
  readonly location: EmergencyLocationProps;
  /** Whether the local authority permits announced test calls to the emergency number in drills. @default false */
  readonly testCallsPermitted?: boolean;
}

export interface EmergencyNotificationProps {
  /** The central place told of every emergency call, e.g. "Reception". */
  readonly desk: string;
  /** Fire zone (of this site) in which the desk's phone is. */
  readonly fireZone: FireZone;
  /** PoE switch powering the desk's phone. @default the site's phones in general */
  readonly poeSwitch?: PoeSwitch;
}

/**
 * Notification of every emergency call to a central place (e.g. US Kari's Law); it must survive
 * too. One per site: create it with `site.addEmergencyNotification(...)`.
 */
export class EmergencyNotification extends RbcConstruct {
  static isEmergencyNotification(x: unknown): x is EmergencyNotification {
    return kindOf(x) === 'emergency-notification';
  }

  readonly [KIND] = 'emergency-notification' as const;
  /** Findings are on the site, not on its notification. */
  readonly modelPath = undefined;
  readonly site: Site;

  constructor(scope: Construct, id: string, readonly props: EmergencyNotificationProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Emergency notification '${id}'`);
    this.site = requireEnclosing(this, 'site', `Emergency notification '${id}'`) as Site;
    this.node.addValidation({
      validate: () => [
        ...checkRef(this, props.fireZone, { field: 'fireZone', kinds: ['fire-zone'], site: this.site }),
        ...(props.poeSwitch === undefined ? [] : checkRef(this, props.poeSwitch, { field: 'poeSwitch', kinds: ['poe-switch'], site: this.site })),
      ],
    });
  }

  /** @internal */
  _render(): NonNullable<BSiteEmergency['notification']> {
    const p = this.props;
    return compact({ desk: p.desk, fireZone: idOf(p.fireZone)!, poeSwitch: idOf(p.poeSwitch) });
  }
}
