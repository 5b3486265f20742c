// The devices generator without external programs: which files it writes for whom, the neutral
// device.json against its JSON Schema, determinism, the edge's routing order, the VRRP figures
// shared with the analysis, secrets, and templates (own folders, strictness, compiled once).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hotStandbyParts, VRRP_BACKUP_PRIORITY, VRRP_MASTER_PRIORITY, vrrpMasterDownSeconds } from '../../analysis/switchover.js';
import { run } from '../../cli/main.js';
import type { DeviceRecord } from '../../generators/devices/index.js';
import type { GeneratedFile } from '../../generators/types.js';
import { compiledTemplateCount } from '../../generators/devices/templates.js';
import type { Gateway, Model, Trunk } from '../../model/types.js';
import { REPO } from '../support/compile.js';
import { allModels, edgeModel, generate, text } from './support.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default as typeof import('ajv').default;
const validateDevice = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(`${REPO}schema/device.schema.json`, 'utf8')));

const models = allModels();
const byPath = (files: readonly GeneratedFile[]) => new Map(files.map((f) => [f.path, f]));
const record = (files: readonly GeneratedFile[], path: string): DeviceRecord => JSON.parse(text(byPath(files).get(path)!));
const withGateway = (m: Model, id: string, change: (g: Gateway) => Gateway): Model => ({ ...m, gateways: m.gateways.map((g) => (g.id === id ? change(g) : g)) });
const withTrunk = (m: Model, id: string, change: (t: Trunk) => Trunk): Model => ({ ...m, trunks: m.trunks.map((t) => (t.id === id ? change(t) : t)) });

describe.each(models)('devices of $name', ({ model }) => {
  const result = generate(model);

  it('are generated without errors, one device.json per gateway, in its site folder', () => {
    expect(result.diagnostics.filter((d) => d.category === 'error')).toEqual([]);
    for (const g of model.gateways) {
      const folder = g.placement.type === 'site' ? g.placement.site : `cloud-${g.placement.region}`;
      const f = result.files.find((x) => x.path === `devices/${folder}/${g.id}/device.json`);
      expect(f, g.id).toBeDefined();
      expect(f!.site).toBe(g.placement.type === 'site' ? g.placement.site : undefined);
    }
    expect(result.files.filter((f) => f.path.endsWith('/device.json'))).toHaveLength(model.gateways.length);
  });

  it('match schema/device.schema.json and list exactly the files beside them', () => {
    for (const f of result.files.filter((x) => x.path.endsWith('/device.json'))) {
      const json = JSON.parse(text(f));
      expect(validateDevice(json), `${f.path}: ${JSON.stringify(validateDevice.errors)}`).toBe(true);
      const folder = f.path.slice(0, -'device.json'.length);
      const beside = result.files.filter((x) => x.path.startsWith(folder) && x.path !== f.path).map((x) => x.path.slice(folder.length));
      expect((json as DeviceRecord).files.map((x) => x.path)).toEqual(beside.sort());
    }
  });

  it('give every dialect the gateway asks for its files, or a warning saying why not', () => {
    for (const g of model.gateways) {
      const rec = record(result.files, result.files.find((f) => f.path.endsWith(`/${g.id}/device.json`))!.path);
      for (const dialect of g.configs) {
        const has = rec.files.some((f) => f.dialect === dialect);
        const warned = result.diagnostics.some((d) => d.code === 'RBC4201' && d.location.path === g.path && d.message.includes(`'${dialect}'`));
        expect(has !== warned, `${g.id} ${dialect}`).toBe(true);
      }
    }
  });

  it('are byte-identical when generated again', () => {
    const again = generate(model);
    expect(again.files.map((f) => [f.path, text(f)])).toEqual(result.files.map((f) => [f.path, text(f)]));
  });

  it('carry secrets only as references, and only in device.json', () => {
    const refs = [...model.trunks.flatMap((t) => (t.credentials ? [t.credentials] : [])), ...(model.monitoring.snmp ? [model.monitoring.snmp.credentials] : [])];
    for (const f of result.files) {
      for (const ref of refs) if (!f.path.endsWith('device.json')) expect(text(f), f.path).not.toContain(ref);
    }
  });
});

