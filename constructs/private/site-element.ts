import type { Construct, IConstruct } from 'constructs';
import type { Site } from '../site.js';
import { RbcConstruct, checkRef, checkRefs, requireEnclosing, type ConstructKind } from './base.js';

/** Base of the parts of a site (buildings, rooms, power, lines, ...): they belong to the nearest enclosing Site. */
export abstract class SiteElement extends RbcConstruct {
  /** The site this belongs to. */
  readonly site: Site;
  readonly modelPath: string;

  protected constructor(scope: Construct, id: string, what: string, segment: string) {
    super(scope, id);
    requireEnclosing(this, 'deployment', `${what} '${id}'`);
    this.site = requireEnclosing(this, 'site', `${what} '${id}'`) as Site;
    this.modelPath = `sites/${this.site.node.id}/${segment}/${this.node.id}`;
  }

  /** Errors for a reference to a part of this element's own site. */
  protected local(field: string, ref: IConstruct | undefined, kinds: readonly ConstructKind[], required = false): string[] {
    if (ref === undefined && !required) return [];
    return checkRef(this, ref, { field, kinds, site: this.site });
  }

  /** Errors for a list of references to parts of this element's own site. */
  protected locals(field: string, refs: readonly IConstruct[] | undefined, kinds: readonly ConstructKind[]): string[] {
    return checkRefs(this, refs, { field, kinds, site: this.site });
  }
}
