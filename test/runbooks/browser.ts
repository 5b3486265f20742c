// Headless Chromium (Debian's package) driven by playwright-core, shut off from the network: a
// runbook must render from its single file, so any request other than data: is a failure.
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface LoadedPage {
  readonly page: Page;
  /** Console errors and warnings, page errors, dialogs and requests that tried to leave the page. */
  readonly problems: string[];
}

/** A4 at 96 dpi. */
export const A4 = { width: 794, height: 1123 };

/** Opens HTML in a fresh page that records every problem instead of letting it pass. */
export async function openHtml(browser: Browser, html: string, viewport = A4): Promise<LoadedPage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:')) return route.continue();
    problems.push(`request left the page: ${url}`);
    return route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, problems };
}

/** Pages of a PDF written by Chromium (Skia writes one /Type /Page object per page). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
