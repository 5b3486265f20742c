// Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): loaded once per process, lazily, so
// that `rbc check` and compiles without runbooks never pay for it (~120 ms), then ~3 ms per
// diagram. The SVG is made byte-stable and fit for inlining: no XML prolog or DOCTYPE, no
// comments (Graphviz writes its version into one), no fixed size in points.
import type { Graphviz } from '@hpcc-js/wasm-graphviz';

let loading: Promise<Graphviz> | null = null;

export function loadGraphviz(): Promise<Graphviz> {
  if (!loading) {
    loading = import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load());
    // A failed load is not cached: the next compile tries again.
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** Renders DOT to an inline SVG element; throws on a DOT error. */
export async function renderSvg(dot: string, ariaLabel: string): Promise<string> {
  const gv = await loadGraphviz();
  return normaliseSvg(gv.dot(dot, 'svg'), ariaLabel);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const ACTIVE_TAG = /^<\s*\/?\s*(?:script|foreignObject|iframe|a)\b/i;
const ACTIVE_TAG_ANYWHERE = /<\s*\/?\s*(?:script|foreignObject|iframe|a)\b/i;
const ACTIVE_ATTRIBUTE = /\s(?:on[a-z]+|href|xlink:href)\s*=/i;

export function normaliseSvg(svg: string, ariaLabel: string): string {
  let out = svg
    .replace(/<\?xml[^>]*\?>\s*/g, '')
    .replace(/<!DOCTYPE[^>]*>\s*/g, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/\r\n/g, '\n');
  // Scale with the page: drop the fixed size (the viewBox keeps the aspect ratio).
  out = out.replace(/<svg\s+width="[^"]*"\s+height="[^"]*"/, `<svg role="img" aria-label="${ariaLabel.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)}" class="topology"`);
  // Defence in depth: Graphviz writes no scripts, handlers or links for our DOT (and escapes the
  // labels' text); refuse any tag that has them. A match inside a tag with its quoted values
  // blanked is also a match in the whole text, so a diagram in which neither pattern occurs
  // anywhere needs no look at each tag.
  if (!ACTIVE_TAG_ANYWHERE.test(out) && !ACTIVE_ATTRIBUTE.test(out)) return out.trim();
  for (const raw of out.match(/<[^>]*>/g) ?? []) {
    const tag = raw.replace(/"[^"]*"|'[^']*'/g, '""');
    if (ACTIVE_TAG.test(tag) || ACTIVE_ATTRIBUTE.test(tag)) {
      throw new Error(`the rendered diagram contains active content: ${tag.slice(0, 80)}`);
    }
  }
  return out.trim();
}
