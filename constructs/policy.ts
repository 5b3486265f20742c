// Redundancy policies: what was promised to the customer, checked by the analysis.
import type { Construct } from 'constructs';
import type { ScenarioClass, ServiceKind } from '../schema/blueprint.js';
import { KIND, RbcConstruct, checkRefs, compact, idsOf, kindOf, requireEnclosing, type Ref } from './private/base.js';
import type { BPolicy, RenderContext } from './private/synth.js';
import type { Site } from './site.js';

/** A class of failures a policy protects against. */
export interface ScenarioSpec {
  /** Scenario class from the whitepaper's checklist: fire/flood of a fire zone, building or site; external damage of a supply line; overheating; power outage; technical damage of a device; provider, WAN and cloud outages. */
  readonly class: ScenarioClass;
  /** For power-outage: minutes the mains are out. @default 60 */
  readonly durationMinutes?: number;
}

export interface PolicyProps {
  /** What was promised, in the customer's words. @default none */
  readonly description?: string;
  /** Services (kinds) that must survive. */
  readonly services: readonly ServiceKind[];
  /** Sites it applies to (constructs or ids). @default all sites */
  readonly sites?: readonly Ref<Site>[];
  /** Failures the services must survive (each single failure of these classes). */
  readonly scenarios: readonly ScenarioSpec[];
  /** Longest switchover allowed (RTO), in seconds. @default no limit */
  readonly maxSwitchoverSeconds?: number;
  /** Whether the switchover must happen without manual steps. @default false */
  readonly automatic?: boolean;
  /** Longest allowed interval, in hours, between backups of the gateways serving these sites. @default no requirement */
  readonly backupRpoHours?: number;
  /** Who is in charge of this promise. @default none */
  readonly owner?: string;
}

/** A redundancy promise made to the customer. */
export class Policy extends RbcConstruct {
  static isPolicy(x: unknown): x is Policy {
    return kindOf(x) === 'policy';
  }

  readonly [KIND] = 'policy' as const;
  readonly modelPath: string;

  constructor(scope: Construct, id: string, readonly props: PolicyProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Policy '${id}'`);
    this.modelPath = `policies/${this.node.id}`;
    this.node.addValidation({ validate: () => checkRefs(this, props.sites, { field: 'sites', kinds: ['site'] }) });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BPolicy {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      id: this.node.id,
      description: p.description,
      services: [...p.services],
      sites: idsOf(p.sites),
      scenarios: p.scenarios.map((s) => compact({ class: s.class, durationMinutes: s.durationMinutes })),
      maxSwitchoverSeconds: p.maxSwitchoverSeconds,
      automatic: p.automatic,
      backupRpoHours: p.backupRpoHours,
      owner: p.owner,
    });
  }
}

