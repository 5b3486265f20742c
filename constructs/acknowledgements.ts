// Accepted risks, attached to the construct a finding is on (in the manner of cdk-nag's
// suppressions): `Acknowledgements.of(pbxWest).acknowledge('RBC-R004', { reason, owner, expires })`.
// Each becomes an entry of the blueprint's acknowledgements with the construct's model path
// (gateways/pbx-west, sites/ulm/fire-zones/zone-a, ...) as target; on the Deployment the target
// is `*` (every construct).
import type { IConstruct } from 'constructs';
import { ACKS, acknowledgementTarget } from './private/acknowledged.js';
import { KIND_LABEL, kindOf } from './private/base.js';

/** An accepted risk: hides one rule finding until it expires. */
export interface AcknowledgementOptions {
  /** Why the risk is accepted (at least 10 characters). */
  readonly reason: string;
  /** Who accepted the risk. */
  readonly owner: string;
  /** Date (YYYY-MM-DD) after which the finding shows again. */
  readonly expires: string;
}

/** One acknowledgement as given. */
export interface AcknowledgementEntry extends AcknowledgementOptions {
  /** Rule id, e.g. RBC-R001. */
  readonly rule: string;
}

type WithAcks = IConstruct & { [ACKS]?: Acknowledgements };

/** The acknowledgements attached to one construct. */
export class Acknowledgements {
  /** The acknowledgements of a construct (created on first use). */
  static of(scope: IConstruct): Acknowledgements {
    const s = scope as WithAcks;
    if (!s[ACKS]) Object.defineProperty(s, ACKS, { value: new Acknowledgements(scope), enumerable: false });
    return s[ACKS]!;
  }

  private readonly entries: AcknowledgementEntry[] = [];

  private constructor(private readonly scope: IConstruct) {
    scope.node.addValidation({ validate: () => this.validate() });
  }

  /** Accepts the risk a rule reports on this construct, until `options.expires`. */
  acknowledge(rule: string, options: AcknowledgementOptions): this {
    this.entries.push({ rule, reason: options.reason, owner: options.owner, expires: options.expires });
    return this;
  }

  /** The acknowledgements, in the order they were given. */
  get all(): readonly AcknowledgementEntry[] {
    return [...this.entries];
  }

  /** The target findings name: the construct's model path, `*` for the deployment, undefined when findings cannot be on it. */
  get target(): string | undefined {
    return acknowledgementTarget(this.scope);
  }

  private validate(): string[] {
    const errors: string[] = [];
    if (this.entries.length > 0 && this.target === undefined) {
      const kind = kindOf(this.scope);
      const what = kind ? `a ${KIND_LABEL[kind]}` : 'this construct';
      errors.push(
        `cannot acknowledge ${this.entries.map((e) => e.rule).join(', ')} here: findings are never on ${what}; acknowledge on the deployment, a site or one of its parts, a gateway, trunk, provider, service or policy`,
      );
    }
    const seen = new Set<string>();
    for (const e of this.entries) {
      if (seen.has(e.rule)) errors.push(`${e.rule} is acknowledged twice on this construct: keep one`);
      seen.add(e.rule);
    }
    return errors;
  }
}