describe('the SIP edge (kamailio)', () => {
  const model = edgeModel();
  const result = generate(model);
  const cfg = text(byPath(result.files).get('devices/ulm/sbc-east/kamailio/kamailio.cfg')!);
  const list = text(byPath(result.files).get('devices/ulm/sbc-east/kamailio/dispatcher.list')!);

  it('routes to the primary first, then its hot standby, in both sets', () => {
    expect(list.split('\n').filter((l) => /^[0-9]/.test(l))).toEqual([
      '1 sip:10.10.1.10:5060 0 20 duid=pbx-east',
      '1 sip:10.10.2.10:5060 0 10 duid=pbx-west',
      '2 sip:10.10.1.10:5060 0 20 duid=pbx-east',
      '2 sip:10.10.2.10:5060 0 10 duid=pbx-west',
    ]);
  });

  it('probes with the model\'s interval and threshold, and accepts only 200 as alive', () => {
    const relation = model.gateways.find((g) => g.id === 'pbx-west')!.standbyFor[0]!;
    expect(cfg).toContain(`#!define DS_PING_INTERVAL ${relation.detection.probeIntervalSeconds}\n`);
    expect(cfg).toContain(`#!define DS_PROBING_THRESHOLD ${relation.detection.failureThreshold}\n`);
    expect(cfg).toContain('modparam("dispatcher", "ds_probing_mode", 1)');
    expect(cfg).not.toMatch(/^modparam\("dispatcher", "ds_ping_reply_codes"/m);
    expect(cfg).not.toMatch(/class=4|code=408/);
    expect(cfg).toContain('ds_select_dst("1", "8")');
    // the failure route marks the dead destination before trying the next one
    const failure = cfg.slice(cfg.indexOf('failure_route[DISPATCH_FAILOVER]'));
    expect(failure.indexOf('ds_mark_dst("ip")')).toBeGreaterThan(0);
    expect(failure.indexOf('ds_next_dst()')).toBeGreaterThan(failure.indexOf('ds_mark_dst("ip")'));
  });

  it('keeps its failure-route timer within the window the analysis predicts', () => {
    const relation = model.gateways.find((g) => g.id === 'pbx-west')!.standbyFor[0]!;
    const predicted = hotStandbyParts(relation.detection).reduce((s, p) => s + p.seconds, 0);
    const fr = Number(/#!define FR_TIMER ([0-9]+)/.exec(cfg)![1]);
    expect(fr / 1000).toBeLessThanOrEqual(predicted);
  });

  it('puts every tunable behind #!ifndef so a test or an operator can override it', () => {
    for (const name of ['LISTEN', 'LISTEN_VIRTUAL', 'CTL_SOCKET', 'DISPATCHER_LIST', 'DS_PING_INTERVAL', 'DS_PROBING_THRESHOLD', 'FR_TIMER']) {
      expect(cfg).toMatch(new RegExp(`#!ifndef ${name}\\n#!define ${name} [^\\n]+\\n#!endif\\n`));
    }
    expect(cfg).toContain('#!define LISTEN_VIRTUAL udp:10.10.0.10:5060');
  });

  it('sends emergency numbers only to gateways with an emergency-capable trunk for the site', () => {
    expect(cfg).toContain('$rU =~ "^(110|112)$"');
    // pbx-west loses its only emergency-capable trunk: set 2 keeps pbx-east only
    const m = withTrunk(model, 'carrier-a-pri', (t) => ({ ...t, gateways: ['pbx-east'] }));
    const r = generate(m);
    const l = text(byPath(r.files).get('devices/ulm/sbc-east/kamailio/dispatcher.list')!);
    expect(l).toContain('2 sip:10.10.1.10:5060 0 20 duid=pbx-east');
    expect(l).not.toContain('2 sip:10.10.2.10');
    // a trunk valid for another area does not count
    const other = withTrunk(model, 'carrier-a-pri', (t) => ({ ...t, emergency: { capable: true, areas: ['DE-089'] } }));
    const r2 = generate(other);
    expect(r2.diagnostics.map((d) => d.code)).toContain('RBC4202');
    const l2 = text(byPath(r2.files).get('devices/ulm/sbc-east/kamailio/dispatcher.list')!);
    expect(l2.split('\n').filter((x) => x.startsWith('2 '))).toEqual([]);
    expect(text(byPath(r2.files).get('devices/ulm/sbc-east/kamailio/kamailio.cfg')!)).toContain('ds_select_dst("1", "8")');
  });

  it('routes cold standbys after hot ones', () => {
    const cold: Gateway = { ...model.gateways.find((g) => g.id === 'pbx-west')!, id: 'pbx-cold', path: 'gateways/pbx-cold', address: '10.10.3.10', standbyFor: [{ ...model.gateways.find((g) => g.id === 'pbx-west')!.standbyFor[0]!, mode: 'cold' }] };
    const m = { ...model, gateways: [...model.gateways, cold].sort((a, b) => (a.id < b.id ? -1 : 1)) };
    const r = generate(m);
    const rec = record(r.files, 'devices/ulm/sbc-east/device.json');
    expect(rec.edge!.destinations.map((d) => [d.gateway, d.role, d.priority])).toEqual([
      ['pbx-east', 'primary', 30],
      ['pbx-west', 'hot-standby', 20],
      ['pbx-cold', 'cold-standby', 10],
    ]);
  });

  it('refuses a probe interval kamailio cannot express instead of rounding it', () => {
    const m = withGateway(model, 'pbx-west', (g) => ({ ...g, standbyFor: g.standbyFor.map((r) => ({ ...r, detection: { ...r.detection, probeIntervalSeconds: 1.5 } })) }));
    const r = generate(m);
    const d = r.diagnostics.find((x) => x.code === 'RBC4003');
    expect(d?.location.path).toBe('gateways/pbx-west/standbyFor/pbx-east/detection/probeIntervalSeconds');
    expect(d?.message).toContain('kamailio');
    expect(r.files.some((f) => f.path.includes('/kamailio/'))).toBe(false);
  });

  it('warns, and writes no kamailio files, when there is nothing to route to', () => {
    const m = { ...model, gateways: model.gateways.map((g) => (g.kind === 'pbx' ? { ...g, serves: [] as string[], standbyFor: [] } : g)) };
    const r = generate(m);
    expect(r.diagnostics.filter((d) => d.code === 'RBC4201').map((d) => d.location.path)).toEqual(['gateways/sbc-east', 'gateways/sbc-west']);
    expect(r.files.some((f) => f.path.includes('/kamailio/'))).toBe(false);
  });
});

describe('the VRRP pair (keepalived)', () => {
  const model = edgeModel();
  const result = generate(model);
  const east = text(byPath(result.files).get('devices/ulm/sbc-east/keepalived/keepalived.conf')!);
  const west = text(byPath(result.files).get('devices/ulm/sbc-west/keepalived/keepalived.conf')!);
  const relation = model.gateways.find((g) => g.id === 'sbc-west')!.standbyFor[0]!;

  it('gives the primary and the standby the priorities the analysis assumes', () => {
    expect(east).toContain(`priority ${VRRP_MASTER_PRIORITY}\n`);
    expect(west).toContain(`priority ${VRRP_BACKUP_PRIORITY}\n`);
  });

  it('uses the model\'s advert interval, and states the takeover time the analysis predicts', () => {
    for (const conf of [east, west]) {
      expect(conf).toContain(`advert_int ${relation.detection.probeIntervalSeconds}\n`);
      expect(conf).toContain('vrrp_version 3');
    }
    const predicted = hotStandbyParts(relation.detection).reduce((s, p) => s + p.seconds, 0);
    expect(Math.round(vrrpMasterDownSeconds(relation.detection.probeIntervalSeconds, VRRP_BACKUP_PRIORITY) * 1000) / 1000).toBe(predicted);
    expect(west).toContain(`takeover after ${predicted} s`);
  });

  it('shares the virtual IP, router id and interface between both members', () => {
    for (const conf of [east, west]) {
      expect(conf).toContain('virtual_router_id 51\n');
      expect(conf).toContain('interface lan0\n');
      expect(conf).toMatch(/virtual_ipaddress \{\n\s+10\.10\.0\.10\/24\n/);
      expect(conf).toContain('track_script {\n        rbc_check_sip\n');
      expect(conf).toContain('notify "/etc/keepalived/rbc-notify.sh"');
    }
  });

  it('is not generated for a gateway in no VRRP pair (with a warning)', () => {
    const m = withGateway(model, 'pbx-east', (g) => ({ ...g, configs: ['keepalived', 'prometheus'] }));
    const r = generate(m);
    expect(r.diagnostics.find((d) => d.code === 'RBC4201')?.location.path).toBe('gateways/pbx-east');
    expect(r.files.some((f) => f.path.startsWith('devices/ulm/pbx-east/keepalived/'))).toBe(false);
  });

  it('needs the pair\'s virtual IP', () => {
    const m = withGateway(model, 'sbc-west', (g) => ({ ...g, standbyFor: g.standbyFor.map((r) => ({ ...r, vrrp: { ...r.vrrp!, virtualIp: null } })) }));
    const r = generate(m);
    expect(r.diagnostics.filter((d) => d.code === 'RBC4003').map((d) => d.location.path)).toContain('gateways/sbc-west/standbyFor/sbc-east/vrrp/virtualIp');
    expect(r.files.some((f) => f.path.includes('/keepalived/'))).toBe(false);
  });
});

describe('device records', () => {
  it('name the role, the partner and the predicted switchover', () => {
    const model = edgeModel();
    const r = generate(model);
    const west = record(r.files, 'devices/ulm/pbx-west/device.json');
    expect(west.role).toBe('hot-standby');
    expect(west.standbyFor[0]!.predictedSwitchover).toEqual({ seconds: 4, automatic: true, parts: hotStandbyParts(model.gateways.find((g) => g.id === 'pbx-west')!.standbyFor[0]!.detection) });
    const east = record(r.files, 'devices/ulm/pbx-east/device.json');
    expect(east.role).toBe('primary');
    expect(east.standbys).toEqual([{ gateway: 'pbx-west', mode: 'hot', mechanism: 'dispatcher' }]);
    expect(east.trunks.find((t) => t.id === 'carrier-b-sip')!.credentialsRef).toBe('env:CARRIER_B_SIP');
    expect(record(r.files, 'devices/ulm/sbc-east/device.json').role).toBe('edge');
  });

  it('of cloud instances go to a cloud-<region> folder, untagged (deployment-wide) and kept by a site filter', () => {
    const entry = models.find((m) => m.model.gateways.some((g) => g.placement.type === 'cloud'))!;
    const cloud = entry.model.gateways.find((g) => g.placement.type === 'cloud')!;
    const region = cloud.placement.type === 'cloud' ? cloud.placement.region : '';
    const path = `devices/cloud-${region}/${cloud.id}/device.json`;
    const all = generate(entry.model);
    expect(all.files.find((f) => f.path === path)?.site).toBeUndefined();
    const site = entry.model.sites[0]!.id;
    const some = generate(entry.model, { sites: new Set([site]) });
    for (const f of some.files) expect(f.site === undefined || f.site === site, f.path).toBe(true);
    expect(some.files.some((f) => f.site === site)).toBe(true);
    expect(some.files.some((f) => f.path === path)).toBe(true);
    // every file of the site is the same as in a full compile
    const full = new Map(all.files.map((f) => [f.path, text(f)]));
    for (const f of some.files) expect(text(f), f.path).toBe(full.get(f.path));
  });
});

describe('templates', () => {
  const model = edgeModel();

  it('are compiled once per process, not per device or per compile', () => {
    generate(model);
    const before = compiledTemplateCount();
    generate(model);
    generate(model);
    expect(compiledTemplateCount()).toBe(before);
  });

  it('can come from a user\'s folder, file by file, with the same helpers and checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rbc-templates-'));
    writeFileSync(join(dir, 'dispatcher.list.hbs'), '# my list for {{comment id}}\n{{#each destinations}}{{int set}} {{sipuri uri}} 0 {{int priority}}\n{{/each}}');
    const r = generate(model, { templateDirs: { kamailio: dir } });
    expect(r.diagnostics.filter((d) => d.category === 'error')).toEqual([]);
    expect(text(byPath(r.files).get('devices/ulm/sbc-east/kamailio/dispatcher.list')!)).toBe('# my list for sbc-east\n1 sip:10.10.1.10:5060 0 20\n1 sip:10.10.2.10:5060 0 10\n2 sip:10.10.1.10:5060 0 20\n2 sip:10.10.2.10:5060 0 10\n');
    // the built-in kamailio.cfg is still used
    expect(text(byPath(r.files).get('devices/ulm/sbc-east/kamailio/kamailio.cfg')!)).toContain('failure_route[DISPATCH_FAILOVER]');
  });

  it.each([
    ['an unknown helper', 'dispatcher.list.hbs', '{{shell id}}\n', /unknown helper shell/],
    ['a missing field (strict)', 'dispatcher.list.hbs', '{{nosuchfield}}\n', /nosuchfield/],
    ['a value in the wrong quoting helper', 'kamailio.cfg.hbs', 'x {{kdigits id}}\n', /kdigits/],
    ['a control character in the output', 'dispatcher.list.hbs', 'a\u0007{{id}}\n', /control or non-ASCII/],
    ['a misspelt template name', 'kamailo.cfg.hbs', '{{id}}\n', /unknown template/],
    ['a syntax error', 'dispatcher.list.hbs', '{{#each destinations}}\n', /Parse error|Expecting/],
  ])('in a user folder fail with a coded error: %s', (_what, file, source, pattern) => {
    const dir = mkdtempSync(join(tmpdir(), 'rbc-templates-'));
    writeFileSync(join(dir, file), source);
    const r = generate(model, { templateDirs: { kamailio: dir } });
    const errors = r.diagnostics.filter((d) => d.code === 'RBC4004');
    expect(errors.length, JSON.stringify(r.diagnostics)).toBeGreaterThan(0);
    expect(errors.map((d) => d.message).join('\n')).toMatch(pattern);
    expect(r.files.some((f) => f.path.includes('/kamailio/'))).toBe(false);
  });

  it('of a kind that does not exist are refused by the command line as a usage error', async () => {
    const err: string[] = [];
    const code = await run(['compile', 'blueprints/a-single-site-hot-standby.yaml', '-o', join(tmpdir(), 'rbc-never-written'), '--templates', `asterisk=${tmpdir()}`], { out: () => undefined, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toContain("no templates of kind 'asterisk'");
  });

  it("leave other generators' template folders (runbooks) alone", () => {
    const r = generate(model, { templateDirs: { runbooks: tmpdir() } });
    expect(r.diagnostics).toEqual([]);
  });
});
