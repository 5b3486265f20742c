// The ajv validator of the blueprint schema. Compiling it costs ~0.3 s per process, so the build
// writes it once as standalone code (dist/schema/blueprint-validator.cjs, see build-validator.ts);
// when that file is absent (running from source) it is compiled here.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

const STANDALONE = './blueprint-validator.cjs';
const hasStandalone = (() => {
  try {
    require.resolve(STANDALONE);
    return true;
  } catch {
    return false;
  }
})();
// The schema builder (TypeBox) is loaded only where there is no standalone validator to run.
const fallbackSchema: object | null = hasStandalone ? null : (await import('./json-schema.js')).blueprintJsonSchema();

export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

/** A fresh ajv compile of the blueprint schema (the build uses it to emit standalone code). */
export function compileBlueprintValidator(schema: object, standalone = false): { validate: ValidateFunction; ajv: import('ajv').default } {
  const Ajv = require('ajv').default as typeof import('ajv').default;
  const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: standalone } });
  addFormats(ajv, ['date']);
  return { validate: ajv.compile(schema), ajv };
}

let cached: ValidateFunction | null = null;

export function blueprintValidator(): ValidateFunction {
  if (cached) return cached;
  cached = fallbackSchema ? compileBlueprintValidator(fallbackSchema).validate : (require(STANDALONE) as ValidateFunction);
  return cached;
}
