// Blueprint text reaches the runbooks in names, routes, descriptions and contacts. The schema's
// Text fields allow almost any printable character, so a hostile (or just unlucky) blueprint must
// come out escaped for HTML, for Markdown, for Mermaid and for Graphviz.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../analysis/index.js';
import { generate, hostileBlueprint, htmlTags, markdownTables, modelFromObject, section, TODAY } from './support.js';

describe('hostile blueprint text', () => {
  let md = '';
  let html = '';
  let index = '';
  beforeAll(async () => {
    const model = modelFromObject(hostileBlueprint());
    const files = await generate(model, analyse(model, { today: TODAY }), {}, true);
    md = files.get('runbooks/ulm.md')!;
    html = files.get('runbooks/ulm.html')!;
    index = files.get('runbooks/index.md')!;
  });

  it('is escaped for HTML everywhere, the inline SVG included', () => {
    // Only the template's own tags: none from the blueprint, no script, no event handler.
    const names = new Set(htmlTags(html).map((t) => t.name));
    for (const bad of ['script', 'img', 'b', 'iframe', 'object']) expect(names.has(bad), bad).toBe(false);
    for (const t of htmlTags(html)) expect(t.attributes.filter((a) => a.startsWith('on')), t.raw).toEqual([]);
    expect(html).toContain('Ulm | HQ &lt;img src&#x3D;x onerror&#x3D;alert(2)&gt; *bold* [link](http://evil.example) # &#x60;code&#x60; $x$ &amp; &quot;quoted&quot; ~del~');
    expect(html).toContain('&lt;/style&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('&lt;/style&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(svg).toContain('PBX &quot;east&quot; {{site.name}} ]]&gt;');
    // Graphviz escapes were not triggered by the backslashes in the building's name.
    expect(svg).toContain('Main &quot;building&quot; \\n \\l');
    // Data is never evaluated as a template.
    expect(html).toContain('1. Emergency | calls &#x60;always&#x60; {{site.name}}');
  });

  it('is escaped for Markdown: headings, tables and lists keep their shape', () => {
    expect(md.split('\n')[0]).toBe(
      '# Contingency plan: Ulm \\| HQ \\<img src=x onerror=alert(2)\\> \\*bold\\* \\[link\\](http://evil.example) # \\`code\\` \\$x\\$ \\& "quoted" \\~del\\~',
    );
    // The only raw HTML in the Markdown is the template's anchors and line breaks.
    for (const m of md.matchAll(/(?<!\\)<([a-z/][^>]*)>/gi)) expect(m[1], m[0]).toMatch(/^(?:a id="[a-z0-9-]+"|\/a|br|br\/)$/);
    for (const t of markdownTables(md)) {
      for (const row of t.rows) expect(row, `table at line ${t.line}`).toHaveLength(t.header.length);
    }
    const contacts = markdownTables(section(md, /^### 1\.2 /))[0]!;
    expect(contacts.rows[0]![0]).toBe('\\# On-call \\| engineer');
    expect(section(md, /^### 1\.4 /)).toContain('| 1\\. Emergency \\| calls \\`always\\` {{site.name}} |');
    for (const t of markdownTables(index)) for (const row of t.rows) expect(row).toHaveLength(t.header.length);
  });

  it('is escaped for Mermaid: no label can break out of its quotes or the code fence', () => {
    const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(md)![1]!;
    expect(mermaid).not.toContain('`');
    expect(mermaid).not.toMatch(/<(?!br\/>)/);
    for (const line of mermaid.split('\n')) {
      // Every double quote on a line is a label delimiter: they pair up.
      expect((line.match(/"/g) ?? []).length % 2, line).toBe(0);
    }
    expect(mermaid).toContain('Ulm #124; HQ #60;img src#61;x onerror#61;alert(2)#62;');
  });
});
