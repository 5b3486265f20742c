// The ajv validator of the blueprint schema. Compiling it costs ~0.3 s per process, so the build
// writes it once as standalone code (dist/schema/blueprint-validator.cjs, see build-validator.ts);
// when that file is absent (running from source) it is compiled here.
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { blueprintJsonSchema } from './json-schema.js';

const require = createRequire(import.meta.url);

export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

/** A fresh ajv compile of the blueprint schema (the build uses it to emit standalone code). */
export function compileBlueprintValidator(standalone = false): { validate: ValidateFunction; ajv: import('ajv').default } {
  const Ajv = require('ajv').default as typeof import('ajv').default;
  const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: standalone } });
  addFormats(ajv, ['date']);
  return { validate: ajv.compile(blueprintJsonSchema()), ajv };
}

let cached: ValidateFunction | null = null;

export function blueprintValidator(): ValidateFunction {
  if (cached) return cached;
  try {
    cached = require('./blueprint-validator.cjs') as ValidateFunction;
  } catch {
    cached = compileBlueprintValidator().validate;
  }
  return cached;
}
