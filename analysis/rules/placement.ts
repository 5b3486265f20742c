// Where a gateway physically runs, for the rules that compare a standby with its primary.
import type { Gateway, Site } from '../../model/types.js';

export interface Spot {
  readonly site: string;
  readonly building: string;
  readonly fireZone: string;
  readonly room: string | null;
}

/** The places a gateway runs: its own for an appliance, its cluster's hosts for a VM (only its normal host without HA/FT). */
export function spotsOf(g: Gateway, site: Site | undefined): Spot[] {
  if (g.placement.type !== 'site' || !site) return [];
  const p = g.placement;
  if (g.form !== 'virtual') return [{ site: p.site, building: p.building, fireZone: p.fireZone, room: p.room }];
  const cluster = site.vmClusters.find((c) => c.id === p.cluster);
  if (!cluster) return [];
  const all = cluster.hosts.map((h) => site.vmHosts.find((x) => x.id === h)).filter((h) => h !== undefined);
  const normal = (p.room !== null ? all.find((h) => h.room === p.room) : undefined) ?? all.find((h) => h.fireZone === p.fireZone) ?? all[0];
  const hosts = cluster.mode === 'none' ? (normal ? [normal] : []) : all;
  return hosts.map((host) => ({ site: p.site, building: host.building, fireZone: host.fireZone, room: host.room }));
}

/** The one value all spots share, or null when they differ (or there are none). */
export function shared<K extends keyof Spot>(spots: readonly Spot[], key: K): Spot[K] | null {
  if (spots.length === 0) return null;
  const first = spots[0]![key];
  return spots.every((s) => s[key] === first) ? first : null;
}
