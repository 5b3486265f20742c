// Points of failure: the minimal cut sets the sites found, merged across sites and ranked by how
// many site-services each takes down (as fault-tree tools rank them).
import type { DomainTable } from './domains.js';
import type { SiteCut } from './site-analysis.js';
import type { CutSet } from './types.js';

export class CutSetCollector {
  /**
   * Keyed by the domain indices (ascending index order is id order: the table is sorted): a
   * number for one or two domains, a string for three.
   */
  private readonly byKey = new Map<number | string, { domains: readonly number[]; affects: { site: string; service: string }[] }>();

  constructor(
    private readonly domains: DomainTable,
    private readonly maxOrder: number,
  ) {}

  add(site: string, cut: SiteCut): void {
    if (cut.domains.length > this.maxOrder) return;
    const n = this.domains.list.length;
    const d = cut.domains;
    const key = d.length === 1 ? d[0]! : d.length === 2 ? (d[0]! + 1) * n + d[1]! : d.join(',');
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { domains: cut.domains, affects: [] };
      this.byKey.set(key, entry);
    }
    entry.affects.push({ site, service: cut.service });
  }

  /** Ranked: most site-services first, then smaller sets, then by domain ids. */
  result(): CutSet[] {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const list = [...this.byKey.values()].map((e) => {
      const ids = e.domains.map((d) => this.domains.list[d]!.id);
      const seen = new Set<string>();
      const affects = e.affects
        .filter((x) => {
          const k = `${x.site}\u0000${x.service}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        })
        .sort((a, b) => cmp(a.site, b.site) || cmp(a.service, b.service));
      return { key: ids.join('+'), cut: { order: ids.length, domains: ids, affects } as CutSet };
    });
    list.sort((a, b) => b.cut.affects.length - a.cut.affects.length || a.cut.order - b.cut.order || cmp(a.key, b.key));
    return list.map((x) => x.cut);
  }
}
