// Schema validation with ajv (strict, allErrors), its errors turned into catalogue diagnostics
// at the line and column of the offending key or value, with did-you-mean hints.
import type { ErrorObject } from 'ajv';
import { blueprintValidator } from '../schema/validator.js';
import { ID_PATTERN } from '../schema/patterns.js';
import { DiagnosticBag, type Location } from '../diagnostics/index.js';
import { didYouMean } from '../model/did-you-mean.js';

/** Keys that hold a secret's value; a blueprint names secrets by reference only. */
const SECRET_KEY = /^(password|passwd|secret|token|api-?key|apikey|passphrase|psk|auth-?key|priv-?key|community)$/i;

const plural = (n: unknown) => (Number(n) === 1 ? '' : 's');

/**
 * A value from the file as it may appear in a one-line diagnostic: control characters escaped
 * (a key or id with a line break must not break the FILE:LINE:COL line) and long text cut.
 */
export function shown(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max - 3)}...` : text;
  return cut.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping of keys to values',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'empty',
};

/** ajv's type names ("string", "integer,string") in words. */
function typeInWords(type: string): string {
  const words = type.split(',').map((t) => TYPE_NAMES[t] ?? t);
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describePointer(pointer: string): string {
  if (pointer === '') return 'the blueprint';
  const path = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^[0-9]+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
  return shown(path, 120);
}

export function validateBlueprint(value: unknown, locate: (pointer: string) => Location, bag: DiagnosticBag): boolean {
  const validate = blueprintValidator();
  if (validate(value)) return true;
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const d = toDiagnostic(err, locate);
    if (!d) continue;
    const key = `${d.pointer}|${d.name}|${d.args.join('|')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bag.report(d.name, locate(d.pointer), d.args);
  }
  return false;
}

type Mapped = { name: Parameters<DiagnosticBag['report']>[0]; pointer: string; args: unknown[] } | null;

function toDiagnostic(err: ErrorObject, _locate: (p: string) => Location): Mapped {
  const at = err.instancePath;
  const where = describePointer(at);
  const schema = err.parentSchema as { description?: string; properties?: Record<string, { description?: string }>; pattern?: string } | undefined;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (SECRET_KEY.test(key)) return { name: 'PlaintextSecret', pointer, args: [describePointer(pointer)] };
      const guess = didYouMean(key, Object.keys(schema?.properties ?? {}));
      return { name: 'UnknownKey', pointer: `${pointer}#key`, args: [shown(key), where, guess ? `; did you mean '${guess}'?` : ''] };
    }
    case 'required': {
      const key = (err.params as { missingProperty: string }).missingProperty;
      const desc = schema?.properties?.[key]?.description ?? 'see docs/blueprint-reference.md';
      return { name: 'MissingKey', pointer: at, args: [key, where, desc.replace(/\.$/, '')] };
    }
    case 'type':
      return { name: 'WrongType', pointer: at, args: [where, typeInWords(String((err.params as { type: string | string[] }).type))] };
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
      const guess = typeof err.data === 'string' ? didYouMean(err.data, allowed.map(String)) : null;
      return { name: 'BadValue', pointer: at, args: [where, allowed.join(', '), guess ? `; did you mean '${guess}'?` : ''] };
    }
    case 'const':
      return { name: 'BadValue', pointer: at, args: [where, JSON.stringify((err.params as { allowedValue: unknown }).allowedValue), ''] };
    case 'pattern': {
      const pattern = (err.params as { pattern: string }).pattern;
      if (pattern === ID_PATTERN) return { name: 'BadId', pointer: at, args: [typeof err.data === 'string' ? shown(err.data) : where] };
      if (pattern.startsWith('^(aws-sm|ssm|env):')) return { name: 'PlaintextSecret', pointer: at, args: [where] };
      return { name: 'BadPattern', pointer: at, args: [where, (schema?.description ?? pattern).replace(/\.$/, '')] };
    }
    case 'format':
      return { name: 'BadPattern', pointer: at, args: [where, 'a date YYYY-MM-DD'] };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { name: 'OutOfRange', pointer: at, args: [where, `${err.message ?? ''}`.replace(/^must be /, '')] };
    case 'minItems':
      return { name: 'TooFew', pointer: at, args: [where, (err.params as { limit: number }).limit] };
    case 'uniqueItems':
      return { name: 'Duplicate', pointer: at, args: [where] };
    case 'minLength':
      return { name: 'OutOfRange', pointer: at, args: [where, `at least ${(err.params as { limit: number }).limit} character${plural((err.params as { limit: number }).limit)} long`] };
    case 'maxLength':
      return { name: 'OutOfRange', pointer: at, args: [where, `at most ${(err.params as { limit: number }).limit} characters long`] };
    case 'if':
    case 'anyOf':
      return null;
    default:
      return { name: 'SchemaOther', pointer: at, args: [where, err.message ?? err.keyword] };
  }
}
