// Every generator `rbc compile` runs, loaded lazily so that `rbc check` never loads cdktf,
// the AWS provider or Graphviz. Sorted by id; the order of the output does not depend on it.
import type { Generator } from './types.js';

export interface GeneratorEntry {
  readonly id: string;
  readonly load: () => Promise<Generator>;
  /**
   * True when the generator reads the model only, never the assessment: the CLI may then run it
   * on a worker thread, which costs one copy of the model instead of one of the (much larger)
   * assessment.
   */
  readonly modelOnly: boolean;
}

/** Kinds of template folder a user may replace with `--templates KIND=DIR`. */
export const TEMPLATE_KINDS: readonly string[] = ['kamailio', 'keepalived', 'prometheus', 'runbooks'];

export const GENERATORS: readonly GeneratorEntry[] = [
  { id: 'devices', modelOnly: true, load: async () => (await import('./devices/index.js')).devicesGenerator },
  { id: 'runbooks', modelOnly: false, load: async () => (await import('./runbooks/index.js')).runbooksGenerator },
  { id: 'terraform', modelOnly: true, load: async () => (await import('./terraform/index.js')).terraformGenerator },
];
