import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeDot, escapeHtml, escapeMarkdown, escapeMarkdownCell, escapeMermaid, markdownCode } from '../../generators/runbooks/escape.js';
import { splitRow } from './support.js';

/** Printable single-line text, as the blueprint's Text fields allow it (no control characters). */
const text = fc.string({ unit: fc.oneof(fc.constantFrom(...'|*_`#<>[]()!&$~\\-+=.:;"\'{}^@ 0123456789aZ'.split('')), fc.integer({ min: 0x20, max: 0x2fff }).map((cp) => String.fromCodePoint(cp)), fc.constantFrom('ä', 'ß', '€', '✔', '\u2028')), maxLength: 40 }).filter(
  (s) => !/[\u0000-\u001f\u007f]/.test(s),
);

/** Characters that are markup in CommonMark/GFM when they are not preceded by an odd run of backslashes. */
function unescaped(out: string, chars: string): string[] {
  const hits: string[] = [];
  let run = 0;
  for (const ch of out) {
    if (chars.includes(ch) && run % 2 === 0) hits.push(ch);
    run = ch === '\\' ? run + 1 : 0;
  }
  return hits;
}

describe('escapeMarkdown', () => {
  it('escapes inline markup so it renders literally', () => {
    expect(escapeMarkdown('a|b *c* _d_ `e` <script> [x](y) ~f~ $g$ & h\\')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\<script\\> \\[x\\](y) \\~f\\~ \\$g\\$ \\& h\\\\',
    );
  });

  it('escapes markup that counts only at the start of a line, and only there', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('Room #3')).toBe('Room #3');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('+49 731')).toBe('+49 731');
    expect(escapeMarkdown('1. first')).toBe('1\\. first');
    expect(escapeMarkdown('5.14 Fire')).toBe('5.14 Fire');
    expect(escapeMarkdown('2) second')).toBe('2\\) second');
    expect(escapeMarkdown('===')).toBe('\\===');
    expect(escapeMarkdown('---')).toBe('\\---');
    expect(escapeMarkdown('    code block')).toBe('code block');
  });

  it('leaves no markup character unescaped, for any text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = escapeMarkdown(s);
        expect(unescaped(out, '|*_`<>[]~&$')).toEqual([]);
        expect(out).not.toMatch(/^\s*(?:#{1,6}|[-+]|\d{1,9}[.)])(?:\s|$)/);
      }),
    );
  });
});

