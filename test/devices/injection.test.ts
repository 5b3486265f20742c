// No blueprint text can inject a config line. Values with a newline, `;`, `#!`, quotes, `{{`,
// `$(...)`, `../` or non-ASCII characters are refused with a coded error and appear in no output:
// - in a blueprint, by the schema (RBC1xxx) before anything is generated;
// - in a model handed to the generator directly (a TypeScript app could build one), by the
//   generator's own checks (RBC4003 UnsafeValue naming the construct path); the device gets no
//   files at all.
// Free text (names, models) never enters a dialect config; it appears only JSON-escaped in
// device.json, and even there without control characters.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBlueprint } from '../../cli/pipeline.js';
import type { Gateway, Model, Site, StandbyOf, Trunk } from '../../model/types.js';
import { EDGE_DEFAULTS, edgeBlueprintYaml, writeTempBlueprint } from './fixtures.js';
import { edgeModel, generate, text } from './support.js';

const PAYLOADS = ['10.0.0.1\n#!define LISTEN udp:0.0.0.0:5060', 'a;b', '#!define LISTEN x', 'a"b', "a'b", '{{id}}', '$(reboot)', '../../etc/passwd', 'zürich', 'x\r\ny', 'a\u2028b'];

const base = edgeModel();
const gw = (m: Model, id: string, change: (g: Gateway) => Gateway): Model => ({ ...m, gateways: m.gateways.map((g) => (g.id === id ? change(g) : g)) });
const trunk = (m: Model, id: string, change: (t: Trunk) => Trunk): Model => ({ ...m, trunks: m.trunks.map((t) => (t.id === id ? change(t) : t)) });
const site = (m: Model, change: (s: Site) => Site): Model => ({ ...m, sites: m.sites.map(change) });
const relation = (m: Model, id: string, change: (r: StandbyOf) => StandbyOf): Model => gw(m, id, (g) => ({ ...g, standbyFor: g.standbyFor.map(change) }));

