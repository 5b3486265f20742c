// Construct validation: every error collected at once, each at its construct path; schema and
// resolver errors of a TypeScript app located at the construct that declared the value.
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  Acknowledgements,
  Cloud,
  Deployment,
  Gateway,
  Monitoring,
  Policy,
  Provider,
  Site,
  Trunk,
  type DeploymentProps,
} from '../../constructs/index.js';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import { loadFromConstructs } from '../../load/load.js';

const DEPLOYMENT: DeploymentProps = {
  name: 'Test GmbH',
  owner: 'Integrator',
  onCall: { team: 'On-call', contacts: [{ name: 'Engineer', email: 'oncall@example.com' }] },
};

/** A small valid deployment: one site, two fire zones, a hot standby pair and one trunk. */
function small(id = 'acme') {
  const d = new Deployment(id, DEPLOYMENT);
  const carrier = new Provider(d, 'carrier', { name: 'Carrier', kind: 'carrier' });
  const site = new Site(d, 'ulm', {
    name: 'Ulm',
    role: 'headquarters',
    users: 50,
    emergency: { location: { street: 'Main St 1', city: 'Ulm', country: 'DE', area: 'DE-0731', floor: '1' } },
  });
  const main = site.addBuilding('main');
  const zoneA = main.addFireZone('zone-a');
  const zoneB = main.addFireZone('zone-b');
  const feed = site.addFeed('mains');
  const line = site.addSupplyLine('duct', { building: main });
  const primary = new Gateway(site, 'pbx-a', { form: 'appliance', placement: { fireZone: zoneA } });
  const standby = new Gateway(site, 'pbx-b', { form: 'appliance', placement: { fireZone: zoneB }, standbyFor: [{ gateway: primary, mode: 'hot' }] });
  new Trunk(site, 'pri', { provider: carrier, kind: 'isdn-pri', supplyLine: line, gateways: [primary, standby] });
  return { d, carrier, site, main, zoneA, zoneB, feed, line, primary, standby };
}

const errors = (list: readonly Diagnostic[]) => list.filter((d) => d.category === 'error');

describe('a valid deployment', () => {
  it('synthesizes without construct errors and loads into a model', () => {
    const { d } = small();
    const synth = d.synthesizeBlueprint();
    expect(synth.constructErrors).toEqual([]);
    const load = loadFromConstructs(d, 'app.ts');
    expect(errors(load.diagnostics)).toEqual([]);
    expect(load.model?.gateways.map((g) => g.id)).toEqual(['pbx-a', 'pbx-b']);
  });

  it('places gateways and trunks created inside a site at that site, and turns references into ids', () => {
    const { blueprint } = small().d.synthesizeBlueprint();
    expect(blueprint.gateways[0]!.placement).toStrictEqual({ site: 'ulm', fireZone: 'zone-a' });
    expect(blueprint.gateways[1]!.standbyFor).toStrictEqual([{ gateway: 'pbx-a', mode: 'hot' }]);
    expect(blueprint.trunks![0]).toStrictEqual({ id: 'pri', provider: 'carrier', kind: 'isdn-pri', site: 'ulm', supplyLine: 'duct', gateways: ['pbx-a', 'pbx-b'] });
  });

  it('is deterministic: two trees built alike synthesize byte-identical blueprints', () => {
    expect(JSON.stringify(small().d.synthesizeBlueprint().blueprint)).toBe(JSON.stringify(small().d.synthesizeBlueprint().blueprint));
  });

  it('finds constructs nested in the user\'s own composite constructs', () => {
    const { d, carrier, primary } = small();
    class Branch extends Construct {
      constructor(scope: Construct, id: string) {
        super(scope, id);
        const site = new Site(this, id, { name: id, role: 'branch', users: 5 });
        site.addBuilding('shop').addFireZone('floor');
        site.addFeed('mains');
        new Gateway(site, `${id}-gw`, { form: 'appliance', master: primary });
        void carrier;
      }
    }
    new Branch(d, 'neu-ulm');
    const { blueprint, constructErrors } = d.synthesizeBlueprint();
    expect(constructErrors).toEqual([]);
    expect(blueprint.sites.map((s) => s.id)).toEqual(['ulm', 'neu-ulm']);
    expect(blueprint.gateways.find((g) => g.id === 'neu-ulm-gw')).toMatchObject({ placement: { site: 'neu-ulm' }, master: 'pbx-a' });
  });
});

