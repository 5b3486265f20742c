// The config dialects, by id (sorted). Adding one: a module exporting a Dialect, its template
// folder under templates/<id>/, an entry here, and the id in the blueprint's `configs` enum
// (schema/blueprint.ts, model ConfigDialect). docs/devices.md walks through it.
import type { ConfigDialect } from '../../model/types.js';
import type { Dialect } from './dialect.js';
import { kamailioDialect } from './kamailio.js';
import { keepalivedDialect } from './keepalived.js';
import { prometheusDialect } from './prometheus.js';

export const DIALECTS: ReadonlyMap<ConfigDialect, Dialect> = new Map<ConfigDialect, Dialect>([
  ['kamailio', kamailioDialect],
  ['keepalived', keepalivedDialect],
  ['prometheus', prometheusDialect],
]);
