// Build step (run by `npm run build` / `prepare` after tsc): writes the blueprint validator as
// standalone code next to the compiled schema module, so `rbc check` does not compile it.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { blueprintJsonSchema } from './json-schema.js';
import { compileBlueprintValidator } from './validator.js';

const require = createRequire(import.meta.url);
const standaloneCode = require('ajv/dist/standalone').default as (ajv: unknown, validate: unknown) => string;

const { ajv, validate } = compileBlueprintValidator(blueprintJsonSchema(), true);
writeFileSync(new URL('./blueprint-validator.cjs', import.meta.url), standaloneCode(ajv, validate));