describe('escapeMarkdownCell', () => {
  it('keeps a table row to its cells whatever the text holds', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (cells) => {
        const row = `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
        expect(splitRow(row)).toHaveLength(cells.length);
      }),
    );
  });

  it('turns line breaks into spaces and an empty value into a dash', () => {
    expect(escapeMarkdownCell('a\nb\r\nc')).toBe('a b c');
    expect(escapeMarkdownCell('')).toBe('–');
    expect(escapeMarkdownCell(null)).toBe('–');
  });
});

describe('markdownCode', () => {
  it('fences with more backticks than the text holds', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('sites/ulm')).toBe('`sites/ulm`');
  });
  it('escapes pipes only in a table', () => {
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
    expect(markdownCode('a|b')).toBe('`a|b`');
  });
});

describe('escapeHtml', () => {
  it('escapes text and attribute metacharacters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \`z\` a=b`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96; a&#61;b',
    );
  });
  it('never leaves a tag opener or quote', () => {
    fc.assert(fc.property(text, (s) => {
      expect(escapeHtml(s)).not.toMatch(/[<>"'`]/);
    }));
  });
});

describe('escapeMermaid', () => {
  it('turns everything that could close a label or open markup into entity codes', () => {
    expect(escapeMermaid('A "B" [C] |D| <b> #E; `F`')).toBe('A #34;B#34; #91;C#93; #124;D#124; #60;b#62; #35;E#59; #96;F#96;');
    expect(escapeMermaid('Server room (east), 2/3: ok')).toBe('Server room (east), 2/3: ok');
  });
  it('yields only safe characters for any text', () => {
    fc.assert(fc.property(text, (s) => {
      expect(escapeMermaid(s)).toMatch(/^[\p{L}\p{N} .,:/+_()'#;-]*$/u);
    }));
  });
});

describe('escapeDot', () => {
  it('escapes quotes and backslashes so labels stay one string and no Graphviz escape is triggered', () => {
    expect(escapeDot('a "b" \\n c\nd')).toBe('a \\"b\\" \\\\n c d');
  });
  it('never leaves an unescaped quote', () => {
    fc.assert(fc.property(text, (s) => {
      expect(unescaped(escapeDot(s), '"')).toEqual([]);
    }));
  });
});

describe('fast Markdown escaping', () => {
  // The straightforward form of the rules, applied to every value (the functions under test skip
  // the passes that cannot match); both must agree on every text.
  const reference = (value: unknown): string => {
    const t = String(value ?? '').replace(/^[ \t]+/, '');
    return t
      .replace(/[\\`*_[\]<>|~&$]/g, (c) => `\\${c}`)
      .replace(/^(\s*)(#{1,6})(?=\s|$)/, '$1\\$2')
      .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
      .replace(/^(\s*)([-=]+\s*)$/, '$1\\$2')
      .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
  };
  const referenceCell = (value: unknown): string => {
    const t = String(value ?? '').replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
    return t === '' ? '–' : reference(t);
  };
  const lineStart = fc.tuple(fc.constantFrom('', ' ', '\t', '  \t', '\u2028', '\n', '#', '##', '#######', '-', '+', '=', '1.', '12)', '1234567890.', ' 3.', '--', '=='), text).map(([a, b]) => a + b);

  it('agrees with the plain rules on any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, lineStart), (s) => {
        expect(escapeMarkdown(s)).toBe(reference(s));
        expect(escapeMarkdownCell(s)).toBe(referenceCell(s));
      }),
      { numRuns: 2000 },
    );
    for (const v of [null, undefined, 0, 42, true, '', ' ', '\n', '   # x', '1) a', '- ', '=', '+49', 'plain text']) {
      expect(escapeMarkdown(v)).toBe(reference(v));
      expect(escapeMarkdownCell(v)).toBe(referenceCell(v));
    }
  });
});

describe('quick tests before escaping', () => {
  // The escaping functions return text that needs no escaping as it is; the plain forms escape
  // every value. Both must agree on every text.
  const mermaid = (value: unknown): string => {
    let out = '';
    for (const ch of String(value ?? '')) out += /^[\p{L}\p{N} .,:/+_()'-]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
    return out;
  };
  const dot = (value: unknown): string =>
    String(value ?? '')
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"');
  const html = (value: unknown): string => String(value ?? '').replace(/[&<>"'`=]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39', '`': '#96', '=': '#61' }[c]};`);
  const code = (value: unknown, inTable: boolean): string => {
    const text = String(value ?? '').replace(/[\r\n\u2028\u2029]+/g, ' ');
    const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) + 1);
    const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
    return `${fence}${pad}${inTable ? text.replace(/\|/g, '\\|') : text}${pad}${fence}`;
  };
  const any = fc.oneof(text, fc.string(), fc.constantFrom('\ud800x', 'a\u2028b', 'plain words', '', 'a"b\\c', '`|`'));

  it('agree with escaping every value', () => {
    fc.assert(
      fc.property(any, (s) => {
        expect(escapeMermaid(s)).toBe(mermaid(s));
        expect(escapeDot(s)).toBe(dot(s));
        expect(escapeHtml(s)).toBe(html(s));
        expect(markdownCode(s)).toBe(code(s, false));
        expect(markdownCode(s, true)).toBe(code(s, true));
      }),
      { numRuns: 2000 },
    );
    for (const v of [null, undefined, 0, 42, true]) {
      expect(escapeMermaid(v)).toBe(mermaid(v));
      expect(escapeDot(v)).toBe(dot(v));
      expect(markdownCode(v)).toBe(code(v, false));
    }
  });
});
