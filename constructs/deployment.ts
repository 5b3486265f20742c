// The root construct: one telephony deployment. synthesizeBlueprint() turns the tree into the
// same plain blueprint a YAML file holds, so both go through one schema check and one resolver.
import type { Construct, IConstruct } from 'constructs';
import { createDiagnostic, type Diagnostic, type Location } from '../diagnostics/index.js';
import type { BlueprintSource } from '../load/load.js';
import type { Blueprint } from '../schema/blueprint.js';
import type { Cloud } from './cloud.js';
import { renderOnCall, type OnCallProps } from './common.js';
import type { Gateway } from './gateway.js';
import type { Monitoring } from './monitoring.js';
import type { Policy } from './policy.js';
import { acknowledgementTarget, acknowledgementsOn } from './private/acknowledged.js';
import { KIND, RbcConstruct, compact, kindOf, type ConstructKind } from './private/base.js';
import { PointerMap, type BAcknowledgement, type RenderContext } from './private/synth.js';
import type { Provider } from './provider.js';
import type { Service } from './service.js';
import type { Site } from './site.js';
import type { Trunk } from './trunk.js';

/** Service level agreed with the integrator. */
export interface SlaProps {
  /** Agreed minutes to recover a failed component without redundancy (e.g. hardware replacement). @default 1440 */
  readonly recoveryMinutes?: number;
  /** Who makes and checks backups, and of what. @default none */
  readonly backupResponsibility?: string;
}

export interface DeploymentProps {
  /** Customer or system name. */
  readonly name: string;
  /** Who is in charge of supplying redundancy (the integrator or the customer's IT). */
  readonly owner: string;
  /** What this deployment is. @default none */
  readonly description?: string;
  /** The on-call that reacts to alerts and carries out manual switchovers. */
  readonly onCall: OnCallProps;
  /** Service level agreed with the integrator. @default recovery within 1440 minutes */
  readonly sla?: SlaProps;
}

/** The blueprint a construct tree describes, where each part came from, and the construct errors. */
export interface SynthesizedBlueprint {
  /** The plain blueprint, the same shape as a YAML blueprint, with keys only where a value is set. */
  readonly blueprint: Blueprint;
  /** The construct (by path) that declared the blueprint value at a JSON pointer. */
  readonly locate: (pointer: string) => Location;
  /** Every construct validation error, each at its construct's path. */
  readonly constructErrors: readonly Diagnostic[];
}

/**
 * One telephony deployment: the root of a construct tree. Its id is the deployment id (it names
 * the Terraform stacks and the outputs). A TypeScript app exports it as its default export.
 */
export class Deployment extends RbcConstruct implements BlueprintSource {
  static isDeployment(x: unknown): x is Deployment {
    return kindOf(x) === 'deployment';
  }

  /** The deployment a construct belongs to. */
  static of(c: IConstruct): Deployment {
    const root = c.node.root;
    if (!Deployment.isDeployment(root)) throw new Error(`[${c.node.path}] is not part of a Deployment`);
    return root;
  }

  readonly [KIND] = 'deployment' as const;
  /** Acknowledgements on the deployment apply to every construct. */
  readonly modelPath = '*';

  constructor(id: string, readonly props: DeploymentProps) {
    super(undefined as unknown as Construct, id);
  }

  synthesizeBlueprint(): SynthesizedBlueprint {
    const pointers = new PointerMap(this.node.path);
    const ctx: RenderContext = { pointers };
    pointers.record('', this);
    pointers.record('/deployment', this);
    const all = this.node.findAll();
    const ofKind = <T extends IConstruct>(kind: ConstructKind): T[] => all.filter((c): c is T => kindOf(c) === kind);
    const optional = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined);

    const p = this.props;
    const acknowledgements: BAcknowledgement[] = [];
    for (const c of all) {
      const target = acknowledgementTarget(c);
      if (target === undefined) continue;
      for (const a of acknowledgementsOn(c)) {
        pointers.record(`/acknowledgements/${acknowledgements.length}`, c);
        acknowledgements.push({ rule: a.rule, target, reason: a.reason, owner: a.owner, expires: a.expires });
      }
    }
    const blueprint: Blueprint = compact({
      rbc: 1 as const,
      deployment: compact({
        id: this.node.id,
        name: p.name,
        owner: p.owner,
        description: p.description,
        onCall: renderOnCall(p.onCall),
        sla: p.sla ? compact({ recoveryMinutes: p.sla.recoveryMinutes, backupResponsibility: p.sla.backupResponsibility }) : undefined,
      }),
      providers: ofKind<Provider>('provider').map((c, i) => c._render(ctx, `/providers/${i}`)),
      sites: ofKind<Site>('site').map((c, i) => c._render(ctx, `/sites/${i}`)),
      gateways: ofKind<Gateway>('gateway').map((c, i) => c._render(ctx, `/gateways/${i}`)),
      trunks: optional(ofKind<Trunk>('trunk').map((c, i) => c._render(ctx, `/trunks/${i}`))),
      services: optional(ofKind<Service>('service').map((c, i) => c._render(ctx, `/services/${i}`))),
      policies: optional(ofKind<Policy>('policy').map((c, i) => c._render(ctx, `/policies/${i}`))),
      monitoring: ofKind<Monitoring>('monitoring')[0]?._render(ctx, '/monitoring'),
      cloud: ofKind<Cloud>('cloud')[0]?._render(ctx, '/cloud'),
      acknowledgements: optional(acknowledgements),
    });

    const constructErrors = all.flatMap((c) =>
      c.node.validate().map((message) => createDiagnostic('ConstructValidation', { path: c.node.path }, [message.replace(/\.$/, '')])),
    );
    return { blueprint, locate: (pointer) => pointers.locate(pointer), constructErrors };
  }
}
