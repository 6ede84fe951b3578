import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatKb, measureSearchPageJs, SEARCH_PAGE_BUDGET_BYTES } from '../scripts/bundle-size';
import { launchChromium, runAxe, waitForSettled, type AxeViolation } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };

let browser: Browser;
let documentPath: string;

interface SearchHitLite {
  documentId: string;
  passages: { page: number }[];
}

beforeAll(async () => {
  browser = await launchChromium();
  const response = await fetch(`${baseUrl}/api/search?q=mercury&pageSize=10`);
  const body = (await response.json()) as { hits: SearchHitLite[] };
  const hit = body.hits.find((h) => h.passages.length > 0) ?? body.hits[0];
  if (!hit) throw new Error('the corpus search for "mercury" returned nothing');
  documentPath = `/documents/${hit.documentId}?q=mercury${hit.passages[0] ? `#page-${hit.passages[0].page}` : ''}`;
});

afterAll(async () => {
  await browser?.close();
});

/** A fresh browser profile whose reader has chosen `lang` (as the language picker would store it). */
async function openContext(lang: 'en' | 'ar' | null, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  if (lang) await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  return context;
}

describe('the web app in Chromium against the real platform', () => {
  it('search → filter by a theme → open a document → jump to a passage page → Arabic right-to-left', async () => {
    const context = await openContext(null); // no stored choice: the reload below must find the picker's
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await waitForSettled(page);
    // keyboard: the first Tab reaches the visible skip link, which moves focus to the main content
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByLabel('Search documents').fill('mercury');
    await page.getByLabel('Search documents').press('Enter');
    await page.waitForURL(/\/search\?q=mercury$/);
    await expect.poll(() => page.locator('.results-status').textContent()).toMatch(/documents? found for “mercury”/);
    const firstCount = await page.locator('.result').count();
    expect(firstCount).toBeGreaterThan(0);

    const themeFacet = page.locator('fieldset', { has: page.locator('legend', { hasText: 'Thematic area' }) });
    const themeBox = themeFacet.getByRole('checkbox').first();
    const themeLabel = (await themeFacet.locator('.facet-label').first().textContent()) ?? '';
    await themeBox.check();
    await page.waitForURL(/theme=theme%3A/);
    await waitForSettled(page);
    await expect.poll(() => page.getByRole('link', { name: `Remove filter: ${themeLabel}` }).count()).toBe(1);
    expect(await page.locator('.result').count()).toBeGreaterThan(0);

    const firstTitle = page.locator('.result-title a').first();
    const title = (await firstTitle.textContent()) ?? '';
    await firstTitle.click();
    await page.waitForURL(/\/documents\//);
    await waitForSettled(page);
    expect(await page.locator('h1').textContent()).toBe(title);

    await page.goBack();
    await page.waitForURL(/theme=theme%3A/);
    await waitForSettled(page);
    const passageLink = page.locator('.passage-page').first();
    const passageText = (await passageLink.textContent()) ?? '';
    const pageNumber = Number(/\d+/.exec(passageText)?.[0]);
    await passageLink.click();
    await page.waitForURL(new RegExp(`#page-${pageNumber}$`));
    await waitForSettled(page);
    await expect.poll(() => page.locator('#page-viewer-heading').textContent()).toContain(`page ${pageNumber} of`);
    expect(await page.locator('.page-text mark').count()).toBeGreaterThan(0);
    const viewerTop = await page.locator('.page-viewer').evaluate((el) => el.getBoundingClientRect().top);
    expect(Math.abs(viewerTop)).toBeLessThan(DESKTOP.height); // scrolled to the page that was asked for

    await page.getByLabel('Interface language').selectOption('ar');
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    const brand = await page.locator('.brand').boundingBox();
    const picker = await page.locator('.language-picker').boundingBox();
    // right-to-left: the site name sits on the right, the language picker on the left
    expect(brand && picker && brand.x > picker.x).toBe(true);
    expect(await page.locator('#page-viewer-heading').textContent()).toContain('الصفحة');
    await page.reload();
    await waitForSettled(page);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl'); // remembered
    await context.close();
  }, 180_000);

  it('axe reports no violations on any page type, in English and Arabic; screenshots at desktop and 360 px', async () => {
    const pageTypes: [string, string][] = [
      ['landing', '/'],
      ['search-results', '/search?q=mercury'],
      ['search-empty', '/search?q=qzxjvwk'],
      ['document', documentPath],
      ['explore', '/explore'],
      ['article', '/articles/8'],
    ];
    const report: { page: string; lang: string; violations: number }[] = [];
    const details: string[] = [];
    for (const lang of ['en', 'ar'] as const) {
      for (const viewport of [DESKTOP, PHONE]) {
        const context = await openContext(lang, viewport);
        const page: Page = await context.newPage();
        for (const [name, path] of pageTypes) {
          await page.goto(`${baseUrl}${path}`);
          await waitForSettled(page);
          await page.screenshot({ path: join(artifactsDir, `${name}-${lang}-${viewport.width}.png`), fullPage: true });
          if (viewport === PHONE) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${name} [${lang}] is wider than 360 px`).toBeLessThanOrEqual(1);
            continue;
          }
          const violations: AxeViolation[] = await runAxe(page);
          report.push({ page: name, lang, violations: violations.length });
          for (const v of violations) details.push(`${name} [${lang}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
        await context.close();
      }
    }
    console.log('\naxe-core results (violations per page):');
    console.table(report);
    if (details.length > 0) console.log(details.join('\n'));
    console.log(`screenshots: ${artifactsDir}`);
    expect(details).toEqual([]);
  }, 300_000);

  it('keeps the search page JavaScript under 150 KB gzipped', () => {
    const report = measureSearchPageJs(join(import.meta.dirname, '..', 'dist'));
    console.log(`\nSearch page JS: ${formatKb(report.totalGzipBytes)} gzipped (budget ${formatKb(SEARCH_PAGE_BUDGET_BYTES)}): ${report.files.map((f) => f.file).join(', ')}`);
    expect(report.totalGzipBytes).toBeLessThanOrEqual(SEARCH_PAGE_BUDGET_BYTES);
  });
});
