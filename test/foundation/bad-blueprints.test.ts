// Bad input gets a clear error at the right place, every error at once, and never a crash.
// Each case breaks the small valid blueprint in test/fixtures/bad/base.yaml in one place and
// asserts the exact code, line and column (computed from where the broken text stands).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { loadBlueprintFile, loadBlueprintText, type LoadResult } from '../../load/load.js';
import { formatDiagnostic, sortDiagnostics } from '../../diagnostics/index.js';
import { generateFleet } from '../../bench/fleet.js';
import { REPO } from '../support/compile.js';

const BASE = readFileSync(`${REPO}test/fixtures/bad/base.yaml`, 'utf8');
const BASE_JSON = JSON.stringify(parseYaml(BASE), null, 2) + '\n';

/** Replaces the one occurrence of `from`; a fixture edit that matches twice is a test bug. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`'${from}' must occur exactly once in the fixture`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line and column of `inner` within the `nth` occurrence of `needle`. */
function pos(text: string, needle: string, inner = '', nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found (occurrence ${nth})`);
  }
  if (inner) {
    const k = needle.indexOf(inner);
    if (k < 0) throw new Error(`'${inner}' is not part of '${needle}'`);
    at += k;
  }
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

const load = (text: string | Buffer, name = 'bad.yaml'): LoadResult => loadBlueprintText(name, Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

const errorsOf = (r: LoadResult) =>
  r.diagnostics.filter((d) => d.category === 'error').map((d) => ({ code: d.code, line: d.location.line, column: d.location.column }));

/** The only error is `code` at `at`; returns it for further checks of the message. */
function onlyError(r: LoadResult, code: string, at: { line?: number; column?: number }) {
  expect(errorsOf(r)).toEqual([{ code, line: at.line, column: at.column }]);
  expect(r.model).toBeNull();
  const d = r.diagnostics.find((x) => x.category === 'error')!;
  // Every diagnostic is one line a user can act on: what is wrong; how to fix it.
  expect(formatDiagnostic(d)).not.toMatch(/\n/);
  expect(formatDiagnostic(d)).toMatch(/^[^:]+(:\d+:\d+)?: error RBC\d{4}: .+; .+$/);
  return d;
}

const tmp = mkdtempSync(join(tmpdir(), 'rbc-bad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the base fixture', () => {
  it('is valid as YAML and as JSON, so every failure below comes from the one edit', () => {
    for (const r of [load(BASE), load(BASE_JSON, 'bad.json')]) {
      expect(r.diagnostics.filter((d) => d.category !== 'info')).toEqual([]);
      expect(r.model).not.toBeNull();
    }
  });
});

describe('schema errors', () => {
  it('unknown key, with did-you-mean, at the key', () => {
    const text = edit(BASE, '    nics: 2\n', '    nic: 2\n');
    const d = onlyError(load(text), 'RBC1010', pos(text, 'nic: 2'));
    expect(d.message).toBe("Unknown key 'nic' in gateways[0].");
    expect(d.hint).toBe("Remove it; did you mean 'nics'?");
  });

  it('unknown key in a JSON blueprint, at the key', () => {
    const text = edit(BASE_JSON, '"nics": 2', '"nic": 2');
    const d = onlyError(load(text, 'bad.json'), 'RBC1010', pos(text, '"nic": 2'));
    expect(d.hint).toContain("did you mean 'nics'?");
  });

  it('wrong type, at the value', () => {
    const text = edit(BASE, 'users: 180', 'users: lots');
    const d = onlyError(load(text), 'RBC1012', pos(text, 'users: lots', 'lots'));
    expect(d.message).toBe("'sites[0].users' must be a whole number.");
  });

  it('a value outside the allowed set, with did-you-mean, at the value', () => {
    const text = edit(BASE, 'role: headquarters', 'role: headquarter');
    const d = onlyError(load(text), 'RBC1013', pos(text, 'role: headquarter', 'headquarter'));
    expect(d.message).toBe("'sites[0].role' is not one of the allowed values: headquarters, branch, datacenter.");
    expect(d.hint).toBe("Use one of them; did you mean 'headquarters'?");
  });

  it('missing required key, at the object that lacks it', () => {
    const text = edit(BASE, '    name: Neu-Ulm branch\n', '');
    const d = onlyError(load(text), 'RBC1011', pos(text, 'id: neu-ulm'));
    expect(d.message).toBe("Missing required key 'name' in sites[1].");
  });

  it.each([
    ['a space', 'gw a', '"gw a"'],
    ['a line break', 'gw\\nb', '"gw\\nb"'],
    ['a path', '../../etc/passwd', '../../etc/passwd'],
    ['a quote', 'gw"b', `'gw"b'`],
    ['capitals', 'GW-Branch', 'GW-Branch'],
  ])('an id with %s is refused, at the value, shown on one line', (_what, shownAs, yaml) => {
    const text = edit(BASE, '  - id: gw-branch\n', `  - id: ${yaml}\n`);
    const d = onlyError(load(text), 'RBC1015', pos(text, `id: ${yaml}`, yaml));
    expect(d.message).toBe(`'${shownAs}' is not a valid id.`);
  });

  it('a plaintext secret under a password key', () => {
    const text = edit(BASE, '    credentials: aws-sm:test/citynet\n', '    credentials: aws-sm:test/citynet\n    password: hunter2\n');
    const d = onlyError(load(text), 'RBC1020', pos(text, 'password: hunter2', 'hunter2'));
    expect(d.message).toBe("'trunks[1].password' looks like a plaintext secret.");
  });

  it('a plaintext secret where a secret reference belongs', () => {
    const text = edit(BASE, 'credentials: aws-sm:test/citynet', 'credentials: hunter2');
    const d = onlyError(load(text), 'RBC1020', pos(text, 'credentials: hunter2', 'hunter2'));
    expect(d.hint).toContain('aws-sm:NAME');
    expect(d.message).not.toContain('hunter2');
  });

  it('a key named __proto__ is an unknown key and pollutes nothing', () => {
    const text = edit(BASE, '    nics: 2\n', '    nics: 2\n    __proto__: { polluted: true }\n');
    onlyError(load(text), 'RBC1010', pos(text, '__proto__'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('reference and model errors', () => {
  it('dangling provider, with did-you-mean, at the value', () => {
    const text = edit(BASE, 'provider: citynet', 'provider: citynett');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'provider: citynett', 'citynett'));
    expect(d.message).toBe("Provider 'citynett' does not exist.");
    expect(d.hint).toBe("Refer to an existing provider; did you mean 'citynet'?");
  });

  it('dangling supply line of a trunk', () => {
    const text = edit(BASE, 'supplyLine: duct-north', 'supplyLine: duct-nort');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'supplyLine: duct-nort', 'duct-nort'));
    expect(d.message).toBe("Supply line 'duct-nort' does not exist at site 'ulm'.");
    expect(d.hint).toContain("did you mean 'duct-north'?");
  });

  it('dangling gateway of a standby', () => {
    const text = edit(BASE, '{ gateway: gw-a, mode: hot }', '{ gateway: gw-x, mode: hot }');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'gateway: gw-x', 'gw-x'));
    expect(d.message).toBe("Gateway 'gw-x' does not exist.");
  });

  it('dangling room of a placement', () => {
    const text = edit(BASE, 'room: server-west', 'room: server-wst');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'room: server-wst', 'server-wst'));
    expect(d.message).toBe("Room 'server-wst' does not exist at site 'ulm'.");
    expect(d.hint).toContain("did you mean 'server-west'?");
  });

  it('dangling fire zone of a PoE switch', () => {
    const text = edit(BASE, '{ id: poe-b, fireZone: zone-b', '{ id: poe-b, fireZone: zone-c');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'fireZone: zone-c', 'zone-c'));
    expect(d.message).toBe("Fire zone 'zone-c' does not exist at site 'ulm'.");
  });

  it('dangling power source of a UPS', () => {
    const text = edit(BASE, 'inputs: [mains]', 'inputs: [main]');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'inputs: [main]', 'main'));
    expect(d.message).toBe("Power source 'main' does not exist at site 'ulm'.");
    expect(d.hint).toContain("did you mean 'mains'?");
  });

  it('dangling power source of a gateway PSU', () => {
    const text = edit(BASE, 'psus: [ups-a, mains]', 'psus: [ups-b, mains]');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'psus: [ups-b', 'ups-b'));
    expect(d.message).toBe("Power source 'ups-b' does not exist at site 'ulm'.");
  });

  it('a policy naming a site that does not exist', () => {
    const text = edit(BASE, 'sites: [ulm]', 'sites: [ulmm]');
    const d = onlyError(load(text), 'RBC2002', pos(text, 'sites: [ulmm]', 'ulmm'));
    expect(d.message).toBe("Site 'ulmm' does not exist.");
    expect(d.hint).toContain("did you mean 'ulm'?");
  });

  it('duplicate id of a global element, naming the first one', () => {
    const text = edit(BASE, '  - id: gw-branch\n', '  - id: gw-a\n    form: appliance\n    placement: { site: neu-ulm }\n  - id: gw-branch\n');
    const d = onlyError(load(text), 'RBC2001', pos(text, 'id: gw-a', 'gw-a', 1));
    expect(d.message).toBe(`Duplicate gateway id 'gw-a' (first defined at line ${pos(text, 'id: gw-a').line}).`);
  });

  it('duplicate id within a site; the same id at two sites is fine', () => {
    const text = edit(BASE, '      - { id: ac-east }\n', '      - { id: ac-east }\n      - { id: ac-east }\n');
    const d = onlyError(load(text), 'RBC2001', pos(text, 'id: ac-east', 'ac-east', 1));
    expect(d.message).toMatch(/^Duplicate cooling unit id 'ac-east'/);
    // zone-a and mains exist at both sites of the base fixture, which loads clean.
    expect(BASE.match(/id: zone-a/g)).toHaveLength(2);
  });

  it('a standby ring of three gateways, in the order they stand in for each other', () => {
    let text = edit(BASE, '    nics: 2\n', '    nics: 2\n    standbyFor:\n      - { gateway: gw-branch, mode: cold }\n');
    text = edit(text, '    master: gw-a\n', '    master: gw-a\n    standbyFor:\n      - { gateway: gw-b, mode: cold }\n');
    const d = onlyError(load(text), 'RBC2004', pos(text, 'standbyFor:'));
    expect(d.message).toBe('Standby chain forms a ring of more than two gateways: gw-a -> gw-branch -> gw-b -> gw-a.');
  });

  it('mutual standby of two gateways (option 2) is not a cycle', () => {
    const text = edit(BASE, '    nics: 2\n', '    nics: 2\n    serves: [ulm]\n    standbyFor:\n      - { gateway: gw-b, mode: hot }\n');
    expect(errorsOf(load(text))).toEqual([]);
  });

  it('a master cycle', () => {
    const text = edit(BASE, '    nics: 2\n', '    nics: 2\n    master: gw-branch\n');
    const d = onlyError(load(text), 'RBC2005', pos(text, 'master: gw-branch', 'gw-branch'));
    expect(d.message).toBe('Master/slave chain forms a cycle: gw-a -> gw-branch -> gw-a.');
  });

  it('a gateway that is standby for itself', () => {
    const text = edit(BASE, '{ gateway: gw-a, mode: hot }', '{ gateway: gw-b, mode: hot }');
    const d = onlyError(load(text), 'RBC2012', pos(text, 'gateway: gw-b', 'gw-b'));
    expect(d.message).toBe("Gateway 'gw-b' is declared standby for itself.");
  });

  it('a cloud gateway without a cloud section', () => {
    const text = edit(BASE, 'trunks:\n', '  - id: gw-cloud\n    form: cloud\n    placement: { region: eu-central-1, az: eu-central-1a }\n\ntrunks:\n');
    const d = onlyError(load(text), 'RBC2008', pos(text, 'placement: { region', 'placement'));
    expect(d.message).toBe("Gateway 'gw-cloud' is placed in the cloud, but the blueprint has no cloud section.");
  });

  it('a placement whose fire zone contradicts its room', () => {
    const text = edit(BASE, '{ site: ulm, room: server-east }', '{ site: ulm, room: server-east, fireZone: zone-b }');
    const d = onlyError(load(text), 'RBC2006', pos(text, 'server-east, fireZone: zone-b }', 'zone-b'));
    expect(d.message).toBe("Room 'server-east' is in fire zone 'zone-a', not 'zone-b'.");
  });

  it('an acknowledgement whose target matches nothing', () => {
    const text = edit(BASE, 'target: gateways/gw-branch', 'target: gateways/gw-brnch');
    const d = onlyError(load(text), 'RBC2016', pos(text, 'target: gateways/gw-brnch', 'gateways/gw-brnch'));
    expect(d.message).toBe("Acknowledgement target 'gateways/gw-brnch' matches no construct.");
  });

  it('an ISDN trunk without a supply line', () => {
    const text = edit(BASE, '    supplyLine: duct-north\n', '');
    const d = onlyError(load(text), 'RBC2010', pos(text, 'id: telekom-pri'));
    expect(d.message).toBe("Trunk 'telekom-pri' of kind isdn-pri needs a supplyLine.");
  });
});

describe('all errors at once, sorted', () => {
  it('reports every schema error of a file, in file order', () => {
    let text = edit(BASE, 'role: headquarters', 'role: hq');
    text = edit(text, 'users: 20', 'users: -5');
    text = edit(text, '    nics: 2\n', '    nic: 2\n');
    text = edit(text, 'expires: 2027-12-31', 'expires: 31.12.2027');
    const r = load(text);
    expect(errorsOf(r)).toEqual([
      { code: 'RBC1013', ...pos(text, 'role: hq', 'hq') },
      { code: 'RBC1016', ...pos(text, 'users: -5', '-5') },
      { code: 'RBC1010', ...pos(text, 'nic: 2') },
      { code: 'RBC1014', ...pos(text, 'expires: 31.12.2027', '31.12.2027') },
    ]);
    expect(r.diagnostics).toEqual(sortDiagnostics(r.diagnostics));
  });

  it('reports every reference error of a file, in file order', () => {
    let text = edit(BASE, 'target: gateways/gw-branch', 'target: sites/nowhere');
    text = edit(text, 'provider: citynet', 'provider: nobody');
    text = edit(text, '      - { id: ac-east }\n', '      - { id: ac-east }\n      - { id: ac-east }\n');
    text = edit(text, 'room: server-west', 'room: attic');
    const r = load(text);
    expect(errorsOf(r)).toEqual([
      { code: 'RBC2001', ...pos(text, 'id: ac-east', 'ac-east', 1) },
      { code: 'RBC2002', ...pos(text, 'room: attic', 'attic') },
      { code: 'RBC2002', ...pos(text, 'provider: nobody', 'nobody') },
      { code: 'RBC2016', ...pos(text, 'target: sites/nowhere', 'sites/nowhere') },
    ]);
    expect(r.diagnostics).toEqual(sortDiagnostics(r.diagnostics));
  });
});

describe('broken files', () => {
  it('YAML syntax error: a tab in the indentation', () => {
    const text = edit(BASE, '  name: Test deployment\n', '\tname: Test deployment\n');
    const d = onlyError(load(text), 'RBC1005', pos(text, '\tname'));
    expect(d.message).toBe('YAML syntax error: tab characters must not be used in indentation.');
  });

  it('YAML syntax error: a flow mapping that is not closed', () => {
    const text = edit(BASE, '  - { id: citynet, name: CityNet, kind: carrier }\n', '  - { id: citynet, name: CityNet, kind: carrier\n');
    // The parser notices at the next entry, where a comma or `}` was due.
    const d = onlyError(load(text), 'RBC1005', pos(text, '- { id: fibre-isp'));
    expect(d.message).toBe('YAML syntax error: missed comma between flow collection entries.');
  });

  it('YAML syntax error: a duplicate key', () => {
    const text = edit(BASE, '  owner: Test integrator\n', '  owner: Test integrator\n  owner: Someone else\n');
    const d = onlyError(load(text), 'RBC1005', pos(text, 'owner: Someone'));
    expect(d.message).toBe('YAML syntax error: duplicated mapping key.');
  });

  it.each([
    ['a trailing comma', '"kind": "isp"\n', '"kind": "isp",\n', '}', "trailing comma before '}'"],
    ['a missing value', '"users": 180,', '"users": ,', ',', "expected a value, found ','"],
    ['a comment', '"rbc": 1,', '"rbc": 1, // version', '//', 'comments are not allowed in JSON'],
    ['single quotes', '"owner": "Test integrator"', "'owner': 'Test integrator'", "'owner'", 'keys must be written in double quotes'],
    ['a missing comma', '"rbc": 1,', '"rbc": 1', '"deployment"', "expected ',' or '}', found '\"' (a comma missing?)"],
  ])('JSON syntax error: %s', (_what, from, to, at, message) => {
    const text = edit(BASE_JSON, from, to);
    const needle = at === '}' ? `${to.trimEnd()}\n    }` : at === '"deployment"' ? '"deployment"' : to;
    const inner = at === '}' ? '}' : at === '"deployment"' ? '' : at;
    const d = onlyError(load(text, 'bad.json'), 'RBC1006', pos(text, needle, inner));
    expect(d.message).toBe(`JSON syntax error: ${message}.`);
  });

  it('JSON: a duplicate key', () => {
    const text = edit(BASE_JSON, '  "rbc": 1,\n', '  "rbc": 1,\n  "rbc": 1,\n');
    onlyError(load(text, 'bad.json'), 'RBC1006', pos(text, '"rbc"', '', 1));
  });

  it('bytes that are not UTF-8, at the first bad byte', () => {
    const [before, after] = BASE.split('Neu-Ulm branch');
    const bytes = Buffer.concat([Buffer.from(`${before}Neu-Ülm `, 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from(`branch${after}`, 'utf8')]);
    const at = pos(`${before}Neu-Ülm `, 'Neu-Ülm ');
    onlyError(load(bytes), 'RBC1003', { line: at.line, column: at.column + 'Neu-Ülm '.length });
  });

  it.each([
    ['a truncated multi-byte character', [0xc3]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('bytes that are not UTF-8: %s far into the file', (_what, bad) => {
    const padding = '# padding\n'.repeat(2000);
    const bytes = Buffer.concat([Buffer.from(BASE + padding + 'x: "', 'utf8'), Buffer.from(bad), Buffer.from('"\n')]);
    const lines = (BASE + padding).split('\n').length;
    onlyError(load(bytes), 'RBC1003', { line: lines, column: 5 });
  });

  it.each([
    ['empty', ''],
    ['blank', '\n  \n'],
    ['only comments', '# nothing yet\n'],
  ])('an %s file', (_what, text) => {
    onlyError(load(text), 'RBC1009', { line: 1, column: 1 });
  });

  it('a document that is not a mapping', () => {
    const d = onlyError(load('- rbc: 1\n'), 'RBC1012', { line: 1, column: 1 });
    expect(d.message).toBe("'the blueprint' must be a mapping of keys to values.");
  });

  it('an alias bomb (billion laughs) is refused before it expands', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const d = onlyError(load(levels.join('\n') + '\n'), 'RBC1007', { line: 1, column: 1 });
    expect(d.message).toMatch(/aliases/);
  });

  it('a few anchors and aliases are fine', () => {
    let text = edit(BASE, 'rerouting: { mode: automatic } }', 'rerouting: &auto { mode: automatic } }');
    text = edit(text, '{ id: citynet, name: CityNet, kind: carrier }', '{ id: citynet, name: CityNet, kind: carrier, rerouting: *auto }');
    const r = load(text);
    expect(errorsOf(r)).toEqual([]);
    expect(r.model!.providers.find((p) => p.id === 'citynet')!.rerouting.mode).toBe('automatic');
  });

  describe('nesting 10,000 levels deep is refused without overflowing the stack', () => {
    // Reported at the first node past level 64 (the document is level 0): the 66th opener of
    // nested lists, or the key inside the 65th nested object.
    const n = 10_000;
    it.each([
      ['YAML flow sequences', 'deep.yaml', '['.repeat(n) + ']'.repeat(n), 66],
      ['YAML block sequences', 'deep.yaml', '- '.repeat(n) + 'x\n', 65 * 2 + 1],
      ['JSON arrays', 'deep.json', '['.repeat(n) + ']'.repeat(n), 66],
      ['JSON objects', 'deep.json', '{"a":'.repeat(n) + '1' + '}'.repeat(n), 64 * 5 + 2],
    ])('%s', (_what, name, text, column) => {
      const d = onlyError(load(text, name), 'RBC1008', { line: 1, column });
      expect(d.message).toBe('The document is nested deeper than 64 levels.');
    });
  });
});

describe('files', () => {
  it('an unsupported extension is named without reading the file', () => {
    const r = loadBlueprintFile(join(tmp, 'blueprint.txt'), { displayName: 'blueprint.txt' });
    expect(errorsOf(r)).toEqual([{ code: 'RBC1002', line: undefined, column: undefined }]);
    expect(formatDiagnostic(r.diagnostics[0]!)).toBe('blueprint.txt: error RBC1002: Blueprint \'blueprint.txt\' has an unsupported extension; use .yaml, .yml, .json or .ts.');
  });

  it('a directory instead of a file', () => {
    mkdirSync(join(tmp, 'blueprints.yaml'));
    const r = loadBlueprintFile(join(tmp, 'blueprints.yaml'), { displayName: 'blueprints.yaml' });
    expect(errorsOf(r)).toEqual([{ code: 'RBC1001', line: undefined, column: undefined }]);
    expect(r.diagnostics[0]!.message).toBe("Cannot read blueprint 'blueprints.yaml': it is a directory.");
  });

  it('a file that does not exist', () => {
    const r = loadBlueprintFile(join(tmp, 'missing.yaml'), { displayName: 'missing.yaml' });
    expect(errorsOf(r)).toEqual([{ code: 'RBC1001', line: undefined, column: undefined }]);
    expect(r.diagnostics[0]!.message).toBe("Cannot read blueprint 'missing.yaml': ENOENT.");
  });

  it('a file over the size limit is refused before it is read', () => {
    const file = join(tmp, 'limit.yaml');
    writeFileSync(file, BASE);
    const r = loadBlueprintFile(file, { maxBytes: 1000, displayName: 'limit.yaml' });
    const d = onlyError(r, 'RBC1004', { line: 1, column: 1 });
    expect(d.message).toBe(`The file has ${Buffer.byteLength(BASE)} bytes, more than the limit of 1000.`);
  });

  it('a valid blueprint of more than 10 MB loads cleanly', () => {
    // A fleet of 300 sites, heavily commented: what a big, well-documented blueprint looks like.
    const fleet = stringifyYaml(generateFleet({ sites: 300 }));
    const note = `# ${'Maintained by the integrator; see the change log in the repository. '.repeat(5)}\n`;
    const text = fleet.replace(/\n/g, () => `\n${note}`);
    expect(Buffer.byteLength(text)).toBeGreaterThan(10 * 1024 * 1024);
    const file = join(tmp, 'fleet.yaml');
    writeFileSync(file, text);
    const r = loadBlueprintFile(file);
    expect(errorsOf(r)).toEqual([]);
    expect(r.model?.sites).toHaveLength(300);
  });

  it('an 11 MB file that is not a blueprint gets one clear error', () => {
    const file = join(tmp, 'junk.yaml');
    writeFileSync(file, 'x'.repeat(11 * 1024 * 1024));
    const d = onlyError(loadBlueprintFile(file), 'RBC1012', { line: 1, column: 1 });
    expect(d.message.length).toBeLessThan(200);
  });
});