describe('construct validation', () => {
  it('collects every error at once, each at its construct path', () => {
    const { d, site, zoneA, primary, feed } = small('meyer');
    // A standby that names no gateway (plain JavaScript can do this).
    new Gateway(site, 'pbx-c', { form: 'appliance', placement: { fireZone: zoneA }, standbyFor: [{ gateway: undefined as unknown as Gateway, mode: 'hot' }] });
    // A room in another site's fire zone.
    const berlin = new Site(d, 'berlin', { name: 'Berlin', role: 'branch', users: 10 });
    berlin.addBuilding('office').addFireZone('floor-1');
    berlin.addFeed('mains');
    berlin.addRoom('server', { fireZone: zoneA });
    // A cloud gateway created inside a site.
    new Gateway(site, 'cloud-pbx', { form: 'cloud', placement: { region: 'eu-central-1', az: 'eu-central-1a' } });
    // PSUs on a virtual gateway, and a PSU of another site.
    new Gateway(berlin, 'vpbx', { form: 'virtual', psus: [feed] });
    // A trunk whose explicit site contradicts the site it is created in.
    new Trunk(berlin, 'sip', { provider: 'carrier', kind: 'sip', site: 'ulm', gateways: [primary] });
    // A second monitoring, and an acknowledgement on it.
    new Monitoring(d, 'monitoring', {});
    const second = new Monitoring(d, 'monitoring-2', {});
    Acknowledgements.of(second).acknowledge('RBC-R001', { reason: 'accepted for the pilot', owner: 'IT', expires: '2030-01-01' });
    // A reference into another deployment.
    const other = small('other');
    new Policy(d, 'p', { services: ['emergency'], sites: [other.site], scenarios: [{ class: 'fire-zone' }] });
    // An id the constructs library would silently rewrite.
    d.node.tryFindChild('ulm')!;
    site.addCoolingUnit('ac/1');

    const { constructErrors } = d.synthesizeBlueprint();
    const lines = constructErrors.map(formatDiagnostic).sort();
    expect(lines).toEqual(
      [
        "[meyer/berlin/server]: error RBC2017: fireZone refers to fire zone 'zone-a' at site 'ulm', not at site 'berlin'; correct the construct props.",
        "[meyer/berlin/sip]: error RBC2017: site is 'ulm', but the trunk is created in site 'berlin': leave site out or create the trunk elsewhere; correct the construct props.",
        "[meyer/berlin/vpbx]: error RBC2017: psus apply to appliances only: a virtual gateway takes its power from its cluster's hosts; correct the construct props.",
        "[meyer/berlin/vpbx]: error RBC2017: psus[0] refers to mains feed 'mains' at site 'ulm', not at site 'berlin'; correct the construct props.",
        "[meyer/monitoring-2]: error RBC2017: a deployment has one monitoring, and 'meyer/monitoring' is already it; correct the construct props.",
        "[meyer/monitoring-2]: error RBC2017: cannot acknowledge RBC-R001 here: findings are never on a monitoring; acknowledge on the deployment, a site or one of its parts, a gateway, trunk, provider, service or policy; correct the construct props.",
        "[meyer/p]: error RBC2017: sites[0] refers to site 'ulm' of another deployment ('other'); correct the construct props.",
        "[meyer/ulm/ac--1]: error RBC2017: 'ac/1' is not a valid id: ids are 1-48 lowercase letters, digits and inner hyphens, without '/'; correct the construct props.",
        "[meyer/ulm/cloud-pbx]: error RBC2017: a cloud gateway runs in a cloud region, not at site 'ulm': create it outside the site and give placement.region and placement.az; correct the construct props.",
        "[meyer/ulm/pbx-c]: error RBC2017: standbyFor[0]: a hot standby must name the gateway it stands in for; correct the construct props.",
      ].sort(),
    );
    expect(constructErrors.every((e) => e.code === 'RBC2017' && e.name === 'ConstructValidation')).toBe(true);
  });

  it('stops loading at construct errors but still reports them with the schema errors', () => {
    const { d, site, zoneA } = small('meyer');
    new Gateway(site, 'pbx-c', { form: 'appliance', placement: { fireZone: zoneA }, standbyFor: [{ gateway: '', mode: 'cold' }] });
    new Site(d, 'Bad Site', { name: 'x', role: 'branch', users: 1 });
    const load = loadFromConstructs(d, 'app.ts');
    expect(load.model).toBeNull();
    const found = errors(load.diagnostics).map((e) => [e.code, e.location.path]);
    expect(found).toContainEqual(['RBC2017', 'meyer/ulm/pbx-c']);
    expect(found).toContainEqual(['RBC1015', 'meyer/Bad Site']);
  });

  it('a trunk without a site cannot use a site\'s supply line', () => {
    const { d, line, primary } = small('meyer');
    new Trunk(d, 'stray', { provider: 'carrier', kind: 'analog', supplyLine: line, gateways: [primary] });
    const messages = d.synthesizeBlueprint().constructErrors.map((e) => `${e.location.path}: ${e.message}`);
    expect(messages).toEqual(["meyer/stray: supplyLine is at site 'ulm', but the trunk has no site: create the trunk in that site or set site."]);
  });

  it('rejects an acknowledgement given twice for the same rule', () => {
    const { d, primary } = small('meyer');
    const options = { reason: 'accepted until the new UPS', owner: 'IT', expires: '2030-01-01' };
    Acknowledgements.of(primary).acknowledge('RBC-R002', options).acknowledge('RBC-R002', options);
    expect(d.synthesizeBlueprint().constructErrors.map((e) => `${e.location.path}: ${e.message}`)).toEqual([
      'meyer/ulm/pbx-a: RBC-R002 is acknowledged twice on this construct: keep one.',
    ]);
  });

  it('throws early for a construct outside the scope it needs', () => {
    const d = new Deployment('meyer', DEPLOYMENT);
    expect(() => new Provider(new Construct(undefined as unknown as Construct, 'loose'), 'p', { name: 'P', kind: 'isp' })).toThrow(
      "[loose/p] Provider 'p' must be created inside a deployment",
    );
    const site = new Site(d, 'ulm', { name: 'Ulm', role: 'branch', users: 1 });
    const building = site.addBuilding('main');
    expect(() => new Site(site, 'inner', { name: 'x', role: 'branch', users: 1 })).toThrow("Site 'inner' cannot be created inside site 'ulm'");
    expect(() => site.addRoom('r', { fireZone: building.addFireZone('z') })).not.toThrow();
    // A fire zone belongs to a building.
    const { FireZone } = { FireZone: building.addFireZone('z2').constructor as new (s: Construct, id: string) => unknown };
    expect(() => new FireZone(site, 'z3')).toThrow("[meyer/ulm/z3] Fire zone 'z3' must be created inside a building");
    // The constructs library rejects two siblings with one id.
    expect(() => site.addFeed('main')).toThrow(/There is already a Construct with name 'main'/);
  });
});

