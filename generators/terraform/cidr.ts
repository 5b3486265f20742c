// IPv4 arithmetic for the network plan: subnets of a VPC, and summarising long CIDR lists so
// that security groups and route tables stay within AWS quotas for large fleets.

export interface Cidr4 {
  readonly base: number;
  readonly prefix: number;
}

export function parseIpv4(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function parseCidr(cidr: string): Cidr4 | null {
  const [ip, len] = cidr.split('/');
  const base = parseIpv4(ip ?? '');
  const prefix = Number(len);
  if (base === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix };
}

export function formatCidr(c: Cidr4): string {
  return `${formatIpv4(c.base)}/${c.prefix}`;
}

/** Terraform's cidrsubnet(prefix, newbits, netnum). */
export function cidrSubnet(cidr: string, newBits: number, netNum: number): string {
  const c = parseCidr(cidr);
  if (!c) throw new Error(`invalid CIDR '${cidr}'`);
  const prefix = c.prefix + newBits;
  if (prefix > 32 || netNum < 0 || netNum >= 2 ** newBits) throw new Error(`cannot take subnet ${netNum} of /${prefix} from ${cidr}`);
  return formatCidr({ base: c.base + netNum * 2 ** (32 - prefix), prefix });
}

export function contains(outer: Cidr4, inner: Cidr4): boolean {
  return inner.prefix >= outer.prefix && inner.base - (inner.base % 2 ** (32 - outer.prefix)) === outer.base;
}

/** True for a public (globally routable) IPv4 address: not private, loopback, link-local, CGNAT or multicast. */
export function isPublicIpv4(ip: string): boolean {
  const n = parseIpv4(ip);
  if (n === null) return false;
  const special = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'];
  return !special.some((s) => contains(parseCidr(s)!, { base: n, prefix: 32 }));
}

export const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

/** Removes duplicates and networks covered by another entry; sorted numerically. */
export function normaliseCidrs(list: readonly string[]): string[] {
  const parsed = [...new Set(list)].map((c) => parseCidr(c)).filter((c): c is Cidr4 => c !== null);
  parsed.sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  // Aligned blocks are nested or disjoint; sorted by base (larger first on ties), a block is
  // covered exactly when it ends within the furthest-reaching block kept so far.
  const out: Cidr4[] = [];
  let reach = -1;
  for (const c of parsed) {
    const end = c.base + 2 ** (32 - c.prefix) - 1;
    if (end <= reach) continue;
    out.push(c);
    reach = end;
  }
  return out.map(formatCidr);
}

/**
 * A list of at most `max` networks covering every entry while possible: exact while it fits;
 * otherwise private networks collapse into the RFC 1918 blocks that contain them, which is what
 * a hand-written configuration for a large fleet does. If the public ones alone still exceed
 * `max`, they are left out (`dropped`): no security group can list them all.
 */
export function summariseCidrs(list: readonly string[], max: number): { cidrs: string[]; summarised: boolean; dropped: string[] } {
  const exact = normaliseCidrs(list);
  if (exact.length <= max) return { cidrs: exact, summarised: false, dropped: [] };
  const blocks = PRIVATE_BLOCKS.map((b) => parseCidr(b)!);
  const privateOnes: string[] = [];
  const publicOnes: string[] = [];
  for (const c of exact) {
    const p = parseCidr(c)!;
    const block = blocks.find((b) => contains(b, p));
    if (block) privateOnes.push(formatCidr(block));
    else publicOnes.push(c);
  }
  const collapsed = normaliseCidrs(privateOnes);
  if (collapsed.length + publicOnes.length <= max) return { cidrs: normaliseCidrs([...collapsed, ...publicOnes]), summarised: true, dropped: [] };
  return { cidrs: collapsed, summarised: true, dropped: publicOnes };
}
