// Secrets never appear in a review: the value of a key that looks like a secret, and any value
// that references one (AWS Secrets Manager, SSM parameters, environment placeholders, sensitive
// Terraform variables), are replaced by a mask. Better one masked harmless value than one leak.

export const MASK = '(secret, hidden)';

/** Key names that hold secrets: passwords, tokens, keys, pre-shared keys, SNMP communities, ... */
const SECRET_KEY =
  /(pass(word|wd|phrase)?$|password|passwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|auth[-_]?(key|pass)|credential|pre[-_]?shared|^psk$|[-_]psk$|community|session[-_]?key|signing[-_]?key|encryption[-_]?key|^key[-_]?material$)/i;

/** Values that are, or point at, a secret. */
const SECRET_VALUE =
  /(aws-sm:|\bssm:[/A-Za-z]|\benv:[A-Za-z_]|secretsmanager|aws_secretsmanager|aws_ssm_parameter|:secretsmanager:|:ssm:[^\s]*:parameter\/|-----BEGIN [A-Z ]*PRIVATE KEY|\bsensitive\()/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** True when a value (a string, or any string inside an array or object) is or references a secret. */
export function referencesSecret(value: unknown, sensitiveVariables: ReadonlySet<string> = new Set()): boolean {
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value)) return true;
    for (const m of value.matchAll(/\bvar\.([A-Za-z_][\w-]*)/g)) if (sensitiveVariables.has(m[1]!)) return true;
    return false;
  }
  if (Array.isArray(value)) return value.some((v) => referencesSecret(v, sensitiveVariables));
  if (value && typeof value === 'object') return Object.values(value).some((v) => referencesSecret(v, sensitiveVariables));
  return false;
}

// `key = value`, `key: value`, `"key": "value"` anywhere on a line; `key value` (keepalived and
// similar configs) only at the start of a line, so that prose in runbooks stays readable.
const ASSIGNMENT = /((["']?)([A-Za-z0-9_.-]+)\2(\s*[:=]\s*))("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;#)}\]]+)/g;
const LEADING_PAIR = /^(\s*([A-Za-z0-9_.-]+)\s+)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;#)}\]:=][^\s,;#)}\]]*)/;
const REFERENCE = /(aws-sm:|\bssm:|\benv:)[^\s"',;)}\]]+/g;

function masked(lead: string, key: string, value: string, whole: string): string {
  if (!isSecretKey(key) || /^[{[(]$/.test(value)) return whole;
  const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
  return `${lead}${quote}${MASK}${quote}`;
}

/** Masks secrets in one line of a text file (device config, runbook) before it goes into a diff. */
export function maskLine(line: string): string {
  let out = line.replace(ASSIGNMENT, (whole: string, lead: string, _q: string, key: string, _sep: string, value: string) => masked(lead, key, value, whole));
  if (out === line) out = out.replace(LEADING_PAIR, (whole: string, lead: string, key: string, value: string) => masked(lead, key, value, whole));
  return out.replace(REFERENCE, (_m: string, scheme: string) => `${scheme}${MASK}`);
}