/** Where a value is put into the model, and the construct path the diagnostic must name. */
const FIELDS: readonly { field: string; path: string; put: (m: Model, v: unknown) => Model }[] = [
  { field: 'gateway address (edge)', path: 'gateways/sbc-east/address', put: (m, v) => gw(m, 'sbc-east', (g) => ({ ...g, address: v as string })) },
  { field: 'gateway address (dispatcher destination)', path: 'gateways/pbx-west/address', put: (m, v) => gw(m, 'pbx-west', (g) => ({ ...g, address: v as string })) },
  { field: 'SIP port', path: 'gateways/pbx-east/sipPort', put: (m, v) => gw(m, 'pbx-east', (g) => ({ ...g, sipPort: v as number })) },
  { field: 'gateway name', path: 'gateways/sbc-west/name', put: (m, v) => gw(m, 'sbc-west', (g) => ({ ...g, name: `${v as string}\n` })) },
  { field: 'gateway service', path: 'gateways/pbx-east/services/0', put: (m, v) => gw(m, 'pbx-east', (g) => ({ ...g, services: [v as never] })) },
  { field: 'placement room', path: 'gateways/sbc-east/placement/room', put: (m, v) => gw(m, 'sbc-east', (g) => ({ ...g, placement: { ...(g.placement as Extract<Gateway['placement'], { type: 'site' }>), room: v as string } })) },
  { field: 'trunk registrar', path: 'trunks/carrier-b-sip/registrar', put: (m, v) => trunk(m, 'carrier-b-sip', (t) => ({ ...t, registrar: v as string })) },
  { field: 'trunk credentials reference', path: 'trunks/carrier-b-sip/credentials', put: (m, v) => trunk(m, 'carrier-b-sip', (t) => ({ ...t, credentials: `env:${v as string}` })) },
  { field: 'trunk emergency area', path: 'trunks/carrier-a-pri/emergency/areas/0', put: (m, v) => trunk(m, 'carrier-a-pri', (t) => ({ ...t, emergency: { ...t.emergency, areas: [v as string] } })) },
  { field: 'emergency number', path: 'sites/ulm/emergency/numbers/0', put: (m, v) => site(m, (s) => ({ ...s, emergency: { ...s.emergency, numbers: [v as string] } })) },
  { field: 'VRRP virtual IP', path: 'gateways/sbc-west/standbyFor/sbc-east/vrrp/virtualIp', put: (m, v) => relation(m, 'sbc-west', (r) => ({ ...r, vrrp: { ...r.vrrp!, virtualIp: v as string } })) },
  { field: 'VRRP interface', path: 'gateways/sbc-west/standbyFor/sbc-east/vrrp/interface', put: (m, v) => relation(m, 'sbc-west', (r) => ({ ...r, vrrp: { ...r.vrrp!, interface: v as string } })) },
  { field: 'probe interval', path: 'gateways/pbx-west/standbyFor/pbx-east/detection/probeIntervalSeconds', put: (m, v) => relation(m, 'pbx-west', (r) => ({ ...r, detection: { ...r.detection, probeIntervalSeconds: v as number } })) },
  { field: 'syslog host', path: 'monitoring/syslog/host', put: (m, v) => ({ ...m, monitoring: { ...m.monitoring, syslog: { host: v as string, port: 514 } } }) },
  { field: 'alert e-mail', path: 'monitoring/alertEmails/0', put: (m, v) => ({ ...m, monitoring: { ...m.monitoring, alertEmails: [`${v as string}@example.com`] } }) },
  { field: 'SNMP credentials reference', path: 'monitoring/snmp/credentials', put: (m, v) => ({ ...m, monitoring: { ...m.monitoring, snmp: { version: 'v3', manager: '10.0.0.5', credentials: `aws-sm:${v as string}` } } }) },
  { field: 'deployment id', path: 'deployment/id', put: (m, v) => ({ ...m, deployment: { ...m.deployment, id: v as string } }) },
];

function everyOutput(files: readonly { path: string; content: string | Uint8Array }[]): string {
  return files.map((f) => `${f.path}\n${text(f as never)}`).join('\n');
}

describe('a model with an unsafe value is refused by the generator', () => {
  const cases = FIELDS.flatMap((f) => PAYLOADS.map((p) => ({ ...f, payload: p })));
  it.each(cases)('$field = $payload', ({ path, put, payload, field }) => {
    const r = generate(put(base, payload));
    const unsafe = r.diagnostics.filter((d) => d.code === 'RBC4003');
    expect(unsafe.map((d) => d.location.path), JSON.stringify(r.diagnostics)).toContain(path);
    expect(unsafe.every((d) => d.category === 'error')).toBe(true);
    const all = everyOutput(r.files);
    expect(all).not.toContain(payload);
    // the payload's dangerous parts are nowhere either (e.g. the name's newline)
    for (const f of r.files) if (!f.path.endsWith('.json')) expect(text(f), f.path).not.toMatch(/[^\x20-\x7e\n\t]/);
    // an unsafe value anywhere: no device file at all
    expect(r.files).toEqual([]);
    // a secret reference is never echoed, even in the diagnostic
    if (field.includes('credentials')) for (const d of unsafe) expect(d.message).not.toContain(payload);
  });

  it.each([
    ['a port out of range', 'gateways/pbx-east/sipPort', (m: Model) => gw(m, 'pbx-east', (g) => ({ ...g, sipPort: 70000 }))],
    ['a fractional port', 'gateways/pbx-east/sipPort', (m: Model) => gw(m, 'pbx-east', (g) => ({ ...g, sipPort: 5060.5 }))],
    ['a probe interval that is not a number', 'gateways/pbx-west/standbyFor/pbx-east/detection/probeIntervalSeconds', (m: Model) => relation(m, 'pbx-west', (r) => ({ ...r, detection: { ...r.detection, probeIntervalSeconds: Number.NaN } }))],
    ['a VRRP router id out of range', 'gateways/sbc-west/standbyFor/sbc-east/vrrp/vrid', (m: Model) => relation(m, 'sbc-west', (r) => ({ ...r, vrrp: { ...r.vrrp!, vrid: 256 } }))],
    ['an address with an out-of-range octet', 'gateways/pbx-east/address', (m: Model) => gw(m, 'pbx-east', (g) => ({ ...g, address: '10.0.0.300' }))],
  ])('%s', (_what, path, put) => {
    const r = generate(put(base));
    expect(r.diagnostics.filter((d) => d.code === 'RBC4003').map((d) => d.location.path)).toContain(path);
  });

  it('shows an unsafe id escaped in the construct path', () => {
    const r = generate(gw(base, 'pbx-east', (g) => ({ ...g, id: 'pbx\n#!x', path: 'gateways/pbx\n#!x' })));
    const d = r.diagnostics.find((x) => x.code === 'RBC4003')!;
    expect(d.location.path).toBe('gateways/pbx\\u000a\\u0023\\u0021x/id');
    expect(d.message).not.toContain('\n');
  });
});

