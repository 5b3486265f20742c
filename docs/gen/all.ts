// Every generated document. docs/gen/write.ts writes them; test/foundation/docs.test.ts fails
// when a committed one differs from what its generator renders now.
import type { GeneratedDoc } from './types.js';
import { doc as blueprintReference } from './blueprint-reference.js';
import { doc as diagnostics } from './diagnostics.js';
import { doc as blueprintSchema } from './schema-json.js';
import { doc as rules } from './rules.js';

export type { GeneratedDoc } from './types.js';

export const DOCS: readonly GeneratedDoc[] = [blueprintReference, diagnostics, blueprintSchema, rules];
