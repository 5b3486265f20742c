// The print version as its consumer sees it: every example's HTML rendered by headless Chromium
// to an A4 PDF and a screenshot, with no request leaving the page and no console error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { analyse } from '../../analysis/index.js';
import { validator } from '../support/validators.js';
import { A4, launchChromium, openHtml, pdfPageCount } from './browser.js';
import { decodePng, EXAMPLES, generate, HOSTILE, hostileBlueprint, inkStats, loadExample, modelFromObject, TODAY } from './support.js';

const chromium = validator('chromium');
/** The page's content width in CSS pixels: A4 (210 mm) less the @page margins (2 x 12 mm). */
const CONTENT_WIDTH = Math.floor(((210 - 24) / 25.4) * 96);

/** Elements that run past the printable width (runs in the page). */
function findOverflow(limit: number): { out: string[]; scroll: number } {
  const out: string[] = [];
  for (const el of document.body.querySelectorAll('table, figure, svg, pre, h1, h2, h3, .alarm, .decides, article > p')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > limit + 1 || r.left < -1)) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}: ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  return { out: out.slice(0, 5), scroll: document.documentElement.scrollWidth };
}

describe.skipIf(!chromium.available)('runbooks in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(chromium.path);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(EXAMPLES)('%s: prints to A4 with a page per procedure, nothing cut off, nothing fetched', async (name) => {
    const { model, assessment } = loadExample(name);
    const files = await generate(model, assessment, {}, true);
    // Every site's plan loads cleanly; the first one (same templates, its own data) is printed
    // and photographed, which keeps the test within a minute per example on a busy machine.
    for (const [i, site] of model.sites.entries()) {
      const html = files.get(`runbooks/${site.id}.html`)!;
      const { page, problems } = await openHtml(browser, html);
      try {
        if (i > 0) {
          expect(await page.locator('article.procedure').count()).toBeGreaterThan(0);
          expect(problems).toEqual([]);
          continue;
        }
        await page.emulateMedia({ media: 'print' });
        const layout = await page.evaluate(() => {
          const procedures = [...document.querySelectorAll('article.procedure')];
          const theads = [...document.querySelectorAll('thead')];
          return {
            procedures: procedures.length,
            breaks: procedures.map((p) => getComputedStyle(p).breakBefore),
            headers: theads.map((t) => getComputedStyle(t).display),
            svg: document.querySelectorAll('figure.diagram svg g.node').length,
          };
        });
        expect(layout.breaks.every((b) => b === 'page')).toBe(true);
        expect(layout.headers.every((d) => d === 'table-header-group')).toBe(true);
        expect(layout.svg).toBeGreaterThan(3);
        // Nothing wider than the printable width of an A4 page.
        await page.setViewportSize({ width: CONTENT_WIDTH, height: A4.height });
        const overflow = await page.evaluate(findOverflow, CONTENT_WIDTH);
        expect(overflow.out).toEqual([]);
        expect(overflow.scroll).toBeLessThanOrEqual(CONTENT_WIDTH);
        const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        // A cover and summary, then every procedure on a page of its own.
        expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(layout.procedures + 2);
        await page.emulateMedia({ media: 'screen' });
        await page.setViewportSize(A4);
        const shot = inkStats(decodePng(await page.screenshot({ type: 'png' })));
        expect(shot.inked, 'share of non-white pixels').toBeGreaterThan(0.02);
        expect(shot.dark, 'share of black text and lines').toBeGreaterThan(0.003);
        expect(shot.levels).toBeGreaterThanOrEqual(3);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }
  }, 180_000);

  it('renders a hostile blueprint as text: no script runs, no tag is injected, nothing is fetched', async () => {
    const model = modelFromObject(hostileBlueprint());
    const files = await generate(model, analyse(model, { today: TODAY }), {}, true);
    const { page, problems } = await openHtml(browser, files.get('runbooks/ulm.html')!);
    try {
      const seen = await page.evaluate(() => ({
        h1: document.querySelector('h1')!.textContent,
        injected: document.querySelectorAll('script, img, iframe, object, main b').length,
        title: document.title,
      }));
      expect(seen.h1).toBe(HOSTILE.site);
      expect(seen.injected).toBe(0);
      expect(seen.title).toContain(HOSTILE.deployment);
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
      expect(pdfPageCount(pdf)).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      // The overflow check of the examples would see content running off the page.
      await page.setViewportSize({ width: CONTENT_WIDTH, height: A4.height });
      expect((await page.evaluate(findOverflow, CONTENT_WIDTH)).out).toEqual([]);
      await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<table style="width:1200px"><tr><td>wide</td></tr></table>'));
      const wide = await page.evaluate(findOverflow, CONTENT_WIDTH);
      expect(wide.out).toHaveLength(1);
      expect(wide.scroll).toBeGreaterThan(CONTENT_WIDTH);
    } finally {
      await page.close();
    }
  }, 120_000);
});
