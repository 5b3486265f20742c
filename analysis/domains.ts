// Failure domains: everything in a model that can fail as a unit, with a stable id. A component
// fails when any domain it depends on fails; analysis/wiring.ts says which.
import type { Gateway, Model, Site } from '../model/types.js';
import type { DomainKind, FailureDomain } from './types.js';

/** Domain ids. Site-scoped elements carry their site; gateway parts use `:` after the gateway. */
export const domainId = {
  site: (site: string) => `site:${site}`,
  building: (site: string, building: string) => `building:${site}/${building}`,
  fireZone: (site: string, zone: string) => `fire-zone:${site}/${zone}`,
  feed: (site: string, feed: string) => `mains-feed:${site}/${feed}`,
  cooling: (site: string, unit: string) => `cooling:${site}/${unit}`,
  supplyLine: (site: string, line: string) => `supply-line:${site}/${line}`,
  provider: (provider: string) => `provider:${provider}`,
  gateway: (gateway: string) => `device:${gateway}`,
  gatewayPart: (gateway: string, part: 'psu' | 'nic' | 'disk') => `device:${gateway}:${part}`,
  siteDevice: (site: string, device: string) => `device:${site}/${device}`,
  hostPsu: (site: string, host: string) => `device:${site}/${host}:psu`,
  uplink: (site: string, uplink: string) => `uplink:${site}/${uplink}`,
  az: (az: string) => `cloud-az:${az}`,
  region: (region: string) => `cloud-region:${region}`,
} as const;

/** Appliance parts that exist only once are failure domains of their own (whitepaper: "loose parts"). */
export function singleParts(g: Gateway): ('psu' | 'nic' | 'disk')[] {
  if (g.form !== 'appliance') return [];
  const parts: ('psu' | 'nic' | 'disk')[] = [];
  if (g.psus.length === 1) parts.push('psu');
  if (g.nics === 1) parts.push('nic');
  if (g.storage === 'single-disk') parts.push('disk');
  return parts;
}

const PART_LABEL = { psu: 'single power supply', nic: 'single network interface', disk: 'single disk' } as const;

/** Every failure domain of the model, sorted by id. */
export function collectDomains(model: Model): FailureDomain[] {
  const out: FailureDomain[] = [];
  const add = (id: string, kind: DomainKind, site: string | null, path: string, label: string) =>
    out.push({ id, kind, site, path, label });
  const siteNames = new Map(model.sites.map((s) => [s.id, s.name]));
  for (const s of model.sites) collectSiteDomains(s, add);
  for (const p of model.providers) add(domainId.provider(p.id), 'provider', null, p.path, `provider ${p.name}`);
  for (const g of model.gateways) {
    const site = g.placement.type === 'site' ? g.placement.site : null;
    const where = site ? ` at ${siteNames.get(site) ?? site}` : g.placement.type === 'cloud' ? ` in ${g.placement.az}` : '';
    add(domainId.gateway(g.id), 'device', site, g.path, `gateway ${g.id}${where}`);
    for (const part of singleParts(g)) add(domainId.gatewayPart(g.id, part), 'device', site, g.path, `${PART_LABEL[part]} of gateway ${g.id}`);
  }
  for (const r of model.cloud?.regions ?? []) {
    add(domainId.region(r.id), 'cloud-region', null, 'cloud', `cloud region ${r.id}`);
    for (const az of r.azs) add(domainId.az(az), 'cloud-az', null, 'cloud', `cloud availability zone ${az}`);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function collectSiteDomains(s: Site, add: (id: string, kind: DomainKind, site: string | null, path: string, label: string) => void): void {
  const at = ` (${s.name})`;
  add(domainId.site(s.id), 'site', s.id, s.path, `site ${s.name}`);
  for (const b of s.buildings) add(domainId.building(s.id, b.id), 'building', s.id, `${s.path}/buildings/${b.id}`, `building ${b.id}${at}`);
  for (const z of s.fireZones) {
    add(domainId.fireZone(s.id, z.id), 'fire-zone', s.id, `${s.path}/fire-zones/${z.id}`, `fire zone ${z.id} (building ${z.building}, ${s.name})`);
  }
  for (const f of s.power.feeds) add(domainId.feed(s.id, f.id), 'mains-feed', s.id, `${s.path}/power/${f.id}`, `mains feed ${f.id}${at}`);
  for (const c of s.cooling) add(domainId.cooling(s.id, c.id), 'cooling', s.id, `${s.path}/cooling/${c.id}`, `cooling unit ${c.id}${at}`);
  for (const l of s.supplyLines) {
    const route = l.route ? `, ${l.route}` : '';
    add(domainId.supplyLine(s.id, l.id), 'supply-line', s.id, `${s.path}/supply-lines/${l.id}`, `supply line ${l.id} (${s.name}${route})`);
  }
  for (const u of s.uplinks) add(domainId.uplink(s.id, u.id), 'uplink', s.id, `${s.path}/uplinks/${u.id}`, `uplink ${u.id}${at}`);
  for (const u of s.power.ups) add(domainId.siteDevice(s.id, u.id), 'device', s.id, `${s.path}/power/${u.id}`, `UPS ${u.id}${at}`);
  for (const g of s.power.generators) add(domainId.siteDevice(s.id, g.id), 'device', s.id, `${s.path}/power/${g.id}`, `generator ${g.id}${at}`);
  for (const p of s.poeSwitches) add(domainId.siteDevice(s.id, p.id), 'device', s.id, `${s.path}/poe-switches/${p.id}`, `PoE switch ${p.id}${at}`);
  for (const h of s.vmHosts) {
    add(domainId.siteDevice(s.id, h.id), 'device', s.id, `${s.path}/vm-hosts/${h.id}`, `virtualization host ${h.id}${at}`);
    if (h.psus.length === 1) add(domainId.hostPsu(s.id, h.id), 'device', s.id, `${s.path}/vm-hosts/${h.id}`, `single power supply of host ${h.id}${at}`);
  }
}

/** Domains with their positions, for the analysis' integer-indexed failure sets. */
export interface DomainTable {
  readonly list: readonly FailureDomain[];
  readonly index: ReadonlyMap<string, number>;
}

export function domainTable(model: Model): DomainTable {
  const list = collectDomains(model);
  return { list, index: new Map(list.map((d, i) => [d.id, i])) };
}
