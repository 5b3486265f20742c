// Every example blueprint loads and resolves without errors, uses only documentation-safe
// values, and really shows the whitepaper scenario it stands for.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBlueprintFile } from '../../load/load.js';
import type { Gateway, Model } from '../../model/types.js';
import { REPO, blueprintPath } from '../support/compile.js';

const EXAMPLES = readdirSync(`${REPO}blueprints`).filter((f) => /\.ya?ml$/.test(f)).sort();

const models = new Map<string, Model>();
function model(name: string): Model {
  let m = models.get(name);
  if (!m) {
    const r = loadBlueprintFile(blueprintPath(name), { displayName: `blueprints/${name}` });
    if (!r.model) throw new Error(r.diagnostics.map((d) => `${d.location.line}:${d.location.column} ${d.code} ${d.message}`).join('\n'));
    m = r.model;
    models.set(name, m);
  }
  return m;
}
const gw = (m: Model, id: string): Gateway => {
  const g = m.gateways.find((x) => x.id === id);
  if (!g) throw new Error(`no gateway ${id}`);
  return g;
};
const siteOf = (g: Gateway) => (g.placement.type === 'site' ? g.placement.site : null);

describe('example blueprints', () => {
  it('are the seven scenarios of the whitepaper', () => {
    expect(EXAMPLES.map((f) => f.slice(0, 2))).toEqual(['a-', 'b-', 'c-', 'd-', 'e-', 'f-', 'g-']);
  });

  it.each(EXAMPLES)('%s loads and resolves without errors or warnings', (name) => {
    const r = loadBlueprintFile(blueprintPath(name), { displayName: `blueprints/${name}` });
    expect(r.diagnostics.map((d) => `${d.location.line}:${d.location.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(r.model).not.toBeNull();
  });

  it.each(EXAMPLES)('%s names the schema for editors, explains its scenario and has policies, monitoring and emergency locations', (name) => {
    const text = readFileSync(blueprintPath(name), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/blueprint.schema.json');
    expect(text).toMatch(/^# Scenario \([a-g]\) of the whitepaper/m);
    const m = model(name);
    expect(m.policies.length).toBeGreaterThan(0);
    expect(m.monitoring.alertEmails.length).toBeGreaterThan(0);
    expect(m.monitoring.snmp).not.toBeNull();
    for (const s of m.sites) expect(s.emergency.dispatchable, s.id).toBe(true);
  });

  it.each(EXAMPLES)('%s uses only documentation-safe names, addresses and numbers', (name) => {
    const text = readFileSync(blueprintPath(name), 'utf8');
    for (const host of text.match(/\b[a-z0-9.-]+\.[a-z]{2,}\b(?=[\s,\]}"]|$)/gm) ?? []) {
      if (/^\d/.test(host) || /\.(yaml|json|ts|md)$/.test(host) || /^(eu|us)-[a-z]+-\d/.test(host)) continue;
      if (/^[a-z0-9]+\.[a-z0-9]+$/.test(host) && /^t\d|^m\d/.test(host)) continue; // EC2 instance types
      expect(host, `${name}: ${host}`).toMatch(/\.example$/);
    }
    for (const ip of text.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []) {
      expect(ip, `${name}: ${ip}`).toMatch(/^(10\.|192\.0\.2\.|198\.51\.100\.|203\.0\.113\.)/);
    }
    for (const phone of text.match(/"\+\d[\d ]+"/g) ?? []) expect(phone, `${name}: ${phone}`).toMatch(/^"\+49/);
  });
});

describe('each example shows its scenario', () => {
  it('a: a hot standby pair in two fire zones, two providers on separate supply lines, PoE on UPS', () => {
    const m = model('a-single-site-hot-standby.yaml');
    const standby = m.gateways.find((g) => g.standbyFor.some((s) => s.mode === 'hot'))!;
    const primary = gw(m, standby.standbyFor[0]!.gateway);
    expect(standby.placement.type === 'site' && primary.placement.type === 'site' && standby.placement.fireZone !== primary.placement.fireZone).toBe(true);
    expect(new Set(m.trunks.map((t) => t.provider)).size).toBe(2);
    const site = m.sites[0]!;
    const lineOf = (t: (typeof m.trunks)[number]) => t.supplyLine ?? site.uplinks.find((u) => u.id === t.uplink)?.supplyLine;
    expect(new Set(m.trunks.map(lineOf)).size).toBe(2);
    expect(site.poeSwitches.every((p) => site.power.ups.some((u) => u.id === p.power))).toBe(true);
  });

  it('b: option 1, an autonomous slave at the branch with its own trunks, numbers and emergency area, independent of the WAN', () => {
    const m = model('b-option1-master-slave.yaml');
    const slave = gw(m, 'pbx-reutlingen');
    expect(slave.master).toBe('pbx-hq-1');
    expect(slave.autonomous).toBe(true);
    expect(slave.serves).toEqual(['reutlingen']);
    expect(gw(m, 'pbx-hq-2').standbyFor.map((s) => [s.gateway, s.mode])).toEqual([['pbx-hq-1', 'hot'], ['pbx-reutlingen', 'hot']]);
    const branch = m.sites.find((s) => s.id === 'reutlingen')!;
    const local = m.trunks.filter((t) => t.site === 'reutlingen');
    expect(local.map((t) => t.kind).sort()).toEqual(['mobile', 'sip']);
    for (const t of local) {
      expect(t.gateways).toEqual(['pbx-reutlingen']);
      expect(t.emergency).toEqual({ capable: true, areas: [branch.emergency.location!.area] });
    }
    const sip = local.find((t) => t.kind === 'sip')!;
    expect(sip.numberBlocks).toEqual(branch.numberBlocks.map((b) => b.id));
    // The SIP trunk's access line is not the WAN line, and the GSM gateway needs no line at all.
    const trunkLine = branch.uplinks.find((u) => u.id === sip.uplink)!;
    const wan = branch.uplinks.find((u) => u.kind === 'mpls')!;
    expect(trunkLine.id).not.toBe(wan.id);
    expect(trunkLine.supplyLine).not.toBe(wan.supplyLine);
    const gsm = local.find((t) => t.kind === 'mobile')!;
    expect([gsm.uplink, gsm.supplyLine]).toEqual([null, null]);
    expect(gsm.provider).not.toBe(sip.provider);
    const policy = m.policies.find((p) => p.id === 'branch-autonomy')!;
    expect(policy.scenarios.map((s) => s.class)).toEqual(['wan-outage', 'supply-line']);
    expect(policy.services).toEqual(['emergency', 'incoming', 'internal', 'outbound']);
  });

  it('c: option 2, two PBXs standing in for each other, each sized and licensed for both sites', () => {
    const m = model('c-option2-mutual-standby.yaml');
    expect(m.gateways).toHaveLength(2);
    const users = m.sites.reduce((n, s) => n + s.users, 0);
    const channels = m.trunks.reduce((n, t) => n + t.channels, 0);
    for (const g of m.gateways) {
      const other = m.gateways.find((x) => x !== g)!;
      expect(g.standbyFor.map((s) => [s.gateway, s.mode])).toEqual([[other.id, 'hot']]);
      expect(g.serves).toEqual([siteOf(g)]);
      expect(g.capacity.users).toBeGreaterThanOrEqual(users);
      expect(g.capacity.channels).toBeGreaterThanOrEqual(channels);
      expect(g.licences.users).toBe(m.sites.find((s) => s.id === siteOf(g))!.users);
      expect(g.licences.standby).toBe(m.sites.find((s) => s.id === siteOf(other))!.users);
    }
  });

  it('d: option 3, one combined standby at the headquarters for three branch PBXs, sized for all of them', () => {
    const m = model('d-option3-combined-standby.yaml');
    const combined = gw(m, 'pbx-branch-standby');
    expect(siteOf(combined)).toBe('hamburg');
    const covered = combined.standbyFor.map((s) => gw(m, s.gateway));
    expect(covered.map(siteOf).sort()).toEqual(['bremen', 'kiel', 'luebeck']);
    expect(new Set(combined.standbyFor.map((s) => s.mode))).toEqual(new Set(['hot', 'cold']));
    const branchUsers = covered.reduce((n, g) => n + m.sites.find((s) => s.id === siteOf(g))!.users, 0);
    expect(combined.capacity.users).toBeGreaterThanOrEqual(branchUsers);
    expect(combined.licences.standby).toBe(branchUsers);
    for (const g of covered) expect(g.master).toBe('pbx-hq-a');
    // The economical branch's accepted risks, each with reason, owner and expiry.
    expect(m.acknowledgements.map((a) => `${a.rule} ${a.target}`)).toEqual([
      'RBC-R006 sites/luebeck/poe-switches/poe-1',
      'RBC-R006 sites/luebeck/poe-switches/poe-2',
      'RBC-R016 gateways/pbx-luebeck',
    ]);
  });

  it('e: virtualization, the PBX and the application servers as VMs on an HA cluster across two fire zones', () => {
    const m = model('e-virtualization-ha.yaml');
    const site = m.sites[0]!;
    const cluster = site.vmClusters[0]!;
    expect(cluster.mode).toBe('ha');
    expect(cluster.restartSeconds).toBeGreaterThan(0);
    const zones = cluster.hosts.map((h) => site.vmHosts.find((x) => x.id === h)!.fireZone);
    expect(new Set(zones).size).toBe(2);
    for (const g of m.gateways) {
      expect(g.form).toBe('virtual');
      expect(g.placement.type === 'site' && g.placement.cluster).toBe(cluster.id);
    }
    // HA covers a failing host; a second PBX VM in the other room covers a failing PBX.
    const standby = gw(m, 'pbx-vm-standby');
    expect(standby.standbyFor.map((s) => [s.gateway, s.mode])).toEqual([['pbx-vm', 'hot']]);
    const zoneOf = (g: Gateway) => (g.placement.type === 'site' ? g.placement.fireZone : '');
    expect(zoneOf(standby)).not.toBe(zoneOf(gw(m, 'pbx-vm')));
    expect(m.gateways.filter((g) => g.kind === 'application-server').flatMap((g) => g.services)).toEqual(expect.arrayContaining(['cti', 'crm', 'call-centre-chat']));
    expect(m.services.find((s) => s.id === 'crm-popup')!.hosts).toEqual(['app-cti']);
  });

  it('f: a cloud PBX in two AZs with a local survivable gateway and a local trunk at each branch', () => {
    const m = model('f-cloud-pbx-local-survivable.yaml');
    const cloudGws = m.gateways.filter((g) => g.form === 'cloud');
    expect(new Set(cloudGws.map((g) => (g.placement.type === 'cloud' ? g.placement.az : '')))).toEqual(new Set(['eu-central-1a', 'eu-central-1b']));
    expect(gw(m, 'cloud-pbx-b').standbyFor).toEqual([expect.objectContaining({ gateway: 'cloud-pbx-a', mode: 'hot', detection: expect.objectContaining({ mechanism: 'dns' }) })]);
    expect(gw(m, 'cloud-pbx-a').serves).toEqual(['augsburg', 'muenchen']);
    for (const site of m.sites) {
      const lsg = m.gateways.find((g) => siteOf(g) === site.id)!;
      expect(lsg.master).toBe('cloud-pbx-a');
      expect(lsg.autonomous).toBe(true);
      expect(lsg.standbyFor.map((s) => s.gateway)).toEqual(['cloud-pbx-a']);
      const local = m.trunks.filter((t) => t.site === site.id);
      expect(local.map((t) => t.kind).sort()).toEqual(['mobile', 'sip']);
      for (const t of local) {
        expect(t.gateways).toEqual([lsg.id]);
        expect(t.emergency.areas).toEqual([site.emergency.location!.area]);
      }
      const vpn = site.uplinks.filter((u) => u.vpn);
      expect(vpn).toHaveLength(1);
      expect(local.find((t) => t.kind === 'sip')!.uplink).not.toBe(vpn[0]!.id);
    }
    expect(m.cloud).toMatchObject({ provider: 'aws', account: '111122223333', dnsZone: 'voice.alpenblick-reisen.example', backupBucket: 'alpenblick-pbx-backups', adminCidrs: ['203.0.113.0/28'] });
    expect(m.policies.some((p) => p.scenarios.some((s) => s.class === 'wan-outage'))).toBe(true);
  });

  it('g: an on-premises PBX with a cold standby in the cloud, backed up to the cloud bucket within the RPO', () => {
    const m = model('g-cloud-cold-standby.yaml');
    const standby = gw(m, 'pbx-cloud-standby');
    expect(standby.form).toBe('cloud');
    expect(standby.standbyFor.map((s) => [s.gateway, s.mode])).toEqual([['pbx-freiburg', 'cold']]);
    const onPrem = gw(m, 'pbx-freiburg');
    expect(onPrem.form).toBe('appliance');
    expect(onPrem.backup).toEqual({ intervalHours: 4, target: 'cloud-bucket' });
    expect(m.cloud?.backupBucket).toBeTruthy();
    const rpo = m.policies.find((p) => p.backupRpoHours !== null)!;
    expect(onPrem.backup!.intervalHours).toBeLessThanOrEqual(rpo.backupRpoHours!);
    expect(rpo.automatic).toBe(false);
  });
});
