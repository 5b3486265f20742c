// The topology diagram: Mermaid for the Markdown, Graphviz (WebAssembly) SVG for the HTML.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { indexModel, siteContext } from '../../generators/runbooks/context.js';
import { compareScenarios } from '../../generators/runbooks/format.js';
import { renderSvg } from '../../generators/runbooks/graphviz.js';
import { buildTopology, toDot, toMermaid } from '../../generators/runbooks/topology.js';
import { EXAMPLES, EMPTY, loadModel, blueprintPath, MAIN_EXAMPLE, REPO, htmlTags } from './support.js';

function graphs(name: string) {
  const { model } = loadModel(blueprintPath(name));
  const index = indexModel(model, EMPTY);
  return model.sites.map((site) => {
    const ctx = siteContext(index, site, compareScenarios);
    return { site, ctx, graph: buildTopology(ctx) };
  });
}

/** Node ids declared in a Mermaid flowchart, and the edges' endpoints. */
function parseMermaid(src: string): { nodes: string[]; subgraphs: string[]; edges: [string, string][]; depthOk: boolean } {
  const nodes: string[] = [];
  const subgraphs: string[] = [];
  const edges: [string, string][] = [];
  let depth = 0;
  let depthOk = true;
  for (const line of src.split('\n').slice(1)) {
    const t = line.trim();
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (\w+) \["[^"]*"\]$/.exec(t))) {
      subgraphs.push(m[1]!);
      depth++;
    } else if (t === 'end') {
      depth--;
      if (depth < 0) depthOk = false;
    } else if ((m = /^(\w+) (-\.->|==>|-->)(?:\|"[^"]*"\|)? (\w+)$/.exec(t))) edges.push([m[1]!, m[3]!]);
    else if ((m = /^(\w+)(\[\/|\[\\|\[\(|\[\[|\(\[|\(\(|\{\{|\[|\(|>)"[^"]*"(\/\]|\\\]|\)\]|\]\]|\]\)|\)\)|\}\}|\]|\))$/.exec(t))) nodes.push(m[1]!);
    else if (!/^(classDef \w+ [\w:;\- ]+|class [\w,]+ \w+)$/.test(t)) throw new Error(`unexpected Mermaid line: ${t}`);
  }
  return { nodes, subgraphs, edges, depthOk: depthOk && depth === 0 };
}

describe('topology', () => {
  it.each(EXAMPLES)('%s: the Mermaid flowchart is well formed and shows every gateway, trunk and provider', (name) => {
    for (const { ctx, graph } of graphs(name)) {
      const src = toMermaid(graph);
      expect(src.split('\n')[0]).toBe('flowchart TB');
      const m = parseMermaid(src);
      expect(m.depthOk).toBe(true);
      expect(new Set(m.nodes).size).toBe(m.nodes.length);
      const declared = new Set(m.nodes);
      for (const [from, to] of m.edges) {
        expect(declared.has(from), from).toBe(true);
        expect(declared.has(to), to).toBe(true);
      }
      const id = (p: string, x: string) => `${p}_${x.replace(/-/g, '_')}`;
      for (const g of ctx.gateways) expect(declared.has(id('gw', g.id)), g.id).toBe(true);
      for (const t of ctx.trunks) expect(declared.has(id('tr', t.id)), t.id).toBe(true);
      for (const t of ctx.trunks) expect(declared.has(id('pr', t.provider)), t.provider).toBe(true);
      for (const z of ctx.site.fireZones) expect(m.subgraphs).toContain(id('z', z.id));
      for (const b of ctx.site.buildings) expect(m.subgraphs).toContain(id('b', b.id));
      for (const u of ctx.site.power.ups) expect(declared.has(id('ups', u.id))).toBe(true);
      // Every standby relation between shown gateways is drawn.
      for (const g of ctx.gateways) for (const s of g.standbyFor) if (ctx.gateways.some((x) => x.id === s.gateway)) expect(src).toContain(`${id('gw', g.id)} -.->|"${s.mode} standby"| ${id('gw', s.gateway)}`);
    }
  });

  it('shows the standbys that matter to the site: the other site\'s PBX in a mutual standby, not another branch\'s survivable gateway', () => {
    const ids = (name: string, site: string) => new Set(graphs(name).find((g) => g.site.id === site)!.ctx.gateways.map((g) => g.id));
    expect(ids('c-option2-mutual-standby.yaml', 'leipzig')).toEqual(new Set(['pbx-berlin', 'pbx-leipzig']));
    const augsburg = ids('f-cloud-pbx-local-survivable.yaml', 'augsburg');
    expect(augsburg.has('lsg-augsburg')).toBe(true);
    expect(augsburg.has('cloud-pbx-a')).toBe(true);
    expect(augsburg.has('lsg-muenchen')).toBe(false);
  });

  it('renders to an inline SVG that is byte-stable, within a process and across processes', async () => {
    const [{ graph }] = graphs(MAIN_EXAMPLE);
    const dot = toDot(graph!);
    const a = await renderSvg(dot, 'Topology');
    expect(await renderSvg(dot, 'Topology')).toBe(a);
    const script = `import { renderSvg } from './generators/runbooks/graphviz.ts';\nprocess.stdout.write(await renderSvg(${JSON.stringify(dot)}, 'Topology'));`;
    const other = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(other).toBe(a);
    expect(a.startsWith('<svg role="img" aria-label="Topology" class="topology"')).toBe(true);
    expect(a).not.toMatch(/<\?xml|<!DOCTYPE|<!--|graphviz version|<svg[^>]*\swidth=/);
    expect(a).toMatch(/viewBox="[\d. -]+"/);
    // Every gateway and trunk of the site is labelled in the drawing.
    for (const label of ['pbx-east', 'pbx-west', 'telekom-pri', 'swu-sip', 'Deutsche Telekom', 'SWU TeleNet', 'duct-north', 'ups-east']) expect(a.replace(/&#45;/g, '-')).toContain(`>${label}<`);
    expect(new Set(htmlTags(a).map((t) => t.name))).toEqual(new Set(['svg', 'g', 'title', 'polygon', 'text', 'path', 'ellipse']));
  });

  it('draws black on white only, so that it prints in black and white', async () => {
    const [{ graph }] = graphs(MAIN_EXAMPLE);
    const svg = await renderSvg(toDot(graph!), 'x');
    const colours = new Set([...svg.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((m) => m[1]));
    expect([...colours].sort()).toEqual(['black', 'none', 'white']);
  });
});
