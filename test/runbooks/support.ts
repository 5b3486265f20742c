// Helpers for the runbook tests: example loading, hand-built assessments, a hostile blueprint,
// Markdown table splitting and a small PNG decoder for the screenshot checks.
import { readFileSync, readdirSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { loadBlueprintText } from '../../load/load.js';
import { analyse } from '../../analysis/index.js';
import type { Assessment, FailureDomain, Finding, PolicyVerdict, Scenario, Switchover, Verdict } from '../../analysis/types.js';
import type { Model, ServiceKind } from '../../model/types.js';
import { runbookFiles } from '../../generators/runbooks/generator.js';
import type { GeneratedFile, GeneratorOptions } from '../../generators/types.js';
import { REPO, blueprintPath, loadModel } from '../support/compile.js';

export { REPO, blueprintPath, loadModel };

/** The example blueprints (YAML), sorted. */
export const EXAMPLES: readonly string[] = readdirSync(`${REPO}blueprints`)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

export const MAIN_EXAMPLE = 'a-single-site-hot-standby.yaml';

/** A fixed date, so acknowledgements do not expire while the tests run. */
export const TODAY = '2026-01-01';

export function loadExample(name: string): { model: Model; assessment: Assessment } {
  const { model } = loadModel(blueprintPath(name));
  return { model, assessment: analyse(model, { today: TODAY }) };
}

/** Loads a blueprint given as a JS object (serialised to JSON), failing loudly on errors. */
export function modelFromObject(bp: unknown, name = 'test.json'): Model {
  const r = loadBlueprintText(name, Buffer.from(JSON.stringify(bp)));
  if (!r.model) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message} ${JSON.stringify(d.location)}`).join('\n'));
  return r.model;
}

export function exampleObject(name = MAIN_EXAMPLE): Record<string, any> {
  return parseYaml(readFileSync(blueprintPath(name), 'utf8')) as Record<string, any>;
}

/** A stand-in for Graphviz where a test does not look at the diagram. */
export const stubSvg = async (dot: string): Promise<string> => `<svg class="topology" data-dot-bytes="${dot.length}"></svg>`;

export async function generate(model: Model, assessment: Assessment, options: GeneratorOptions = {}, real = false): Promise<Map<string, string>> {
  const files: GeneratedFile[] = await runbookFiles(model, assessment, options, real ? {} : { renderSvg: stubSvg });
  return new Map(files.map((f) => [f.path, String(f.content)]));
}

export const HOSTILE = {
  deployment: 'Meyer | <script>alert(1)</script> *Logistik* _GmbH_',
  site: 'Ulm | HQ <img src=x onerror=alert(2)> *bold* [link](http://evil.example) # `code` $x$ & "quoted" ~del~',
  building: 'Main "building" \\n \\l',
  zone: 'East | wing # 1. </td></tr>',
  route: '</style><script>alert(3)</script>',
  provider: 'Deutsche | Telekom <b>bold</b>',
  contact: '# On-call | engineer',
  policy: '1. Emergency | calls `always` {{site.name}}',
  gateway: 'PBX "east" {{site.name}} ]]>',
};

/** Example a with hostile text in every kind of free-text field. */
export function hostileBlueprint(): Record<string, any> {
  const bp = exampleObject();
  bp.deployment.name = HOSTILE.deployment;
  bp.deployment.onCall.contacts[0].name = HOSTILE.contact;
  bp.sites[0].name = HOSTILE.site;
  bp.sites[0].buildings[0].name = HOSTILE.building;
  bp.sites[0].buildings[0].fireZones[0].name = HOSTILE.zone;
  bp.sites[0].supplyLines[0].route = HOSTILE.route;
  bp.providers[0].name = HOSTILE.provider;
  bp.policies[0].description = HOSTILE.policy;
  bp.gateways[0].name = HOSTILE.gateway;
  return bp;
}


/** Every tag of an HTML text (outside comments), with its name and attribute names. */
export function htmlTags(html: string): { name: string; attributes: string[]; raw: string }[] {
  const out: { name: string; attributes: string[]; raw: string }[] = [];
  for (const m of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<\/?([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>/g)) {
    const attrs = m[2]!.replace(/"[^"]*"|'[^']*'/g, '');
    out.push({ name: m[1]!.toLowerCase(), attributes: [...attrs.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=/g)].map((a) => a[1]!.toLowerCase()), raw: m[0] });
  }
  return out;
}

// --- Hand-built assessments ---------------------------------------------------------------

export const EMPTY: Assessment = { version: 1, domains: [], scenarios: [], matrix: [], policies: [], pointsOfFailure: [], findings: [] };

export function domain(id: string, kind: FailureDomain['kind'], path: string, label: string, site: string | null = 'ulm'): FailureDomain {
  return { id, kind, site, path, label };
}

export function scenario(id: string, cls: Scenario['class'], domains: string[], label: string, origin: Scenario['origin'] = 'single', durationMinutes: number | null = null): Scenario {
  return { id, class: cls, label, domains, durationMinutes, origin };
}

export const HOT: Switchover = {
  totalSeconds: 45,
  automatic: true,
  parts: [
    { label: 'detection (5 s x 3)', seconds: 15 },
    { label: 're-registration of phones and trunks', seconds: 30 },
  ],
  activeCallsDropped: true,
};
export const NONE: Switchover = { totalSeconds: 0, automatic: true, parts: [], activeCallsDropped: false };

export function verdict(scenarioId: string, service: ServiceKind, survives: boolean, extra: Partial<Verdict> = {}, site = 'ulm'): Verdict {
  return {
    site,
    service,
    kind: service,
    scenario: scenarioId,
    survives,
    switchover: survives ? NONE : null,
    path: survives ? [{ kind: 'gateway', id: 'pbx-east', path: 'gateways/pbx-east', note: 'normal operation' }] : null,
    cut: survives ? null : [scenarioId],
    reason: survives ? 'Survives without switchover.' : `Fails: ${service} is cut.`,
    ...extra,
  };
}

export function assessment(parts: {
  domains?: readonly FailureDomain[];
  scenarios?: readonly Scenario[];
  matrix?: readonly Verdict[];
  policies?: readonly PolicyVerdict[];
  findings?: readonly Finding[];
}): Assessment {
  return { ...EMPTY, domains: parts.domains ?? [], scenarios: parts.scenarios ?? [], matrix: parts.matrix ?? [], policies: parts.policies ?? [], findings: parts.findings ?? [] };
}

// --- Markdown -------------------------------------------------------------------------------

/** Splits a Markdown table row on its unescaped pipes (a pipe after an odd run of backslashes is text). */
export function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let backslashes = 0;
  for (const ch of line) {
    if (ch === '|' && backslashes % 2 === 0) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  cells.push(cur);
  return cells.slice(1, -1).map((c) => c.trim());
}

/** Every table in a Markdown text: its header cells and rows of cells. */
export function markdownTables(md: string): { header: string[]; rows: string[][]; line: number }[] {
  const lines = md.split('\n');
  const out: { header: string[]; rows: string[][]; line: number }[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) inFence = !inFence;
    if (inFence) continue;
    if (lines[i]!.startsWith('|') && /^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1] ?? '')) {
      const header = splitRow(lines[i]!);
      const rows: string[][] = [];
      let j = i + 2;
      while (j < lines.length && lines[j]!.startsWith('|')) rows.push(splitRow(lines[j++]!));
      out.push({ header, rows, line: i + 1 });
      i = j - 1;
    }
  }
  return out;
}

/** The text of a Markdown section from its heading to the next heading of the same or a higher level. */
export function section(md: string, heading: RegExp): string {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) return '';
  const level = /^#+/.exec(lines[start]!)![0].length;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#+) /.exec(lines[i]!);
    if (m && m[1]!.length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n');
}

// --- PNG ------------------------------------------------------------------------------------

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) into RGBA pixels. */
export function decodePng(buf: Buffer): { width: number; height: number; rgba: Uint8Array } {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!channels) throw new Error(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      out.set([cur[x * channels]!, cur[x * channels + 1]!, cur[x * channels + 2]!, channels === 4 ? cur[x * channels + 3]! : 255], (y * width + x) * 4);
    }
    prev = cur;
  }
  return { width, height, rgba: out };
}

/** Share of pixels that are clearly not white, and how many distinct grey levels appear. */
export function inkStats(png: { width: number; height: number; rgba: Uint8Array }): { inked: number; dark: number; levels: number } {
  let inked = 0;
  let dark = 0;
  const levels = new Set<number>();
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const lum = (png.rgba[i * 4]! * 299 + png.rgba[i * 4 + 1]! * 587 + png.rgba[i * 4 + 2]! * 114) / 1000;
    if (lum < 235) inked++;
    if (lum < 80) dark++;
    levels.add(Math.round(lum / 16));
  }
  return { inked: inked / n, dark: dark / n, levels: levels.size };
}
