// Every generator `rbc compile` runs, loaded lazily so that `rbc check` never loads cdktf,
// the AWS provider or Graphviz. Sorted by id; the order of the output does not depend on it.
import type { Generator } from './types.js';

export interface GeneratorEntry {
  readonly id: string;
  readonly load: () => Promise<Generator>;
}

/** Kinds of template folder a user may replace with `--templates KIND=DIR`. */
export const TEMPLATE_KINDS: readonly string[] = ['kamailio', 'keepalived', 'prometheus', 'runbooks'];

export const GENERATORS: readonly GeneratorEntry[] = [
  { id: 'devices', load: async () => (await import('./devices/index.js')).devicesGenerator },
  { id: 'runbooks', load: async () => (await import('./runbooks/index.js')).runbooksGenerator },
  { id: 'terraform', load: async () => (await import('./terraform/index.js')).terraformGenerator },
];
