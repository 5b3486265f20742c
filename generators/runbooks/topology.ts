// Section 2: the topology of a site as one graph (buildings, fire zones, rooms, power, PoE
// switches, supply lines, uplinks, gateways with their standby relations, trunks, providers),
// written twice: as Mermaid for the Markdown (GitHub renders it) and as Graphviz DOT, which the
// generator renders to an inline SVG for the HTML. Shapes and line styles, never colours alone,
// tell the kinds apart, so the printed diagram reads in black and white.
import type { Gateway } from '../../model/types.js';
import type { SiteContext } from './context.js';
import { trunkKind } from './describe.js';
import { escapeDot, escapeMermaid } from './escape.js';
import type { Fact } from './view.js';

export type NodeKind = 'gateway' | 'standby' | 'remote' | 'feed' | 'ups' | 'generator' | 'poe' | 'host' | 'line' | 'uplink' | 'trunk' | 'provider';
export type EdgeKind = 'power' | 'backup-power' | 'hot' | 'cold' | 'phones' | 'carries' | 'via' | 'from' | 'runs-on' | 'master';

export interface TopologyNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Lines of the label. */
  readonly lines: readonly string[];
}
export interface TopologyCluster {
  readonly id: string;
  readonly label: string;
  readonly dashed: boolean;
  readonly nodes: TopologyNode[];
  readonly clusters: TopologyCluster[];
}
export interface TopologyEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label: string | null;
}
export interface TopologyGraph {
  readonly title: string;
  /** Top-level clusters (the site, remote sites, the cloud) and loose nodes (providers). */
  readonly root: TopologyCluster;
  readonly edges: readonly TopologyEdge[];
}

const nid = (prefix: string, id: string) => `${prefix}_${id.replace(/-/g, '_')}`;

const named = (name: string, id: string) => (name && name !== id ? [id, name] : [id]);

