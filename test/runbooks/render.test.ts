// The direct template compiler (render.ts) against Handlebars itself: the same bytes for every
// example, a hostile blueprint and a generated fleet, the same strict-mode errors, and Handlebars'
// own rendering for whatever the direct compiler does not support.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../analysis/index.js';
import { generateFleet } from '../../bench/fleet.js';
import { runbookFiles } from '../../generators/runbooks/generator.js';
import { compileDirect } from '../../generators/runbooks/render.js';
import { loadTemplates } from '../../generators/runbooks/templates.js';
import type { Model } from '../../model/types.js';
import { EXAMPLES, hostileBlueprint, loadExample, modelFromObject, stubSvg, TODAY } from './support.js';
import Handlebars from 'handlebars';
import fc from 'fast-check';

async function bothEngines(model: Model): Promise<void> {
  const assessment = analyse(model, { today: TODAY });
  const direct = await runbookFiles(model, assessment, {}, { renderSvg: stubSvg, templates: loadTemplates(undefined, 'direct') });
  const hbs = await runbookFiles(model, assessment, {}, { renderSvg: stubSvg, templates: loadTemplates(undefined, 'handlebars') });
  expect(direct.map((f) => f.path)).toEqual(hbs.map((f) => f.path));
  for (let i = 0; i < direct.length; i++) expect(String(direct[i]!.content), direct[i]!.path).toBe(String(hbs[i]!.content));
}

const md = { md: (v: unknown) => `<${String(v ?? '')}>` };

function same(source: string, data: unknown, noEscape = false, helpers: Record<string, (v: unknown) => unknown> = noEscape ? md : {}): void {
  const direct = compileDirect(source, { noEscape, helpers });
  expect(direct, source).not.toBeNull();
  const env = Handlebars.create();
  for (const [k, f] of Object.entries(helpers)) env.registerHelper(k, (v: unknown) => f(v));
  const hbs = env.compile(source, { strict: true, noEscape, knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])), knownHelpersOnly: true });
  let want: string | Error;
  try {
    want = hbs(data);
  } catch (e) {
    want = e as Error;
  }
  if (want instanceof Error) expect(() => direct!(data), source).toThrow(want.message);
  else expect(direct!(data), source).toBe(want);
}

describe('direct template compiler', () => {
  it('renders the built-in templates byte for byte as Handlebars does', async () => {
    for (const name of EXAMPLES) await bothEngines(loadExample(name).model);
    await bothEngines(modelFromObject(hostileBlueprint()));
    await bothEngines(modelFromObject(generateFleet({ sites: 12, seed: 7 }), 'fleet.json'));
  });

  it('follows Handlebars on values, blocks, frames and strict lookups', () => {
    const data = {
      a: { b: 'x<y>&"\'`=', n: 0, z: false, e: [], f: [1, 2, 3], o: { k1: 'v1', k2: 'v2' }, s: new Set(['p', 'q']), fn: () => 'called', nul: null },
      list: [{ t: 'one', d: ['i', 'j'] }, { t: 'two', d: [] }],
      str: 'text',
      sparse: [, 'b', , 'd'], // eslint-disable-line no-sparse-arrays
    };
    const cases = [
      '{{a.b}}|{{{a.b}}}|{{a.n}}|{{a.z}}|{{a.nul}}|{{a.fn}}|{{str}}',
      '{{#if a.n}}y{{else}}n{{/if}}{{#if a.e}}y{{else}}n{{/if}}{{#if a.f}}y{{/if}}{{#unless a.z}}u{{/unless}}{{#if a.fn}}F{{/if}}{{#if missing}}m{{/if}}',
      '{{#each list}}{{@index}}{{@first}}{{@last}}{{t}}:{{#each d}}[{{this}}{{@index}}{{#if @first}}F{{/if}}{{#unless @last}},{{/unless}}]{{else}}none{{/each}};{{/each}}',
      '{{#each a.o}}{{@key}}={{this}}{{@index}}{{@last}} {{/each}}{{#each a.s}}{{@key}}{{this}}{{/each}}{{#each a.e}}x{{else}}empty{{/each}}{{#each sparse}}{{@index}}{{this}}{{/each}}',
      '{{#with a}}{{b}}{{#with n}}{{this}}{{/with}}{{#with z}}T{{else}}E{{/with}}{{/with}}{{#each a.f}}{{@root.str}}{{/each}}',
      '{{a.missing}}',
      '{{nope.x}}',
      '{{str.length}}',
      '{{a.constructor}}',
      '{{#each list}}{{nope}}{{/each}}',
      '{{#each list}}{{t}}{{#each d}}{{this}}{{/each}}{{/each}}|{{#each list}}{{#each d}}{{@_parent.index}}.{{@index}} {{/each}}{{/each}}',
      '  {{#each a.f}}\n  - {{this}}\n  {{/each}}\n{{! comment }}x {{~a.b~}} y',
    ];
    for (const c of cases) same(c, data);
    for (const c of ['{{md a.b}}{{md a.missing}}{{md a.nul}}', '{{#each list}}{{md t}}{{#each d}}{{md this}}{{/each}}{{/each}}', '{{{md a.b}}}']) same(c, data, true);
  });

  it("escapes HTML exactly as Handlebars' escapeExpression does", () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(...'&<>"\'`=ab \u00e4\u2028'.split('')), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 30 });
    fc.assert(fc.property(text, (t) => same('{{a}}|{{b.c}}', { a: t, b: { c: `${t}${t}` } })), { numRuns: 1000 });
    for (const v of [0, 1, false, true, null, undefined, NaN, { toString: () => '<x>' }, ['<', '&']]) same('{{a}}', { a: v });
  });

  it('leaves to Handlebars what it does not support', () => {
    for (const c of ['{{> p}}', '{{#each a as |x|}}{{x}}{{/each}}', '{{#each a}}{{../b}}{{/each}}', '{{lookup a "b"}}', '{{#if a includeZero=true}}x{{/if}}', '{{md (md a)}}', '{{"lit"}}', '{{each}}', '{{log a}}']) {
      expect(compileDirect(c, { noEscape: false, helpers: md }), c).toBeNull();
    }
  });
});
