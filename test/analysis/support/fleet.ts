// Test fleets: a blueprint replicated n times with renamed sites, gateways and trunks (providers,
// policies and monitoring shared), the shape of a carrier's fleet of similar customers.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { resolveBlueprint } from '../../../model/resolve.js';
import type { Model } from '../../../model/types.js';
import type { Blueprint } from '../../../schema/blueprint.js';
import { blueprintPath } from '../../support/compile.js';

export function readBlueprint(name: string): Blueprint {
  return parse(readFileSync(blueprintPath(name), 'utf8')) as Blueprint;
}

/** Resolves a plain blueprint object; fails loudly with the diagnostics when it has errors. */
export function resolvePlain(bp: Blueprint): Model {
  const { model, bag } = resolveBlueprint(bp, () => ({}));
  if (!model) throw new Error(bag.all.map((d) => `${d.code} ${d.message}`).join('\n'));
  return model;
}

export function replicate(bp: Blueprint, n: number): Blueprint {
  const sites: Blueprint['sites'] = [];
  const gateways: Blueprint['gateways'] = [];
  const trunks: NonNullable<Blueprint['trunks']> = [];
  for (let i = 0; i < n; i++) {
    const p = `f${String(i).padStart(5, '0')}-`;
    const siteIds = new Map(bp.sites.map((s) => [s.id, p + s.id]));
    const gwIds = new Map(bp.gateways.map((g) => [g.id, p + g.id]));
    const site = (id: string) => siteIds.get(id) ?? id;
    const gw = (id: string) => gwIds.get(id) ?? id;
    for (const s of bp.sites) sites.push({ ...s, id: site(s.id) });
    for (const g of bp.gateways) {
      gateways.push({
        ...g,
        id: gw(g.id),
        placement: { ...g.placement, ...(g.placement.site ? { site: site(g.placement.site) } : {}) },
        ...(g.serves ? { serves: g.serves.map(site) } : {}),
        ...(g.standbyFor ? { standbyFor: g.standbyFor.map((r) => ({ ...r, gateway: gw(r.gateway) })) } : {}),
        ...(g.master ? { master: gw(g.master) } : {}),
      });
    }
    for (const t of bp.trunks ?? []) {
      trunks.push({ ...t, id: p + t.id, ...(t.site ? { site: site(t.site) } : {}), gateways: t.gateways.map(gw) });
    }
  }
  const policies = (bp.policies ?? []).map((pol) => (pol.sites ? { ...pol, sites: sites.map((s) => s.id).filter((id) => pol.sites!.some((x) => id.endsWith(`-${x}`))) } : pol));
  const acknowledgements = (bp.acknowledgements ?? []).flatMap((a) =>
    Array.from({ length: n }, (_, i) => {
      const p = `f${String(i).padStart(5, '0')}-`;
      return { ...a, target: a.target.replace(/^(sites|gateways|trunks)\/([^/]+)/, (_m, kind: string, id: string) => `${kind}/${p}${id}`) };
    }),
  );
  return { ...bp, sites, gateways, trunks, policies, acknowledgements };
}