export function buildTopology(ctx: SiteContext): TopologyGraph {
  const { site, index } = ctx;
  const root: TopologyCluster = { id: 'root', label: '', dashed: false, nodes: [], clusters: [] };
  const siteCluster: TopologyCluster = { id: nid('site', site.id), label: `Site ${site.name}`, dashed: false, nodes: [], clusters: [] };
  root.clusters.push(siteCluster);
  const edges: TopologyEdge[] = [];
  const buildings = new Map<string, TopologyCluster>();
  const zones = new Map<string, TopologyCluster>();
  const rooms = new Map<string, TopologyCluster>();
  for (const b of site.buildings) {
    const c: TopologyCluster = { id: nid('b', b.id), label: b.name !== b.id ? `Building ${b.name} (${b.id})` : `Building ${b.id}`, dashed: false, nodes: [], clusters: [] };
    buildings.set(b.id, c);
    siteCluster.clusters.push(c);
  }
  for (const z of site.fireZones) {
    const c: TopologyCluster = { id: nid('z', z.id), label: z.name !== z.id ? `Fire zone ${z.name} (${z.id})` : `Fire zone ${z.id}`, dashed: true, nodes: [], clusters: [] };
    zones.set(z.id, c);
    buildings.get(z.building)?.clusters.push(c);
  }
  const roomCluster = (roomId: string | null): TopologyCluster | null => {
    if (!roomId) return null;
    const existing = rooms.get(roomId);
    if (existing) return existing;
    const r = site.rooms.find((x) => x.id === roomId);
    if (!r) return null;
    const c: TopologyCluster = {
      id: nid('r', r.id),
      label: `${r.name !== r.id ? `${r.name} (${r.id})` : `Room ${r.id}`}${r.cooling.length ? `, cooled by ${r.cooling.join(', ')}` : ', no cooling'}`,
      dashed: false,
      nodes: [],
      clusters: [],
    };
    rooms.set(roomId, c);
    zones.get(r.fireZone)?.clusters.push(c);
    return c;
  };
  const zoneOrSite = (zone: string | null) => (zone ? zones.get(zone) ?? siteCluster : siteCluster);

  // Power.
  for (const f of site.power.feeds) siteCluster.nodes.push({ id: nid('feed', f.id), kind: 'feed', lines: [...named(f.name, f.id), 'mains feed'] });
  for (const g of site.power.generators) siteCluster.nodes.push({ id: nid('gen', g.id), kind: 'generator', lines: [...named(g.name, g.id), `generator, ${g.runtimeHours} h`] });
  for (const u of site.power.ups) {
    zoneOrSite(u.fireZone).nodes.push({ id: nid('ups', u.id), kind: 'ups', lines: [...named(u.name, u.id), `UPS, ${u.autonomyMinutes} min`] });
    for (const i of u.inputs) edges.push({ from: site.power.generators.some((g) => g.id === i) ? nid('gen', i) : nid('feed', i), to: nid('ups', u.id), kind: 'power', label: null });
    if (u.generator) edges.push({ from: nid('gen', u.generator), to: nid('ups', u.id), kind: 'backup-power', label: null });
  }
  const powerNode = (id: string) => (site.power.ups.some((u) => u.id === id) ? nid('ups', id) : nid('feed', id));

  // PoE switches (the phones).
  for (const p of site.poeSwitches) {
    zoneOrSite(p.fireZone).nodes.push({ id: nid('poe', p.id), kind: 'poe', lines: [p.id, `PoE switch, ${p.phones} phones`] });
    edges.push({ from: powerNode(p.power), to: nid('poe', p.id), kind: 'power', label: null });
  }

  // Virtualization hosts.
  for (const h of site.vmHosts) {
    (roomCluster(h.room) ?? zoneOrSite(h.fireZone)).nodes.push({ id: nid('host', h.id), kind: 'host', lines: [h.id, 'virtualization host'] });
    for (const p of h.psus) edges.push({ from: powerNode(p), to: nid('host', h.id), kind: 'power', label: null });
  }

  // Gateways: local ones in their room or zone, cloud ones in their zone, remote ones in their site.
  const remote = new Map<string, TopologyCluster>();
  const remoteCluster = (key: string, label: string): TopologyCluster => {
    let c = remote.get(key);
    if (!c) {
      c = { id: nid('x', key.replace(/[^a-z0-9-]/g, '-')), label, dashed: true, nodes: [], clusters: [] };
      remote.set(key, c);
    }
    return c;
  };
  const gatewayKind = (g: Gateway): NodeKind => (g.standbyFor.length > 0 && g.serves.length === 0 ? 'standby' : 'gateway');
  for (const g of ctx.gateways) {
    const role = g.serves.includes(site.id) ? 'primary' : g.standbyFor.length ? g.standbyFor.map((s) => `${s.mode} standby`).join(', ') : g.serves.length ? `serves ${g.serves.join(', ')}` : g.kind;
    const node: TopologyNode = { id: nid('gw', g.id), kind: g.placement.type === 'site' && g.placement.site === site.id ? gatewayKind(g) : 'remote', lines: [...named(g.name, g.id), [g.model, role].filter(Boolean).join(', ')] };
    const p = g.placement;
    if (p.type === 'cloud') remoteCluster(`cloud-${p.az}`, `Cloud ${p.region}, zone ${p.az}`).nodes.push(node);
    else if (p.site !== site.id) remoteCluster(`site-${p.site}`, `Site ${index.sites.get(p.site)?.name ?? p.site}`).nodes.push(node);
    else (roomCluster(p.room) ?? zoneOrSite(p.fireZone)).nodes.push(node);
    if (p.type === 'site' && p.site === site.id) {
      for (const s of g.psus) edges.push({ from: powerNode(s), to: nid('gw', g.id), kind: 'power', label: null });
      if (p.cluster) {
        const cluster = site.vmClusters.find((c) => c.id === p.cluster);
        for (const h of cluster?.hosts ?? []) edges.push({ from: nid('host', h), to: nid('gw', g.id), kind: 'runs-on', label: cluster?.mode === 'none' ? 'runs on' : `runs on (${cluster?.mode.toUpperCase()})` });
      }
    }
  }
  const shown = new Set(ctx.gateways.map((g) => g.id));
  for (const g of ctx.gateways) {
    for (const s of g.standbyFor) if (shown.has(s.gateway)) edges.push({ from: nid('gw', g.id), to: nid('gw', s.gateway), kind: s.mode, label: `${s.mode} standby` });
    if (g.master && shown.has(g.master)) edges.push({ from: nid('gw', g.id), to: nid('gw', g.master), kind: 'master', label: 'slave of' });
  }
  for (const p of site.poeSwitches) {
    for (const g of ctx.primaries) edges.push({ from: nid('poe', p.id), to: nid('gw', g.id), kind: 'phones', label: null });
  }

  // Supply lines, uplinks, trunks, providers.
  for (const l of site.supplyLines) {
    (buildings.get(l.building) ?? siteCluster).nodes.push({ id: nid('line', l.id), kind: 'line', lines: [...named(l.name, l.id), l.route ? `supply line: ${l.route}` : 'supply line'] });
  }
  const providers = new Set<string>();
  for (const u of site.uplinks) {
    const where = u.fireZone ? zones.get(u.fireZone) : u.supplyLine ? buildings.get(site.supplyLines.find((l) => l.id === u.supplyLine)?.building ?? '') : undefined;
    (where ?? siteCluster).nodes.push({ id: nid('up', u.id), kind: 'uplink', lines: [u.id, `uplink, ${u.kind}${u.vpn ? ', VPN' : ''}`] });
    if (u.supplyLine) edges.push({ from: nid('up', u.id), to: nid('line', u.supplyLine), kind: 'via', label: null });
    edges.push({ from: u.supplyLine ? nid('line', u.supplyLine) : nid('up', u.id), to: nid('pr', u.provider), kind: 'from', label: u.supplyLine ? `uplink ${u.id}` : null });
    if (u.power) edges.push({ from: powerNode(u.power), to: nid('up', u.id), kind: 'power', label: null });
    providers.add(u.provider);
  }
  for (const t of ctx.trunks) {
    const lines = [t.id, `${trunkKind(t)} trunk, ${t.channels} ch.`];
    if (t.numberBlocks.length) lines.push(`numbers ${t.numberBlocks.map((n) => site.numberBlocks.find((b) => b.id === n)?.range ?? n).join(', ')}`);
    if (t.emergency.capable) lines.push('emergency calls');
    const node: TopologyNode = { id: nid('tr', t.id), kind: 'trunk', lines };
    if (t.site === site.id) siteCluster.nodes.push(node);
    else root.nodes.push(node);
    for (const g of t.gateways) if (shown.has(g)) edges.push({ from: nid('gw', g), to: nid('tr', t.id), kind: 'carries', label: null });
    if (t.site === site.id && t.supplyLine) edges.push({ from: nid('tr', t.id), to: nid('line', t.supplyLine), kind: 'via', label: null });
    if (t.site === site.id && t.uplink) edges.push({ from: nid('tr', t.id), to: nid('up', t.uplink), kind: 'via', label: null });
    if (t.site === site.id && t.supplyLine) edges.push({ from: nid('line', t.supplyLine), to: nid('pr', t.provider), kind: 'from', label: `trunk ${t.id}` });
    else if (!(t.site === site.id && t.uplink)) edges.push({ from: nid('tr', t.id), to: nid('pr', t.provider), kind: 'from', label: null });
    providers.add(t.provider);
  }
  for (const id of [...providers].sort()) {
    const p = index.providers.get(id);
    root.nodes.push({ id: nid('pr', id), kind: 'provider', lines: [p?.name ?? id, p ? (p.kind === 'carrier' ? 'carrier' : p.kind === 'isp' ? 'internet provider' : 'cloud') : 'provider'] });
  }
  for (const c of [...remote.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) root.clusters.push(c);

  // Drop empty rooms/zones are kept (they show the fire zones), but edges to unknown nodes are not.
  const known = new Set<string>();
  const collect = (c: TopologyCluster) => {
    for (const n of c.nodes) known.add(n.id);
    c.clusters.forEach(collect);
  };
  collect(root);
  const seen = new Set<string>();
  const kept = edges.filter((e) => {
    const key = `${e.from}>${e.to}>${e.kind}`;
    if (!known.has(e.from) || !known.has(e.to) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { title: `Topology of ${site.name}`, root, edges: kept };
}

/** Every node names its kind in its label; the legend explains borders and line styles. */
export const TOPOLOGY_LEGEND: readonly Fact[] = [
  { label: 'Bold border', value: 'gateway serving the site in normal operation' },
  { label: 'Dashed border', value: 'standby gateway, or a gateway at another site or in the cloud (rounded)' },
  { label: 'Dashed frame', value: 'fire zone (a fire or flood does not spread beyond it), another site, or a cloud zone' },
  { label: 'Dotted arrow', value: 'power: mains feed or generator to UPS, UPS or feed to a device' },
  { label: 'Dashed arrow', value: 'standby relation (hot or cold, pointing to the gateway it stands in for) or VM placement' },
  { label: 'Thick arrow', value: 'phones on a PoE switch register at the gateway' },
  { label: 'Solid arrow', value: 'gateway to trunk, trunk or uplink to its supply line, supply line to the provider' },
];

// --- Mermaid -------------------------------------------------------------------------------

const MERMAID_SHAPES: Record<NodeKind, [string, string]> = {
  gateway: ['["', '"]'],
  standby: ['["', '"]'],
  remote: ['("', '")'],
  feed: ['[/"', '"\\]'],
  ups: ['[("', '")]'],
  generator: ['>"', '"]'],
  poe: ['(["', '"])'],
  host: ['[["', '"]]'],
  line: ['[/"', '"/]'],
  uplink: ['[\\"', '"\\]'],
  trunk: ['{{"', '"}}'],
  provider: ['(("', '"))'],
};

const MERMAID_ARROWS: Record<EdgeKind, string> = {
  power: '-.->',
  'backup-power': '-.->',
  hot: '-.->',
  cold: '-.->',
  'runs-on': '-.->',
  phones: '==>',
  carries: '-->',
  via: '-->',
  from: '-->',
  master: '-->',
};

export function toMermaid(g: TopologyGraph): string {
  const out: string[] = ['flowchart TB'];
  const label = (lines: readonly string[]) => lines.map(escapeMermaid).join('<br/>');
  const writeCluster = (c: TopologyCluster, depth: number) => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}subgraph ${c.id} ["${escapeMermaid(c.label)}"]`);
    writeBody(c, depth + 1);
    out.push(`${pad}end`);
  };
  const writeBody = (c: TopologyCluster, depth: number) => {
    const pad = '  '.repeat(depth);
    for (const n of c.nodes) {
      const [open, close] = MERMAID_SHAPES[n.kind];
      out.push(`${pad}${n.id}${open}${label(n.lines)}${close}`);
    }
    for (const sub of c.clusters) writeCluster(sub, depth);
  };
  writeBody(g.root, 1);
  for (const e of g.edges) {
    const arrow = MERMAID_ARROWS[e.kind];
    out.push(e.label ? `  ${e.from} ${arrow}|"${escapeMermaid(e.label)}"| ${e.to}` : `  ${e.from} ${arrow} ${e.to}`);
  }
  out.push('  classDef primary stroke-width:3px');
  out.push('  classDef standby stroke-dasharray:6 4');
  out.push('  classDef remote stroke-dasharray:3 3');
  const ids = (kind: NodeKind) => {
    const list: string[] = [];
    const walk = (c: TopologyCluster) => {
      for (const n of c.nodes) if (n.kind === kind) list.push(n.id);
      c.clusters.forEach(walk);
    };
    walk(g.root);
    return list;
  };
  const primary = ids('gateway');
  const standby = ids('standby');
  if (primary.length) out.push(`  class ${primary.join(',')} primary`);
  if (standby.length) out.push(`  class ${standby.join(',')} standby`);
  const remote = ids('remote');
  if (remote.length) out.push(`  class ${remote.join(',')} remote`);
  return out.join('\n');
}

// --- Graphviz DOT ---------------------------------------------------------------------------

const DOT_NODES: Record<NodeKind, string> = {
  gateway: 'shape=box penwidth=2.5',
  standby: 'shape=box style=dashed penwidth=1.5',
  remote: 'shape=box style="rounded,dashed"',
  feed: 'shape=trapezium',
  ups: 'shape=cylinder',
  generator: 'shape=box peripheries=2',
  poe: 'shape=box style=rounded',
  host: 'shape=box3d',
  line: 'shape=parallelogram',
  uplink: 'shape=parallelogram style=dashed',
  trunk: 'shape=hexagon',
  provider: 'shape=ellipse',
};

const DOT_EDGES: Record<EdgeKind, string> = {
  power: 'style=dotted arrowsize=0.6',
  'backup-power': 'style=dotted arrowsize=0.6',
  hot: 'style=dashed penwidth=1.5 constraint=false',
  cold: 'style=dashed constraint=false',
  'runs-on': 'style=dashed arrowsize=0.6',
  phones: 'penwidth=2.5',
  carries: '',
  via: '',
  from: '',
  master: 'style=bold constraint=false',
};

export function toDot(g: TopologyGraph): string {
  const q = (s: string) => `"${escapeDot(s)}"`;
  const label = (lines: readonly string[]) => `"${lines.map(escapeDot).join('\\n')}"`;
  const out: string[] = [
    `digraph ${q(g.title)} {`,
    '  graph [rankdir=TB fontname="Helvetica" fontsize=10 nodesep=0.25 ranksep=0.5 newrank=true bgcolor="white"];',
    '  node [fontname="Helvetica" fontsize=9 margin="0.08,0.04" color="black" fontcolor="black"];',
    '  edge [fontname="Helvetica" fontsize=8 color="black" fontcolor="black"];',
  ];
  const writeBody = (c: TopologyCluster, depth: number) => {
    const pad = '  '.repeat(depth);
    for (const n of c.nodes) out.push(`${pad}${n.id} [label=${label(n.lines)} ${DOT_NODES[n.kind]}];`);
    for (const sub of c.clusters) {
      out.push(`${pad}subgraph cluster_${sub.id} {`);
      out.push(`${pad}  label=${q(sub.label)}; labeljust=l; style=${sub.dashed ? 'dashed' : 'solid'};`);
      writeBody(sub, depth + 1);
      out.push(`${pad}}`);
    }
  };
  writeBody(g.root, 1);
  for (const e of g.edges) {
    const attrs = [DOT_EDGES[e.kind], e.label ? `label=${q(e.label)}` : ''].filter(Boolean).join(' ');
    out.push(`  ${e.from} -> ${e.to}${attrs ? ` [${attrs}]` : ''};`);
  }
  out.push('}');
  return out.join('\n');
}
