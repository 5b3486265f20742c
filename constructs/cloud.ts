// The cloud account (AWS) hosting cloud gateways, DNS and backups.
import type { Construct } from 'constructs';
import type { Provider } from './provider.js';
import { KIND, RbcConstruct, checkRef, compact, idOf, kindOf, list, requireEnclosing, singletonErrors, type Ref } from './private/base.js';
import type { BCloud, RenderContext } from './private/synth.js';

/** A cloud region used by the deployment. */
export interface CloudRegionProps {
  /** Cloud region, e.g. eu-central-1. */
  readonly id: string;
  /** Availability zones used, e.g. eu-central-1a. */
  readonly azs: readonly string[];
  /** IPv4 network of the region's VPC in CIDR notation. @default 10.(100 + region index).0.0/16 */
  readonly vpcCidr?: string;
}

/** Remote Terraform state in S3, one key per stack. */
export interface StateBackendProps {
  /** S3 bucket holding the state. */
  readonly bucket: string;
  /** Region of the bucket, e.g. eu-central-1. */
  readonly region: string;
  /** DynamoDB table for state locking. @default none */
  readonly lockTable?: string;
}

export interface CloudProps {
  /** Cloud provider, a provider of kind cloud (the construct or its id). */
  readonly provider: Ref<Provider>;
  /** AWS account id (12 digits). */
  readonly account: string;
  /** Regions used; the first is the home region. */
  readonly regions: readonly CloudRegionProps[];
  /** DNS zone for SIP records, e.g. voice.example.com. @default none */
  readonly dnsZone?: string;
  /** S3 bucket name for configuration backups. @default none */
  readonly backupBucket?: string;
  /** Networks (CIDR) allowed to manage cloud gateways. @default [] (no management access) */
  readonly adminCidrs?: readonly string[];
  /** EC2 instance type of cloud gateways. @default 't3.medium' */
  readonly instanceType?: string;
  /** SSM parameter holding the gateway image (AMI) id. @default '/rbc/gateway-ami' */
  readonly imageSsmParameter?: string;
  /** Remote Terraform state in S3. @default local state */
  readonly stateBackend?: StateBackendProps;
}

/** The cloud account hosting cloud gateways, DNS and backups (AWS). One per deployment. */
export class Cloud extends RbcConstruct {
  static isCloud(x: unknown): x is Cloud {
    return kindOf(x) === 'cloud';
  }

  readonly [KIND] = 'cloud' as const;
  /** Findings are never on the cloud section itself. */
  readonly modelPath = undefined;

  constructor(scope: Construct, id: string, readonly props: CloudProps) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `Cloud '${id}'`);
    this.node.addValidation({
      validate: () => [...singletonErrors(this, 'cloud'), ...checkRef(this, props.provider, { field: 'provider', kinds: ['provider'] })],
    });
  }

  /** @internal */
  _render(ctx: RenderContext, pointer: string): BCloud {
    ctx.pointers.record(pointer, this);
    const p = this.props;
    return compact({
      provider: idOf(p.provider)!,
      account: p.account,
      regions: p.regions.map((r) => compact({ id: r.id, azs: [...r.azs], vpcCidr: r.vpcCidr })),
      dnsZone: p.dnsZone,
      backupBucket: p.backupBucket,
      adminCidrs: list(p.adminCidrs),
      instanceType: p.instanceType,
      imageSsmParameter: p.imageSsmParameter,
      stateBackend: p.stateBackend ? compact({ bucket: p.stateBackend.bucket, region: p.stateBackend.region, lockTable: p.stateBackend.lockTable }) : undefined,
    });
  }
}
