// Read access to a synthesized stack for the rules: blocks by type and local references.
import type { Block, StackView } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function stackView(name: string, config: Obj, index = 0): StackView {
  const byType = new Map<string, Block[]>();
  const byAddress = new Map<string, Block>();
  const collect = (section: unknown, prefix: string) => {
    if (!isObj(section)) return;
    for (const type of Object.keys(section).sort()) {
      const named = section[type];
      if (!isObj(named)) continue;
      for (const n of Object.keys(named).sort()) {
        const body = named[n];
        if (!isObj(body)) continue;
        const block: Block = { stack: name, address: `${prefix}${type}.${n}`, type, name: n, body };
        byAddress.set(block.address, block);
        if (prefix) continue;
        const list = byType.get(type);
        if (list) list.push(block);
        else byType.set(type, [block]);
      }
    }
  };
  collect(config['resource'], '');
  collect(config['data'], 'data.');
  return {
    name,
    index,
    config,
    resources: (type) => byType.get(type) ?? [],
    referenced: (expression) => {
      if (typeof expression !== 'string') return null;
      const m = /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z0-9_]+\}$/.exec(expression);
      return m ? byAddress.get(m[1]!) ?? null : null;
    },
  };
}

/** Terraform JSON allows a nested block as an object or a one-element list. */
export function nested(body: Obj, key: string): Obj[] {
  const v = body[key];
  if (Array.isArray(v)) return v.filter(isObj);
  return isObj(v) ? [v] : [];
}

export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** True when a block's expression refers to the given block (e.g. `${aws_instance.x.id}`). */
export function refersTo(expression: unknown, block: Block): boolean {
  return typeof expression === 'string' && expression.startsWith(`\${${block.address}.`);
}

/**
 * The blocks some of `expressions` refer to, for asking `refersTo` of many blocks at once: every
 * prefix of an expression that ends before a dot could be `${<address>`.
 */
export function referredPrefixes(expressions: Iterable<unknown>): { refersToAny(block: Block): boolean } {
  const prefixes = new Set<string>();
  for (const e of expressions) {
    if (typeof e !== 'string' || !e.startsWith('${')) continue;
    for (let i = e.indexOf('.'); i >= 0; i = e.indexOf('.', i + 1)) prefixes.add(e.slice(0, i));
  }
  return { refersToAny: (block) => prefixes.has(`\${${block.address}`) };
}

export const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Ingress or egress rules of any form: standalone vpc rules, security_group_rule, inline blocks. */
export interface FlatRule {
  readonly block: Block;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidrs: readonly string[];
}

export function securityRules(view: StackView): FlatRule[] {
  const out: FlatRule[] = [];
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?[0-9]+$/.test(v) ? Number(v) : d);
  const push = (block: Block, direction: 'ingress' | 'egress', r: Obj, cidrKeys: readonly string[]) => {
    const protocol = String(r['ip_protocol'] ?? r['protocol'] ?? '-1');
    const all = protocol === '-1' || protocol === 'all';
    out.push({
      block,
      direction,
      protocol: all ? '-1' : protocol,
      from: all ? 0 : num(r['from_port'], 0),
      to: all ? 65535 : num(r['to_port'], 65535),
      cidrs: cidrKeys.flatMap((k) => asArray(r[k])).filter((c): c is string => typeof c === 'string'),
    });
  };
  for (const b of view.resources('aws_vpc_security_group_ingress_rule')) push(b, 'ingress', b.body, ['cidr_ipv4', 'cidr_ipv6']);
  for (const b of view.resources('aws_vpc_security_group_egress_rule')) push(b, 'egress', b.body, ['cidr_ipv4', 'cidr_ipv6']);
  for (const b of view.resources('aws_security_group_rule')) push(b, b.body['type'] === 'egress' ? 'egress' : 'ingress', b.body, ['cidr_blocks', 'ipv6_cidr_blocks']);
  for (const b of view.resources('aws_security_group')) {
    for (const r of nested(b.body, 'ingress')) push(b, 'ingress', r, ['cidr_blocks', 'ipv6_cidr_blocks']);
    for (const r of nested(b.body, 'egress')) push(b, 'egress', r, ['cidr_blocks', 'ipv6_cidr_blocks']);
  }
  return out;
}

/** SIP (UDP/TCP/TLS) ports or the media range: what a SIP gateway must offer its peers. */
export function isVoicePortRange(protocol: string, from: number, to: number, sipPorts: ReadonlySet<number>, media: { from: number; to: number }): boolean {
  if (protocol === 'udp' && from >= media.from && to <= media.to) return true;
  if (protocol !== 'udp' && protocol !== 'tcp') return false;
  if (to < from || to - from > 16) return false;
  for (let p = from; p <= to; p++) if (!sipPorts.has(p)) return false;
  return true;
}
