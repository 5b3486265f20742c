// What every stack shares: the provider with default tags, the state backend, and the record of
// which blueprint construct each resource comes from (rule findings and acknowledgements name
// construct paths, not Terraform addresses).
import type { Construct } from 'constructs';
import { App, AwsProvider, LocalBackend, S3Backend, TerraformDataSource, TerraformStack, type TerraformBackend } from '../cdk.js';
import type { CloudPlan } from '../plan.js';

/** A Terraform element with a type and a logical id (resources and data sources). */
interface Addressable {
  readonly terraformResourceType: string;
  readonly friendlyUniqueId: string;
  overrideLogicalId(id: string): void;
  moveFromId?(id: string): void;
}

/** A generated resource or data source class. */
type ElementClass<T, C> = (new (scope: Construct, id: string, config: C) => T) & { readonly tfResourceType: string };

export interface Origin {
  /** Construct path in the blueprint, e.g. gateways/pbx-a. */
  readonly path: string;
  /** The gateway the resource belongs to, for moved blocks when a gateway is renamed. */
  readonly gateway?: { readonly id: string; readonly formerId: string | null };
}

/** Build-wide state: the app, the plan, and resource origins per stack. */
export class BuildContext {
  /** stack name -> Terraform address -> origin. */
  readonly origins = new Map<string, Map<string, Origin>>();
  constructor(
    readonly app: App,
    readonly plan: CloudPlan,
  ) {}

  /**
   * Creates a resource or data source directly in the stack with an explicit logical id, so its
   * Terraform address is `<type>.<id>`: no hash of a construct path, stable while the blueprint
   * ids are. The construct id includes the type because construct ids are unique per stack.
   */
  add<T extends Construct & Addressable, C>(stack: TerraformStack, cls: ElementClass<T, C>, id: string, config: C, origin: Origin): T {
    const element = new cls(stack, `${cls.tfResourceType}.${id}`, config);
    element.overrideLogicalId(id);
    return this.track(stack, element, origin);
  }

  /** consumer stack -> cross-stack reference -> its token in the consumer. */
  private readonly references = new Map<TerraformStack, Map<string, string>>();

  /**
   * A value of `resource` usable in `consumer`: the resource's own token in its stack, elsewhere
   * a cdktf cross-stack reference (an output of the producing stack read through
   * terraform_remote_state), wired here at build time rather than discovered by resolving every
   * stack once more. `local` is the attribute's token, `attribute` its Terraform name.
   */
  exported<T extends Construct & Addressable>(resource: T, attribute: string, local: string): (consumer: TerraformStack) => string {
    const producer = TerraformStack.of(resource);
    const identifier = `${resource.terraformResourceType}.${resource.friendlyUniqueId}.${attribute}`;
    return (consumer) => {
      if (consumer === producer) return local;
      const key = `${producer.node.id}\u0000${identifier}`;
      let tokens = this.references.get(consumer);
      if (!tokens) this.references.set(consumer, (tokens = new Map()));
      let token = tokens.get(key);
      if (token === undefined) {
        token = this.app.crossStackReference(producer, consumer, identifier);
        tokens.set(key, token);
      }
      return token;
    };
  }

  /**
   * Removes a rendered stack that no other stack reads from: its construct tree and the tokens
   * it used are garbage from now on. Its resources' origins stay for the rule findings.
   */
  release(stack: TerraformStack): void {
    this.references.delete(stack);
    this.app.node.tryRemoveChild(stack.node.id);
  }

  /** Records where a resource comes from and, for a renamed gateway, where it was before. */
  track<T extends Construct & Addressable>(stack: TerraformStack, resource: T, origin: Origin): T {
    const isData = resource instanceof TerraformDataSource;
    const address = `${isData ? 'data.' : ''}${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
    let m = this.origins.get(stack.node.id);
    if (!m) this.origins.set(stack.node.id, (m = new Map()));
    m.set(address, origin);
    const g = origin.gateway;
    if (g?.formerId && resource.moveFromId && !isData) {
      const segments = resource.friendlyUniqueId.split('_');
      if (segments.includes(g.id)) {
        const from = segments.map((s) => (s === g.id ? g.formerId : s)).join('_');
        resource.moveFromId(`${resource.terraformResourceType}.${from}`);
      }
    }
    return resource;
  }
}

export interface StackOptions {
  readonly name: string;
  /** Value of the `site` default tag. */
  readonly site: string;
  readonly region: string;
}

/**
 * A stack that looks for its backend once. cdktf walks the stack's whole construct tree for it
 * each time another stack starts reading from it, that is for every site stack: with a region
 * stack of hundreds of gateways, those walks were three quarters of a fleet's synthesis.
 */
class Stack extends TerraformStack {
  private backend: TerraformBackend | undefined;
  override ensureBackendExists(): TerraformBackend {
    return (this.backend ??= super.ensureBackendExists());
  }
}

/** A stack with its backend (S3 with a key per stack and locking, or local) and the AWS provider. */
export function createStack(ctx: BuildContext, o: StackOptions): TerraformStack {
  const { plan } = ctx;
  const stack = new Stack(ctx.app, o.name);
  const b = plan.backend;
  if (b.kind === 's3') {
    new S3Backend(stack, {
      bucket: b.bucket,
      key: `${b.keyPrefix}/${o.name}.tfstate`,
      region: b.region,
      encrypt: true,
      ...(b.lockTable ? { dynamodbTable: b.lockTable } : {}),
    });
    // Native S3 locking (Terraform >= 1.10); the DynamoDB table, when given, is kept for older versions.
    stack.addOverride('terraform.backend.s3.use_lockfile', true);
  } else {
    new LocalBackend(stack, { path: `${b.dir}/${o.name}.tfstate` });
  }
  new AwsProvider(stack, 'aws', {
    region: o.region,
    allowedAccountIds: [plan.account],
    defaultTags: [{ tags: { deployment: plan.deployment, site: o.site, 'managed-by': 'rbc' } }],
  });
  return stack;
}

/** A `Name` tag plus extra tags; every resource also carries the provider's default tags. */
export const nameTags = (name: string, extra: Record<string, string> = {}): Record<string, string> => ({ Name: name, ...extra });

/** An IAM or resource policy document as JSON text (tokens inside are resolved by cdktf). */
export function policyJson(statements: readonly Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const arnPartition = 'aws';