describe('any damage to a valid blueprint', () => {
  // Random edits of the base fixture, as a hurried hand or a broken merge makes them: the loader
  // never throws, and what it reports is sorted, one line each, in the documented form.
  const lines = BASE.split('\n');
  const noise = fc
    .array(fc.constantFrom('[', ']', '{', '}', ':', '-', ' ', '\t', '\n', '&a', '*a', '!', '|', '>', "'", '"', '#', ',', '?', '%', 'x', '0', '\u00e9', '\u0000'), { maxLength: 12 })
    .map((parts) => parts.join(''));
  const edit = fc.oneof(
    fc.nat(BASE.length).map((n) => (text: string) => text.slice(0, n)),
    fc.nat(lines.length - 1).map((i) => (text: string) => text.split('\n').filter((_, j) => j !== i).join('\n')),
    fc.nat(lines.length - 1).map((i) => (text: string) => text.split('\n').flatMap((l, j) => (j === i ? [l, l] : [l])).join('\n')),
    fc.tuple(fc.nat(BASE.length), noise).map(([at, s]) => (text: string) => text.slice(0, at) + s + text.slice(at)),
    fc.tuple(fc.nat(BASE.length), fc.nat(8)).map(([at, n]) => (text: string) => text.slice(0, at) + text.slice(at + n)),
  );
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 4 });

  it('never crashes the loader and always reports in order, one line each', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.option(fc.tuple(fc.nat(BASE.length), bytes)), fc.boolean(), (edits, raw, asJson) => {
        const text = edits.reduce((t, e) => e(t), asJson ? BASE_JSON : BASE);
        let buffer = Buffer.from(text, 'utf8');
        if (raw) {
          const [at, b] = raw;
          const cut = Math.min(at, buffer.length);
          buffer = Buffer.concat([buffer.subarray(0, cut), Buffer.from(b), buffer.subarray(cut)]);
        }
        const r = load(buffer, asJson ? 'fuzz.json' : 'fuzz.yaml');
        expect(r.diagnostics).toEqual(sortDiagnostics(r.diagnostics));
        for (const d of r.diagnostics) expect(formatDiagnostic(d)).toMatch(/^fuzz\.(yaml|json)(:\d+:\d+)?: (error|warning|info) RBC\d{4}: [^\n]+$/);
        const errors = r.diagnostics.some((d) => d.category === 'error');
        expect(r.model === null).toBe(errors);
      }),
      { numRuns: 300, seed: 20261126 },
    );
  });
});
