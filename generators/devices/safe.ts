// Strict value checks for everything that goes into a device file. A model can come from a
// blueprint (already schema-checked) or from a TypeScript app (not), so every value is checked
// here again, before any template sees it. A value that fails becomes an UnsafeValue diagnostic
// naming the construct path; the value itself never reaches an output.
import { createDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import { ID_PATTERN } from '../../schema/blueprint.js';

/** One strict pattern (or predicate) per kind of value, with the wording the diagnostic uses. */
export interface ValueKind {
  readonly description: string;
  readonly test: (value: unknown) => boolean;
}

const re = (pattern: RegExp, description: string): ValueKind => ({
  description,
  test: (v) => typeof v === 'string' && pattern.test(v),
});

const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isIpv6(v: string): boolean {
  if (!/^[0-9A-Fa-f:]{2,39}$/.test(v) || !v.includes(':')) return false;
  const double = v.split('::');
  if (double.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const parts = [...groups(double[0]!), ...(double.length === 2 ? groups(double[1]!) : [])];
  if (parts.some((p) => p.length < 1 || p.length > 4)) return false;
  return double.length === 2 ? parts.length < 8 : parts.length === 8;
}

export const isIpv4 = (v: string): boolean => IPV4.test(v);
export const isIpv6Address = isIpv6;

/** Bidirectional-text controls and line/paragraph separators: invisible, and they reorder text. */
const INVISIBLE = /[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

export const Kinds = {
  id: re(new RegExp(ID_PATTERN), 'an id (1-48 lowercase letters, digits and inner hyphens)'),
  host: {
    description: 'a host name, IPv4 or IPv6 address',
    test: (v: unknown) => typeof v === 'string' && (IPV4.test(v) || isIpv6(v) || (HOSTNAME.test(v) && !/^[0-9.]+$/.test(v))),
  },
  ipv4: re(IPV4, 'an IPv4 address'),
  port: { description: 'a port number from 1 to 65535', test: (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535 },
  virtualIp: re(
    /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\/(?:[0-9]|[12][0-9]|3[0-2]))?$/,
    'an IPv4 address with an optional prefix length, e.g. 10.10.0.10/24',
  ),
  cidr: re(/^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\/(?:[0-9]|[12][0-9]|3[0-2])$/, 'an IPv4 network in CIDR notation'),
  interface: re(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, 'a network interface name (up to 15 letters, digits, _ . -)'),
  vrid: { description: 'a VRRP router id from 1 to 255', test: (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 255 },
  email: re(/^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$/, 'an e-mail address'),
  /** Stricter than the blueprint schema: no `..` segment, and env: names an environment variable. */
  secretRef: {
    description: 'a secret reference (aws-sm:NAME, ssm:/PATH or env:NAME, without ..)',
    test: (v: unknown) =>
      typeof v === 'string' &&
      /^(aws-sm|ssm|env):[A-Za-z0-9/_.+=@-]{1,256}$/.test(v) &&
      !v.includes('..') &&
      (!v.startsWith('env:') || /^env:[A-Za-z_][A-Za-z0-9_]{0,255}$/.test(v)),
  },
  emergencyNumber: re(/^[0-9]{2,6}$/, 'an emergency number of 2 to 6 digits'),
  area: re(/^[A-Z]{2}-[A-Za-z0-9-]{1,16}$/, 'an emergency routing area such as DE-0731'),
  country: re(/^[A-Z]{2}$/, 'an ISO 3166 country code'),
  numberRange: re(/^\+[0-9]{4,15}(?:-[0-9]{1,6})?$/, 'an E.164 prefix with an optional extension range, e.g. +49731400-0'),
  region: re(/^[a-z]{2}(?:-[a-z]+)+-[0-9]$/, 'a cloud region such as eu-central-1'),
  az: re(/^[a-z]{2}(?:-[a-z]+)+-[0-9][a-z]$/, 'an availability zone such as eu-central-1a'),
  /** Names and other text meant for people: device.json only, never a dialect config. */
  text: {
    description: 'single-line text of 1 to 200 characters without control or bidirectional-override characters',
    test: (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 200 && !/[\u0000-\u001f\u007f-\u009f]/.test(v) && !INVISIBLE.test(v),
  },
} as const satisfies Record<string, ValueKind>;

export type KindName = keyof typeof Kinds;

export const numberIn = (min: number, max: number, unit: string, integer = false): ValueKind => ({
  description: `${integer ? 'a whole number' : 'a number'} ${unit ? `of ${unit} ` : ''}from ${min} to ${max}`,
  test: (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)),
});

export const oneOf = <T extends string>(values: readonly T[]): ValueKind => ({
  description: `one of ${values.join(', ')}`,
  test: (v) => typeof v === 'string' && (values as readonly string[]).includes(v),
});

/** How an unsafe value is shown in a diagnostic: escaped, shortened, secrets hidden. */
export function describeValue(value: unknown, kind: ValueKind): string {
  if (kind === Kinds.secretRef) return '(hidden: it may be a secret)';
  if (value === null || value === undefined) return '(none)';
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const short = s.length > 40 ? `${s.slice(0, 40)}...` : s;
  return JSON.stringify(short).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Checks values and collects UnsafeValue diagnostics, one per construct path and dialect (a trunk
 * shared by twenty gateways is reported once). Failures are counted, so a caller can ask whether
 * anything failed since a mark: `const m = c.mark(); ...; if (c.failedSince(m)) ...`.
 */
export class ValueChecker {
  private readonly reported = new Set<string>();
  private failures = 0;
  readonly diagnostics: Diagnostic[] = [];

  mark(): number {
    return this.failures;
  }

  failedSince(mark: number): boolean {
    return this.failures > mark;
  }

  /** Counts a failure already reported elsewhere (e.g. a shared trunk that failed before). */
  taint(): void {
    this.failures++;
  }

  /** The value when it is of the kind, else undefined (and a diagnostic). */
  check<T>(value: T, kind: ValueKind, path: string, dialect = 'device'): T | undefined {
    if (kind.test(value)) return value;
    this.fail(path, describeValue(value, kind), dialect, kind.description);
    return undefined;
  }

  /** For values that may be absent: null passes as null. */
  optional<T>(value: T | null, kind: ValueKind, path: string, dialect = 'device'): T | null | undefined {
    return value === null ? null : this.check(value, kind, path, dialect);
  }

  /** Every item, or undefined when any fails. */
  list<T>(values: readonly T[], kind: ValueKind, path: string, dialect = 'device'): T[] | undefined {
    if (!Array.isArray(values)) {
      this.fail(path, describeValue(values, kind), dialect, `a list of ${kind.description}`);
      return undefined;
    }
    const m = this.mark();
    values.forEach((v, i) => this.check(v, kind, `${path}/${i}`, dialect));
    return this.failedSince(m) ? undefined : [...values];
  }

  fail(rawPath: string, shown: string, dialect: string, expected: string): void {
    this.failures++;
    // A path is built from ids; when an id itself is unsafe, the path shows it escaped.
    const path = rawPath.replace(/[^A-Za-z0-9/_.:@-]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const key = `${path}\u0000${dialect}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(createDiagnostic('UnsafeValue', { path }, [shown, path, dialect, expected]));
  }
}
