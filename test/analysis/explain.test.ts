// `rbc explain` and `rbc check` on analysis results: one verdict in plain words, and violated
// policies and rule findings as diagnostics at the blueprint's lines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { run } from '../../cli/main.js';
import { blueprintPath } from '../support/compile.js';
import { EXAMPLE_A } from './support/assess.js';
import { readBlueprint } from './support/fleet.js';

const A = blueprintPath(EXAMPLE_A);
const tmp = mkdtempSync(join(tmpdir(), 'rbc-explain-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function rbc(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('rbc explain', () => {
  it('explains a switchover with its path and breakdown', async () => {
    const r = await rbc('explain', A, '--site', 'ulm', '--service', 'emergency', '--scenario', 'fire-zone:ulm/zone-a', '--today', '2026-01-01');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Site:     ulm (Ulm headquarters)',
        'Service:  emergency (Emergency calls)',
        'Scenario: fire-zone:ulm/zone-a - fire or flood in fire zone zone-a (building main, Ulm headquarters)',
        '',
        'Verdict:  SURVIVES after a switchover of 45 s, automatically. Calls in progress are dropped.',
        '',
        'Reason: Survives after a switchover of 45 s, automatically: 90 of 180 phones live (PoE switch poe-west); served by pbx-west (hot standby for pbx-east); trunk swu-sip. Calls in progress are dropped.',
        '',
        'Path that carries it:',
        '  phones   ulm: 90 of 180 phones live (PoE switch poe-west)',
        '  gateway  pbx-west: hot standby for pbx-east',
        '  trunk    swu-sip: sip trunk of stadtwerke-net, over uplink fibre-1',
        '',
        'Switchover:',
        '  detection (5 s x 3)                   15 s',
        '  re-registration of phones and trunks  30 s',
        '  total                                 45 s',
        '',
        'Policies:',
        '  emergency-always (at most 1 min, automatic): met here',
        '',
      ].join('\n'),
    );
  });

  it('names the failures that cut a service, and accepts a service kind', async () => {
    const r = await rbc('explain', A, '--site', 'ulm', '--service', 'outbound', '--scenario', 'supply-line:ulm/duct-north+supply-line:ulm/duct-south');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Verdict:  FAILS.');
    expect(r.out).toContain('Cut by these 2 failures together:\n  supply-line:ulm/duct-north - supply line duct-north (Ulm headquarters, North duct from Karlstrasse)\n');
    expect(r.out).toContain('telephony-fire (at most 1 min, automatic): does not name this scenario');
  });

  it('takes a single domain id for its scenario, and any set of domains on request', async () => {
    const feed = await rbc('explain', A, '--site', 'ulm', '--service', 'internal', '--scenario', 'mains-feed:ulm/mains-1');
    expect(feed.out).toContain('Scenario: mains-feed:ulm/mains-1@240m - power outage of mains feed mains-1 (Ulm headquarters) for 240 min');
    const three = await rbc('explain', A, '--site', 'ulm', '--service', 'internal', '--scenario', 'device:pbx-east+device:ulm/poe-west+uplink:ulm/fibre-1');
    expect(three.code).toBe(0);
    expect(three.out).toContain('Computed for this failure set on request');
    expect(three.out).toContain('90 of 180 phones live (PoE switch poe-east)');
  });

  it('says so when a scenario touches nothing the service depends on', async () => {
    const r = await rbc('explain', A, '--site', 'ulm', '--service', 'internal', '--scenario', 'provider:telekom');
    expect(r.out).toContain('This scenario touches nothing internal at ulm depends on: the normal path carries it.');
  });

  it('exits 2 with a did-you-mean on an unknown site, service or scenario', async () => {
    expect(await rbc('explain', A, '--site', 'ulmm', '--service', 'internal', '--scenario', 'normal')).toMatchObject({ code: 2, err: "rbc explain: site 'ulmm' does not exist; did you mean 'ulm'?\n" });
    expect((await rbc('explain', A, '--site', 'ulm', '--service', 'emergncy', '--scenario', 'normal')).err).toContain("did you mean 'emergency'?");
    expect((await rbc('explain', A, '--site', 'ulm', '--service', 'internal', '--scenario', 'fire-zone:ulm/zone-c')).err).toContain("did you mean 'fire-zone:ulm/zone-a'?");
  });
});

describe('rbc check on analysis results', () => {
  it('example (a) checks clean', async () => {
    expect((await rbc('check', A, '--today', '2026-01-01')).code).toBe(0);
  });

  it('reports a violated policy at its line, and a rule finding at the element at fault', async () => {
    const bp = readBlueprint(EXAMPLE_A);
    bp.gateways.find((g) => g.id === 'pbx-west')!.placement = { site: 'ulm', room: 'server-east' };
    const text = stringify(bp);
    const file = join(tmp, 'same-zone.yaml');
    writeFileSync(file, text);
    const r = await rbc('check', file, '--today', '2026-01-01');
    expect(r.code).toBe(1);
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(r.err).toContain(`${file}:${lineOf('id: pbx-west')}:5: error RBC3100 RBC-R001: Standby pbx-west runs in the same fire zone zone-a (site ulm) as its primary pbx-east`);
    expect(r.err).toContain(`${file}:${lineOf('id: telephony-fire')}:5: error RBC3001: Policy 'telephony-fire' is violated at site 'ulm': internal under 'fire or flood in fire zone zone-a`);
    const sarif = JSON.parse((await rbc('check', file, '--format', 'sarif', '--today', '2026-01-01')).out);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('RBC-R001');
  });

  it('points an expired acknowledgement\'s warning at its entry, and shows the finding again', async () => {
    const bp = readBlueprint(EXAMPLE_A);
    bp.sites[0]!.poeSwitches!.find((p) => p.id === 'poe-east')!.power = 'mains-1';
    bp.acknowledgements = [{ rule: 'RBC-R006', target: 'sites/ulm/poe-switches/poe-east', reason: 'Until the new UPS arrives in the spring.', owner: 'Head of IT', expires: '2025-06-30' }];
    const file = join(tmp, 'expired.yaml');
    writeFileSync(file, stringify(bp));
    const r = await rbc('check', file, '--today', '2026-01-01');
    const lines = readFileSync(file, 'utf8').split('\n');
    const ackLine = lines.findIndex((l) => l.includes('rule: RBC-R006')) + 1;
    expect(r.err).toContain(`${file}:${ackLine}:5: warning RBC3102 RBC-R006: Acknowledgement of RBC-R006 on 'sites/ulm/poe-switches/poe-east' expired on 2025-06-30; the finding shows again`);
    expect(r.err).toContain('warning RBC3100 RBC-R006: PoE switch poe-east at site ulm powers 90 phones from mains feed mains-1');
    expect(r.code).toBe(0);
    expect((await rbc('check', file, '--today', '2026-01-01', '--fail-on', 'warning')).code).toBe(1);
  });
});
