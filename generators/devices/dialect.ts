// The contract of a config dialect: which templates it renders, with which quoting helpers, and
// how it turns a checked device record into the view its templates read. A dialect checks the
// values its program constrains further (e.g. kamailio probes in whole seconds) with the same
// checker, so a value it cannot express is an UnsafeValue diagnostic, never a silent rounding.
import type { ConfigDialect, Model } from '../../model/types.js';
import type { DeviceRecord } from './record.js';
import type { ValueChecker } from './safe.js';
import type { Helper, TemplateSpec } from './templates.js';
import type { Topology } from './topology.js';

export interface DialectContext {
  readonly model: Model;
  readonly topo: Topology;
  readonly checker: ValueChecker;
}

export type DialectView =
  /** Render the dialect's templates with this view. */
  | { readonly view: object }
  /** The dialect does not apply to this device (a warning says why). */
  | { readonly notApplicable: string; readonly hint: string }
  /** A value failed a check (the checker holds the diagnostic). */
  | undefined;

export interface Dialect {
  readonly id: ConfigDialect;
  readonly description: string;
  readonly templates: readonly TemplateSpec[];
  /** Quoting helpers of this dialect (the common ones are added). */
  readonly helpers: Readonly<Record<string, Helper>>;
  view(record: DeviceRecord, ctx: DialectContext): DialectView;
}
