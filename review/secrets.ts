// Secrets never appear in a review: the value of a key that looks like a secret, and every
// reference to one (AWS Secrets Manager, SSM parameters, environment placeholders, sensitive
// Terraform variables), are replaced by a mask. Better one masked harmless value than one leak.

export const MASK = '(secret, hidden)';

/** Key names that hold secrets: passwords, tokens, keys, pre-shared keys, SNMP communities, ... */
const SECRET_KEY =
  /(pass(word|wd|phrase)?$|password|passwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|auth[-_]?(key|pass)|credential|pre[-_]?shared|^psk$|[-_]psk$|community|session[-_]?key|signing[-_]?key|encryption[-_]?key|^key[-_]?material$)/i;

/**
 * References to one secret, masked wherever they stand: secret references of blueprints
 * (`aws-sm:NAME`, `ssm:/PATH`, `env:NAME`), Secrets Manager and SSM parameter ARNs, Terraform
 * expressions that read a Secrets Manager or SSM resource, and private keys. An IAM action such
 * as `secretsmanager:GetSecretValue` names no secret and stays readable.
 */
const REFERENCES: readonly RegExp[] = [
  /\b(aws-sm|ssm|env):[^\s"',;)}\]]+/g,
  /arn:aws[\w-]*:secretsmanager:[^\s"',]+/g,
  /arn:aws[\w-]*:ssm:[^\s"',]*:parameter\/[^\s"',]*/g,
  /\$\{[^}]*\b(aws_secretsmanager_\w+|aws_ssm_parameter)\.[^}]*\}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Replaces every secret reference in a text (also `${var.X}` of a sensitive variable X). */
export function maskReferences(text: string, sensitiveVariables: ReadonlySet<string> = new Set()): { text: string; masked: boolean } {
  let out = text;
  for (const re of REFERENCES) out = out.replace(re, MASK);
  if (sensitiveVariables.size > 0) {
    out = out.replace(/\$\{[^}]*\bvar\.([A-Za-z_][\w-]*)[^}]*\}/g, (whole: string, name: string) => (sensitiveVariables.has(name) ? MASK : whole));
  }
  return { text: out, masked: out !== text };
}

/** True when a value (a string, or any string inside an array or object) is or references a secret. */
export function referencesSecret(value: unknown, sensitiveVariables: ReadonlySet<string> = new Set()): boolean {
  return maskReferences(JSON.stringify(value) ?? '', sensitiveVariables).masked;
}

// `key = value`, `key: value`, `"key": "value"` anywhere on a line; `key value` (keepalived and
// similar configs) only at the start of a line, so that prose in runbooks stays readable.
const ASSIGNMENT = /((["']?)([A-Za-z0-9_.-]+)\2(\s*[:=]\s*))("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;#)}\]]+)/g;
const LEADING_PAIR = /^(\s*([A-Za-z0-9_.-]+)\s+)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;#)}\]:=][^\s,;#)}\]]*)/;

function masked(lead: string, key: string, value: string, whole: string): string {
  if (!isSecretKey(key) || /^[{[(]$/.test(value)) return whole;
  const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
  return `${lead}${quote}${MASK}${quote}`;
}

/** Masks secrets in one line of a text file (device config, runbook) before it goes into a diff. */
export function maskLine(line: string): string {
  let out = line.replace(ASSIGNMENT, (whole: string, lead: string, _q: string, key: string, _sep: string, value: string) => masked(lead, key, value, whole));
  if (out === line) out = out.replace(LEADING_PAIR, (whole: string, lead: string, key: string, value: string) => masked(lead, key, value, whole));
  return maskReferences(out).text;
}
