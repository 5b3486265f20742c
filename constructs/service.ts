// Additional services and third-party integrations (CTI, CRM, ERP, call centre, alerting, ...).
import type { Construct } from 'constructs';
import type { ServiceKind } from '../schema/blueprint.js';
import type { Gateway } from './gateway.js';
import { KIND, RbcConstruct, checkRefs, compact, idsOf, kindOf, requireEnclosing, type Ref } from './private/base.js';
import type { BService, RenderContext } from './private/synth.js';

export interface ServiceProps {
  /** Kind of communication service (the whitepaper's checklist). */
  readonly kind: ServiceKind;
  /** Name, e.g. "Salesforce CTI". @default the kind's label */
  readonly name?: string;
  /** Gateways or application servers it runs on (constructs or ids). @default the gateways that list its kind */
  readonly hosts?: readonly Ref<Gateway>[];
  /** Other services it needs: Service constructs, service ids or service kinds. @default [] (telephony kinds need internal) */
  readonly requires?: readonly (Ref<Service> | ServiceKind)[];
}

/** A third-party or additional service. Its id names it in policies' findings (services/<id>). */
export class Service extends RbcConstruct {
  static isService(x: unknown): x is Service {
    return kindOf(x) === 'service';
  }

  readonly [KIND] = 'service' as const;
  readonly modelPath: string;

  constructor(scope: Construct, id: string, readonly props: ServiceProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Service '${id}'`);
    this.modelPath = `services/${this.node.id}`;
    this.node.addValidation({
      validate: () => [
        ...checkRefs(this, props.hosts, { field: 'hosts', kinds: ['gateway'] }),
        ...checkRefs(this, props.requires, { field: 'requires', kinds: ['service'] }),
      ],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BService {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({ id: this.node.id, kind: p.kind, name: p.name, hosts: idsOf(p.hosts), requires: idsOf(p.requires) });
  }
}
