// Writes docs/runbook-page.png: one page of the main example's printed runbook, the procedure
// for a cut supply line, as Chromium renders it for print. Run it after changing the templates:
//   npx tsx test/runbooks/make-docs-page.ts
import { writeFileSync } from 'node:fs';
import { findProgram } from '../support/validators.js';
import { A4, launchChromium, openHtml } from './browser.js';
import { generate, loadExample, MAIN_EXAMPLE, REPO } from './support.js';

const TITLE = /^\d+\.\d+ External damage: cut of supply line duct-north/;

async function main(): Promise<void> {
  const executable = findProgram('chromium');
  if (!executable) throw new Error('chromium is not installed (apt-get install chromium)');
  const { model, assessment } = loadExample(MAIN_EXAMPLE);
  const files = await generate(model, assessment, {}, true);
  const html = files.get(`runbooks/${model.sites[0]!.id}.html`)!;
  const browser = await launchChromium(executable);
  try {
    const { page, problems } = await openHtml(browser, html);
    await page.emulateMedia({ media: 'print' });
    // The printable area of A4 (210 mm less 2 x 12 mm margins), framed by white like the page.
    const margin = Math.round((12 / 25.4) * 96);
    await page.setViewportSize({ width: A4.width - 2 * margin, height: A4.height });
    await page.addStyleTag({ content: `body { padding: 0 !important; }` });
    const top = await page.evaluate((pattern) => {
      const re = new RegExp(pattern);
      const h = [...document.querySelectorAll('article.procedure h3')].find((x) => re.test(x.textContent ?? ''));
      if (!h) throw new Error('procedure not found');
      return h.parentElement!.getBoundingClientRect().top + window.scrollY;
    }, TITLE.source);
    const shot = await page.screenshot({ type: 'png', fullPage: true, clip: { x: 0, y: top, width: A4.width - 2 * margin, height: A4.height - 2 * margin } });
    if (problems.length) throw new Error(problems.join('\n'));
    const { PNG_FRAME } = { PNG_FRAME: margin };
    // Frame the page area in white so the PNG has the proportions of a printed A4 sheet.
    const framed = await browser.newPage({ viewport: { width: A4.width, height: A4.height } });
    await framed.setContent(`<body style="margin:0;background:#fff"><img style="display:block;margin:${PNG_FRAME}px" src="data:image/png;base64,${shot.toString('base64')}"></body>`);
    writeFileSync(`${REPO}docs/runbook-page.png`, await framed.screenshot({ type: 'png' }));
    console.log(`wrote docs/runbook-page.png (${A4.width}x${A4.height})`);
  } finally {
    await browser.close();
  }
}

await main();