describe('free text', () => {
  it('never reaches a dialect config, and is JSON-escaped in device.json', () => {
    const name = 'Zürich "east" {{id}} $(reboot); ../x #!KAMAILIO';
    const m = gw(base, 'sbc-east', (g) => ({ ...g, name, model: name }));
    const r = generate(m);
    expect(r.diagnostics.filter((d) => d.category === 'error')).toEqual([]);
    for (const f of r.files.filter((x) => !x.path.endsWith('device.json'))) {
      for (const part of ['Zürich', '"east"', '{{id}}', '$(reboot)', '../x']) expect(text(f), f.path).not.toContain(part);
    }
    const device = r.files.find((f) => f.path === 'devices/ulm/sbc-east/device.json')!;
    expect(JSON.parse(text(device)).name).toBe(name);
  });
});

describe('a blueprint with an unsafe value', () => {
  const yaml = edgeBlueprintYaml(EDGE_DEFAULTS);
  const inject: readonly [string, string, string][] = [
    ['gateway address', 'address: 10.10.1.20', 'address: "10.10.1.20\\n#!define LISTEN udp:0.0.0.0:5060"'],
    ['gateway address with ;', 'address: 10.10.1.20', 'address: "10.10.1.20;reboot"'],
    ['trunk registrar', 'registrar: sip.carrier-b.example', 'registrar: "sip.carrier-b.example\\"; #!x"'],
    ['trunk credentials', 'credentials: env:CARRIER_B_SIP', 'credentials: "env:$(cat /etc/shadow)"'],
    ['emergency number', 'numbers: ["112", "110"]', 'numbers: ["112", "{{id}}"]'],
    ['VRRP virtual IP', 'virtualIp: 10.10.0.10/24', 'virtualIp: "../../etc/passwd"'],
    ['VRRP interface', 'interface: lan0', 'interface: "lan0\'; reboot"'],
    ['syslog host', 'syslog: { host: 10.10.0.5 }', 'syslog: { host: "zürich.example" }'],
    ['gateway id', '- id: sbc-east', '- id: "sbc-east\\n#!"'],
  ];

  it.each(inject)('is refused before generating: %s', async (_what, from, to) => {
    expect(yaml).toContain(from);
    const file = writeTempBlueprint(yaml.replace(from, to));
    const out = join(mkdtempSync(join(tmpdir(), 'rbc-injection-out-')), 'out');
    const result = await compileBlueprint(file, out, { only: ['devices'] });
    const errors = result.diagnostics.filter((d) => d.category === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => /^RBC[0-9]{4}$/.test(d.code))).toBe(true);
    expect(result.written).toBe(false);
    expect(result.files).toEqual([]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
