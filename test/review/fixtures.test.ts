// Each kind of blueprint change, on output directories with a hand-written analysis.json (see
// support/fixture-assessment.ts): what the review says, and the exit code CI sees.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../review/index.js';
import { exampleOutput, tempDir } from './support/fixture-output.js';
import { rbc, section } from './support/run-rbc.js';
import { CHANGES, type ChangeKind } from './support/variants.js';

let root: string;
const dirs = {} as Record<ChangeKind | 'base' | 'base-copy', string>;

beforeAll(() => {
  root = tempDir();
  dirs.base = exampleOutput(join(root, 'base'), 'base');
  dirs['base-copy'] = exampleOutput(join(root, 'base-copy'), 'base');
  for (const c of CHANGES) dirs[c] = exampleOutput(join(root, c), c);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function diff(change: ChangeKind, ...extra: string[]) {
  const md = await rbc(['diff', dirs.base, dirs[change], ...extra]);
  const json = await rbc(['diff', '--format', 'json', dirs.base, dirs[change], ...extra]);
  return { md: md.out, code: md.code, err: md.err, review: JSON.parse(json.out) as Review, jsonCode: json.code };
}

describe('identical inputs', () => {
  it('say "No changes." and exit 0', async () => {
    const r = await rbc(['diff', dirs.base, dirs['base-copy']]);
    expect(r.out).toBe('No changes.\n');
    expect(r.code).toBe(0);
    const j = await rbc(['diff', '--format', 'json', dirs.base, dirs.base]);
    const review = JSON.parse(j.out) as Review;
    expect(review.identical).toBe(true);
    expect(review.headline).toBe('No changes.');
    expect(review.regressions).toEqual([]);
  });

  it('exit 0 even with --fail-on any-change', async () => {
    expect((await rbc(['diff', '--fail-on', 'any-change', dirs.base, dirs['base-copy']])).code).toBe(0);
  });
});

describe('removing the second trunk', () => {
  it('is a regression: the emergency policy breaks, single points of failure appear', async () => {
    const { md, code, review } = await diff('remove-second-trunk');
    expect(code).toBe(1);
    expect(md.split('\n')[0]).toMatch(/^### Redundancy regression \(\d+\): policy emergency-always newly violated/);
    const red = section(md, 'Redundancy');
    expect(red).toContain('- `emergency-always` (Emergency calls work after any single failure, within a minute, without anyone acting.): met → **violated**');
    expect(red).toContain('**newly violated**: **Emergency calls** at Ulm headquarters under *supply line duct-north (North duct from Karlstrasse)*: No trunk is left.');
    expect(red).toContain('- *supply line duct-north (North duct from Karlstrasse)*: **Emergency calls**, **Incoming calls** and **Outbound calls** no longer survive. No trunk is left.');
    expect(red).toContain('- *Deutsche Telekom*: **Emergency calls**, **Incoming calls** and **Outbound calls** no longer survive.');
    expect(red).toContain('- **New single point of failure**: Deutsche Telekom takes down `ulm/emergency`, `ulm/incoming`, `ulm/outbound`');
    // the pair of ducts is no longer a point of failure of its own: one duct alone now does the damage
    expect(red).toContain('- 1 combination of failures no longer listed: a single failure inside it now does the same damage');
    expect(review.redundancy.pointsOfFailure.find((c) => c.order === 2)!.change).toBe('absorbed');
    expect(red).toContain('- **New** error `RBC-R004` at `sites/ulm`');
    // internal calls never used a trunk: they are not listed
    expect(red).not.toContain('**Internal calls**');
    expect(review.regressions.map((r) => r.kind).sort()).toEqual([
      'policy-violated', 'policy-violated',
      'survival-lost', 'survival-lost', 'survival-lost', 'survival-lost', 'survival-lost', 'survival-lost',
    ]);
  });

  it('masks the trunk credentials in the runbook diff', async () => {
    const { md } = await diff('remove-second-trunk');
    const files = section(md, 'Device configs and runbooks');
    expect(files).toContain('<details><summary>runbooks/ulm.md changed (+0 −1)</summary>');
    expect(files).toContain('-- swu-sip (sip, SWU TeleNet): number block rerouting automatic. Credentials: (secret, hidden)');
    expect(md).not.toContain('meyer/trunks/swu-sip');
    expect(files).toContain('- `runbooks/ulm.html` changed (+0 −1) — rendered from runbooks/ulm.md');
  });

  it('exits 0 with --fail-on never and still prints the regression', async () => {
    const { code, md } = await diff('remove-second-trunk', '--fail-on', 'never');
    expect(code).toBe(0);
    expect(md).toContain('Redundancy regression');
  });
});

describe("moving the standby into the primary's fire zone", () => {
  it('breaks fire survival of every service and both policies', async () => {
    const { md, code, review } = await diff('standby-into-primary-zone');
    expect(code).toBe(1);
    const red = section(md, 'Redundancy');
    expect(red).toContain('- `telephony-fire` (Internal and outbound calls survive a fire in one fire zone within a minute.): met → **violated**');
    expect(red).toContain('- *fire zone East wing (Main building, Ulm headquarters)*: **Emergency calls**, **Incoming calls**, **Internal calls** and **Outbound calls** no longer survive. Both PBXs are in the affected area.\n');
    expect(red).toContain('- **New single point of failure**: fire zone East wing (Main building, Ulm headquarters) takes down `ulm/emergency`, `ulm/incoming`, `ulm/internal`, `ulm/outbound`');
    expect(red).toContain('- **New single point of failure**: cooling ac-east (Ulm headquarters)');
    expect(red).toContain('- **New** error `RBC-R001` at `gateways/pbx-west`: Standby pbx-west is in fire zone zone-a, the same as its primary pbx-east.');
    const lost = review.redundancy.sites.find((s) => s.site === 'ulm')!.lost;
    expect(lost).toHaveLength(8); // 4 services x (fire zone, cooling)
    expect(new Set(lost.map((l) => l.scenario.id))).toEqual(new Set(['fire-zone:ulm/zone-a', 'cooling:ulm/ac-east']));
  });
});

describe('shortening the UPS autonomy', () => {
  it('loses survival of a long outage with a failed generator, without touching a policy', async () => {
    const { md, code, review } = await diff('shorter-ups-autonomy');
    expect(code).toBe(1);
    const red = section(md, 'Redundancy');
    expect(red).toContain('Policies: no verdict changed.');
    expect(red).toContain("- *power outage of 60 min with the generator failing (Mains feed 1, Diesel generator)*: **Emergency calls**, **Incoming calls**, **Internal calls** and **Outbound calls** no longer survive. The UPS (15 min) runs out; the phones' PoE switches lose power. Cut by: Diesel generator (Ulm headquarters), Mains feed 1 (Ulm headquarters).");
    expect(red).toContain('- **New double point of failure**: Diesel generator (Ulm headquarters) + Mains feed 1 (Ulm headquarters)');
    expect(review.regressions.every((r) => r.kind === 'survival-lost')).toBe(true);
    expect(section(md, 'Device configs and runbooks')).toContain('+- ups-east: 15 min on battery.');
  });
});

describe('adding a branch', () => {
  it('shows the new site and its exposure; the all-sites emergency policy now fails there', async () => {
    const { md, code, review } = await diff('add-branch');
    expect(code).toBe(1);
    const red = section(md, 'Redundancy');
    expect(red).toContain('### New site: Neu-Ulm branch (`neu-ulm`)');
    expect(red).toContain('- **Emergency calls**: 4 scenarios analysed; does not survive *PBX Neu-Ulm*, *fire zone First floor (Office, Neu-Ulm branch)*, *Deutsche Telekom*, *supply line entry (Street side)*');
    expect(red).toContain('**newly violated**: **Emergency calls** at Neu-Ulm branch under *PBX Neu-Ulm*: The only PBX of the site is down.');
    // The headquarters did not change: no section of its own.
    expect(red).not.toContain('### Ulm headquarters');
    // a new site's exposure is information, not a lost survival
    expect(review.regressions.every((r) => r.kind === 'policy-violated')).toBe(true);
    const files = section(md, 'Device configs and runbooks');
    expect(files).toContain('<details><summary>devices/neu-ulm/pbx-neu-ulm/prometheus.yml added (+7 −0)</summary>');
    expect(files).toContain('password: "(secret, hidden)"');
    expect(files).toContain('+- [Neu-Ulm branch](neu-ulm.md)');
  });
});

describe("changing a provider's rerouting lead time", () => {
  it('shows the slower switchover of incoming calls, which no policy limits: no regression', async () => {
    const { md, code, review } = await diff('rerouting-lead-time');
    expect(code).toBe(0);
    expect(md.split('\n')[0]).toBe('### Redundancy changed, no regression: 2 switchovers slower. Terraform: no change; 2 runbook files changed (and the resolved model).');
    const red = section(md, 'Redundancy');
    expect(red).toContain('**Switchover slower**');
    expect(red).toContain('- *Deutsche Telekom*: **Incoming calls** 4 h, manual → 8 h, manual (+4 h). Now: number rerouting by Deutsche Telekom (on request, 480 min): 8 h.');
    expect(review.regressions).toEqual([]);
    expect((await diff('rerouting-lead-time', '--fail-on', 'redundancy-change')).code).toBe(1);
  });
});

describe('a cosmetic rename of a description', () => {
  it('says "no change" for redundancy and shows the runbook text', async () => {
    const { md, code, review } = await diff('description-rename');
    expect(code).toBe(0);
    expect(md.split('\n')[0]).toBe('### No change in redundancy. Terraform: no change; 3 runbook files changed (and the resolved model).');
    expect(section(md, 'Redundancy')).toContain('No change in redundancy');
    expect(section(md, 'Terraform')).toContain('No change.');
    expect(review.redundancy.changed).toBe(false);
    expect(review.files.map((f) => f.path)).toEqual(['model.json', 'runbooks/index.md', 'runbooks/ulm.html', 'runbooks/ulm.md']);
    expect((await diff('description-rename', '--fail-on', 'any-change')).code).toBe(1);
    expect((await diff('description-rename', '--fail-on', 'redundancy-change,destroy')).code).toBe(0);
  });
});

describe('the other direction', () => {
  it('adding the second trunk back is a gain, not a regression', async () => {
    const r = await rbc(['diff', dirs['remove-second-trunk'], dirs.base]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('- `emergency-always` (Emergency calls work after any single failure, within a minute, without anyone acting.): **violated** → met');
    expect(r.out).toContain('**Now survives**');
    expect(r.out).toContain('- *Deutsche Telekom*: **Emergency calls** and **Outbound calls** now survive. swu-sip carries the calls.');
    expect(r.out).toContain('- Removed single point of failure: Deutsche Telekom');
    expect(r.out).toContain('- Resolved error `RBC-R004` at `sites/ulm`');
  });
});
