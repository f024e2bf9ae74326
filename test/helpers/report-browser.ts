// Opens a report.html in Debian's headless chromium (driven by playwright-core) and says what a reader
// would see: console errors, any request that left file://, how many marks each chart drew in the
// series palette, whether the headline is inside the first screen. Optionally saves a screenshot.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PALETTE } from '../../reports/charts.js';

/** Debian's package (`apt-get install -y chromium`; .ci/run installs it when missing). */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export interface ReportView {
  consoleErrors: string[];
  /** Every request whose URL is not file:// (must be none: the report is self-contained). */
  externalRequests: string[];
  /** Per chart (figure[data-chart]): elements filled or stroked with a series colour. */
  charts: { id: string; marks: number }[];
  headline: { text: string; visibleInFirstScreen: boolean };
}

export async function viewReport(
  htmlPath: string,
  options: { screenshot?: string; width?: number; height?: number } = {},
): Promise<ReportView> {
  if (CHROMIUM === undefined) throw new Error('chromium is not installed: apt-get install -y chromium');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const width = options.width ?? 1280;
    const height = options.height ?? 800;
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    const consoleErrors: string[] = [];
    const externalRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) externalRequests.push(request.url());
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const palette = PALETTE.map((c) => c.toLowerCase());
    const charts = await page.$$eval(
      'figure[data-chart]',
      (figures, colours) =>
        figures.map((figure) => {
          const marks = [...figure.querySelectorAll('svg path, svg rect, svg circle')].filter((el) => {
            const fill = (el.getAttribute('fill') ?? '').toLowerCase();
            const stroke = (el.getAttribute('stroke') ?? '').toLowerCase();
            const box = (
              el as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }
            ).getBBox();
            // The legend sits above y = 30 (charts.ts puts every plot area below 40): its swatches are not marks.
            return (
              (colours.includes(fill) || colours.includes(stroke)) &&
              box.y >= 30 &&
              box.width + box.height > 0
            );
          });
          return { id: figure.getAttribute('data-chart') ?? '', marks: marks.length };
        }),
      palette,
    );
    const headline = await page.$eval('#headline', (el) => {
      const box = el.getBoundingClientRect();
      // No DOM lib in tsconfig: the page's globals are reached through globalThis.
      const page = globalThis as unknown as {
        innerHeight: number;
        getComputedStyle(e: unknown): { visibility: string };
      };
      const style = page.getComputedStyle(el);
      return {
        text: el.textContent ?? '',
        visibleInFirstScreen:
          box.height > 0 && box.top >= 0 && box.bottom <= page.innerHeight && style.visibility !== 'hidden',
      };
    });
    if (options.screenshot !== undefined)
      await page.screenshot({ path: options.screenshot, fullPage: false });
    return { consoleErrors, externalRequests, charts, headline };
  } finally {
    await browser.close();
  }
}