describe('diagnostics of a TypeScript app carry construct paths', () => {
  it('a dangling standby reference by id is located at the gateway that names it', () => {
    const { d, site, zoneA } = small('meyer');
    new Gateway(site, 'pbx-c', { form: 'appliance', placement: { fireZone: zoneA }, standbyFor: [{ gateway: 'pbx-aa', mode: 'cold' }] });
    const load = loadFromConstructs(d, 'app.ts');
    expect(load.model).toBeNull();
    const dangling = errors(load.diagnostics);
    expect(dangling.map(formatDiagnostic)).toEqual([
      "app.ts [meyer/ulm/pbx-c]: error RBC2002: Gateway 'pbx-aa' does not exist; refer to an existing gateway; did you mean 'pbx-a'?",
    ]);
  });

  it('a duplicate gateway id in two sites is located at the second gateway', () => {
    const { d } = small('meyer');
    const berlin = new Site(d, 'berlin', { name: 'Berlin', role: 'branch', users: 10 });
    berlin.addBuilding('office').addFireZone('floor-1');
    berlin.addFeed('mains');
    new Gateway(berlin, 'pbx-a', { form: 'appliance' });
    const load = loadFromConstructs(d, 'app.ts');
    const dup = errors(load.diagnostics).find((e) => e.code === 'RBC2001');
    expect(dup?.location).toEqual({ file: 'app.ts', path: 'meyer/berlin/pbx-a' });
    expect(dup?.message).toContain("(first defined at meyer/ulm/pbx-a)");
  });

  it('a schema error is located at the construct that declared the value', () => {
    const { d, site } = small('meyer');
    site.addUps('ups', { autonomyMinutes: -5, inputs: [] });
    const load = loadFromConstructs(d, 'app.ts');
    const range = errors(load.diagnostics).find((e) => e.code === 'RBC1016');
    expect(range?.location).toEqual({ file: 'app.ts', path: 'meyer/ulm/ups' });
    expect(range?.message).toContain('sites[0].power.ups[0].autonomyMinutes');
  });
});

