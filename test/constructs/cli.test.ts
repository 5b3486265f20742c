// `rbc check` on TypeScript apps, in-process through the CLI's run().
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/main.js';
import type { Io } from '../../cli/output.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CONSTRUCTS = pathToFileURL(join(REPO, 'constructs/index.js')).href;

function capture(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}

const tmp = mkdtempSync(join(tmpdir(), 'rbc-constructs-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a small TypeScript app; `extra` adds constructs to it (variables d, site, zone, feed, pbx). */
function app(name: string, extra: string): string {
  const file = join(tmp, name);
  writeFileSync(
    file,
    `import { Deployment, Gateway, Provider, Site } from ${JSON.stringify(CONSTRUCTS)};
const d = new Deployment('shop', {
  name: 'Shop',
  owner: 'IT',
  onCall: { team: 'IT', hours: '24x7', contacts: [{ name: 'Admin', email: 'admin@shop.example' }] },
});
new Provider(d, 'carrier', { name: 'Carrier', kind: 'carrier' });
const site = new Site(d, 'store', {
  name: 'Store',
  role: 'branch',
  users: 10,
  emergency: { location: { street: 'Main St 1', city: 'Ulm', country: 'DE', area: 'DE-0731', floor: '1' } },
});
const zone = site.addBuilding('shop').addFireZone('floor');
const feed = site.addFeed('mains');
const pbx = new Gateway(site, 'pbx', { form: 'appliance', psus: [feed] });
${extra}
export default d;
`,
  );
  return file;
}

describe('rbc check on a TypeScript app', () => {
  it('checks the main example clean, like its YAML', async () => {
    const ts = capture();
    const yaml = capture();
    const tsExit = await run(['check', join(REPO, 'blueprints/a-single-site-hot-standby.ts')], ts);
    const yamlExit = await run(['check', join(REPO, 'blueprints/a-single-site-hot-standby.yaml')], yaml);
    expect(tsExit).toBe(yamlExit);
    expect(tsExit).toBe(0);
    expect(ts.stderr()).toContain('a-single-site-hot-standby.ts: ok');
  });

  it('gives the same findings for the example as for its YAML, as JSON', async () => {
    const ts = capture();
    const yaml = capture();
    await run(['check', '--json', join(REPO, 'blueprints/a-single-site-hot-standby.ts')], ts);
    await run(['check', '--json', join(REPO, 'blueprints/a-single-site-hot-standby.yaml')], yaml);
    const what = (io: ReturnType<typeof capture>) =>
      (JSON.parse(io.stdout()) as { diagnostics: { code: string; message: string; rule?: string }[] }).diagnostics.map((d) => `${d.code} ${d.rule ?? ''} ${d.message}`).sort();
    expect(what(ts)).toEqual(what(yaml));
  });

  it('exits 1 and names the construct path for a dangling reference', async () => {
    const file = app('dangling.ts', "new Gateway(site, 'standby', { form: 'appliance', placement: { fireZone: zone }, standbyFor: [{ gateway: 'pbx-old', mode: 'cold' }] });");
    const io = capture();
    expect(await run(['check', file], io)).toBe(1);
    expect(io.stderr()).toContain(`${file} [shop/store/standby]: error RBC2002: Gateway 'pbx-old' does not exist; refer to an existing gateway`);
  });

  it('exits 1 and lists every construct error with its path', async () => {
    const file = app(
      'invalid.ts',
      `new Gateway(site, 'vm', { form: 'virtual', psus: [feed] });
new Gateway(site, 'cold', { form: 'appliance', standbyFor: [{ gateway: undefined as unknown as Gateway, mode: 'cold' }] });`,
    );
    const io = capture();
    expect(await run(['check', file], io)).toBe(1);
    const lines = io.stderr().split('\n').filter((l) => l.includes('RBC2017'));
    expect(lines).toEqual([
      "[shop/store/cold]: error RBC2017: standbyFor[0]: a cold standby must name the gateway it stands in for; correct the construct props.",
      "[shop/store/vm]: error RBC2017: psus apply to appliances only: a virtual gateway takes its power from its cluster's hosts; correct the construct props.",
    ]);
  });

  it('reports an app that exports no deployment', async () => {
    const file = join(tmp, 'empty.ts');
    writeFileSync(file, 'export default 42;\n');
    const io = capture();
    expect(await run(['check', file], io)).toBe(1);
    expect(io.stderr()).toContain('RBC1031');
  });
});
