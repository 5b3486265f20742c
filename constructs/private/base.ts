// The shared base of every rbc construct: a kind marker (instead of instanceof, so two copies
// of the constructs module in one process still recognise each other), the scope helpers that
// find a construct's site, building and deployment, and reference checks.
import { Construct, type IConstruct } from 'constructs';

/** Marks rbc constructs with their kind; shared across copies of this module. */
export const KIND: unique symbol = Symbol.for('rbc.constructs.kind');

export type ConstructKind =
  | 'deployment'
  | 'provider'
  | 'site'
  | 'building'
  | 'fire-zone'
  | 'room'
  | 'cooling-unit'
  | 'feed'
  | 'ups'
  | 'generator'
  | 'poe-switch'
  | 'supply-line'
  | 'uplink'
  | 'number-block'
  | 'vm-host'
  | 'vm-cluster'
  | 'emergency-notification'
  | 'gateway'
  | 'trunk'
  | 'service'
  | 'policy'
  | 'monitoring'
  | 'cloud';

/** What a kind is called in messages. */
export const KIND_LABEL: Readonly<Record<ConstructKind, string>> = {
  deployment: 'deployment',
  provider: 'provider',
  site: 'site',
  building: 'building',
  'fire-zone': 'fire zone',
  room: 'room',
  'cooling-unit': 'cooling unit',
  feed: 'mains feed',
  ups: 'UPS',
  generator: 'generator',
  'poe-switch': 'PoE switch',
  'supply-line': 'supply line',
  uplink: 'uplink',
  'number-block': 'number block',
  'vm-host': 'virtualization host',
  'vm-cluster': 'virtualization cluster',
  'emergency-notification': 'emergency notification',
  gateway: 'gateway',
  trunk: 'trunk',
  service: 'service',
  policy: 'policy',
  monitoring: 'monitoring',
  cloud: 'cloud',
};

export function kindOf(x: unknown): ConstructKind | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  return (x as { [KIND]?: ConstructKind })[KIND];
}

/** Base of every rbc construct. */
export abstract class RbcConstruct extends Construct {
  abstract readonly [KIND]: ConstructKind;

  /**
   * The path findings and acknowledgements use for this construct (sites/ulm,
   * gateways/pbx-east, sites/ulm/fire-zones/zone-a, ...); undefined when nothing can be found on it.
   */
  abstract readonly modelPath: string | undefined;

  /** The id as written: the constructs library silently rewrites '/' in ids. */
  private readonly idAsGiven: string;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    this.idAsGiven = id;
    this.node.addValidation({
      validate: () =>
        this.idAsGiven !== this.node.id
          ? [`'${this.idAsGiven}' is not a valid id: ids are 1-48 lowercase letters, digits and inner hyphens, without '/'`]
          : [],
    });
  }

  /** The blueprint id: the construct id. */
  get id(): string {
    return this.node.id;
  }
}

/** The nearest enclosing construct of a kind, not counting `c` itself. */
export function enclosing(c: IConstruct, kind: ConstructKind): IConstruct | undefined {
  const scopes = c.node.scopes;
  for (let i = scopes.length - 2; i >= 0; i--) {
    if (kindOf(scopes[i]) === kind) return scopes[i];
  }
  return undefined;
}

/** The nearest enclosing construct of a kind; throws (early, like a bad prop) when there is none. */
export function requireEnclosing(c: IConstruct, kind: ConstructKind, what: string): IConstruct {
  const found = enclosing(c, kind);
  if (!found) {
    throw new Error(`[${c.node.path}] ${what} must be created inside a ${KIND_LABEL[kind]} (its scope or one of its scopes)`);
  }
  return found;
}

/** A reference: the construct itself or its id. */
export type Ref<T extends IConstruct> = T | string;

/**
 * The blueprint id of a reference: a string as it is, a construct's id. Anything else gives
 * undefined (checkRef reports it), so rendering never throws on bad input from plain JavaScript.
 */
export function idOf(ref: unknown): string | undefined {
  if (typeof ref === 'string') return ref;
  if (typeof ref === 'object' && ref !== null && 'node' in ref) return (ref as IConstruct).node.id;
  return undefined;
}

/** idOf over an optional list; unusable entries are dropped (and reported by checkRefs). */
export function idsOf(refs: readonly unknown[] | undefined): string[] | undefined {
  return refs?.map(idOf).filter((x): x is string => x !== undefined);
}

const describe = (c: IConstruct) => {
  const kind = kindOf(c);
  return `${kind ? KIND_LABEL[kind] : 'construct'} '${c.node.id}'`;
};

export interface RefCheck {
  /** What the reference is for, e.g. "placement.room". */
  readonly field: string;
  /** Kinds the reference may have. */
  readonly kinds: readonly ConstructKind[];
  /** The site a site-local reference must belong to; undefined to skip the check. */
  readonly site?: IConstruct | undefined;
}

/**
 * Errors for a reference held by `from`: undefined or empty, of the wrong kind, from another
 * deployment, or (for site-local references) from another site. String ids are checked by the
 * resolver like any blueprint id.
 */
export function checkRef(from: IConstruct, ref: unknown, check: RefCheck): string[] {
  const expected = check.kinds.map((k) => KIND_LABEL[k]).join(' or ');
  if (ref === undefined || ref === null || ref === '') return [`${check.field} names no ${expected}`];
  if (typeof ref === 'string') return [];
  const kind = kindOf(ref);
  if (!kind || !check.kinds.includes(kind)) {
    const got = kind ? describe(ref as IConstruct) : typeof ref === 'object' ? 'an object that is not an rbc construct' : `a ${typeof ref}`;
    return [`${check.field} must be a ${expected}, but is ${got}`];
  }
  const target = ref as IConstruct;
  if (target.node.root !== from.node.root) {
    return [`${check.field} refers to ${describe(target)} of another deployment ('${target.node.root.node.id}')`];
  }
  if (check.site) {
    const targetSite = kind === 'site' ? target : enclosing(target, 'site');
    if (targetSite !== check.site) {
      return [`${check.field} refers to ${describe(target)} at site '${targetSite?.node.id ?? '?'}', not at site '${check.site.node.id}'`];
    }
  }
  return [];
}

/** checkRef over a list; `field` gets the index appended. */
export function checkRefs(from: IConstruct, refs: readonly unknown[] | undefined, check: RefCheck): string[] {
  return (refs ?? []).flatMap((r, i) => checkRef(from, r, { ...check, field: `${check.field}[${i}]` }));
}

/** Drops undefined members, so the blueprint holds keys only where a value is set. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** A copy of an optional list (the blueprint types are mutable arrays). */
export function list<T>(xs: readonly T[] | undefined): T[] | undefined {
  return xs === undefined ? undefined : [...xs];
}

/** Errors for the second and further constructs of a kind that a deployment may hold once. */
export function singletonErrors(c: IConstruct, kind: ConstructKind): string[] {
  const first = c.node.root.node.findAll().find((x) => kindOf(x) === kind);
  return first && first !== c ? [`a deployment has one ${KIND_LABEL[kind]}, and '${first.node.path}' is already it`] : [];
}