describe('locate', () => {
  it('maps JSON pointers to the innermost construct that declared them', () => {
    const { d, primary, zoneB } = small('meyer');
    Acknowledgements.of(zoneB).acknowledge('RBC-R001', { reason: 'second zone is being built', owner: 'IT', expires: '2030-01-01' });
    new Cloud(d, 'aws', { provider: 'carrier', account: '123456789012', regions: [{ id: 'eu-central-1', azs: ['eu-central-1a'] }] });
    const { locate } = d.synthesizeBlueprint();
    expect(locate('')).toEqual({ path: 'meyer' });
    expect(locate('/deployment/onCall/contacts/0/email')).toEqual({ path: 'meyer' });
    expect(locate('/gateways/1/placement/site')).toEqual({ path: 'meyer/ulm/pbx-b' });
    expect(locate('/gateways/1/standbyFor/0/gateway')).toEqual({ path: 'meyer/ulm/pbx-b' });
    expect(locate('/sites/0/buildings/0/fireZones/1/name')).toEqual({ path: 'meyer/ulm/main/zone-b' });
    expect(locate('/sites/0/buildings/0')).toEqual({ path: 'meyer/ulm/main' });
    expect(locate('/sites/0/power/feeds/0')).toEqual({ path: 'meyer/ulm/mains' });
    expect(locate('/sites/0/supplyLines/0/building')).toEqual({ path: 'meyer/ulm/duct' });
    expect(locate('/sites/0/emergency/location')).toEqual({ path: 'meyer/ulm' });
    expect(locate('/trunks/0/gateways/1')).toEqual({ path: 'meyer/ulm/pri' });
    expect(locate('/acknowledgements/0/reason')).toEqual({ path: 'meyer/ulm/main/zone-b' });
    expect(locate('/cloud/regions/0/azs/0')).toEqual({ path: 'meyer/aws' });
    expect(locate('/providers/0/unknown#key')).toEqual({ path: 'meyer/carrier' });
    expect(locate('/nothing/here')).toEqual({ path: 'meyer' });
    void primary;
  });
});

describe('acknowledgements', () => {
  it('target the model path of the construct they are attached to', () => {
    const { d, primary, zoneA, line, site, carrier } = small('meyer');
    const ack = { reason: 'accepted until the second UPS arrives', owner: 'Head of IT', expires: '2030-06-30' };
    Acknowledgements.of(primary).acknowledge('RBC-R001', ack);
    Acknowledgements.of(zoneA).acknowledge('RBC-R002', ack);
    Acknowledgements.of(line).acknowledge('RBC-R003', ack);
    Acknowledgements.of(site).acknowledge('RBC-R004', ack);
    Acknowledgements.of(carrier).acknowledge('RBC-R005', ack);
    const { blueprint, constructErrors } = d.synthesizeBlueprint();
    expect(constructErrors).toEqual([]);
    expect(blueprint.acknowledgements!.map((a) => [a.rule, a.target])).toEqual([
      ['RBC-R005', 'providers/carrier'],
      ['RBC-R004', 'sites/ulm'],
      ['RBC-R002', 'sites/ulm/fire-zones/zone-a'],
      ['RBC-R003', 'sites/ulm/supply-lines/duct'],
      ['RBC-R001', 'gateways/pbx-a'],
    ]);
    const load = loadFromConstructs(d, 'app.ts');
    expect(errors(load.diagnostics)).toEqual([]);
    expect(load.model!.acknowledgements).toHaveLength(5);
  });

  it('on the deployment target every construct (*)', () => {
    const { d } = small('meyer');
    Acknowledgements.of(d).acknowledge('RBC-R006', { reason: 'accepted for the whole pilot', owner: 'Head of IT', expires: '2030-06-30' });
    const { blueprint, constructErrors, locate } = d.synthesizeBlueprint();
    expect(constructErrors).toEqual([]);
    expect(blueprint.acknowledgements).toStrictEqual([{ rule: 'RBC-R006', target: '*', reason: 'accepted for the whole pilot', owner: 'Head of IT', expires: '2030-06-30' }]);
    expect(locate('/acknowledgements/0')).toEqual({ path: 'meyer' });
  });

  it('a too-short reason is reported at the acknowledged construct', () => {
    const { d, primary } = small('meyer');
    Acknowledgements.of(primary).acknowledge('RBC-R001', { reason: 'ok', owner: 'IT', expires: '2030-01-01' });
    const e = errors(loadFromConstructs(d, 'app.ts').diagnostics);
    expect(e.map((x) => [x.code, x.location.path])).toEqual([['RBC1016', 'meyer/ulm/pbx-a']]);
  });
});
