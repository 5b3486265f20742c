// Where a gateway physically runs, for the rules that compare a standby with its primary.
import type { Gateway, Site } from '../../model/types.js';

export interface Spot {
  readonly site: string;
  readonly building: string;
  readonly fireZone: string;
  readonly room: string | null;
}

/** The places a gateway runs: its own for an appliance, its cluster's hosts for a VM (the first one without HA/FT). */
export function spotsOf(g: Gateway, site: Site | undefined): Spot[] {
  if (g.placement.type !== 'site' || !site) return [];
  const p = g.placement;
  if (g.form !== 'virtual') return [{ site: p.site, building: p.building, fireZone: p.fireZone, room: p.room }];
  const cluster = site.vmClusters.find((c) => c.id === p.cluster);
  if (!cluster) return [];
  const hosts = cluster.mode === 'none' ? cluster.hosts.slice(0, 1) : cluster.hosts;
  return hosts.flatMap((h) => {
    const host = site.vmHosts.find((x) => x.id === h);
    return host ? [{ site: p.site, building: host.building, fireZone: host.fireZone, room: host.room }] : [];
  });
}

/** The one value all spots share, or null when they differ (or there are none). */
export function shared<K extends keyof Spot>(spots: readonly Spot[], key: K): Spot[K] | null {
  if (spots.length === 0) return null;
  const first = spots[0]![key];
  return spots.every((s) => s[key] === first) ? first : null;
}
