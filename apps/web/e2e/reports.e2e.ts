/**
 * The implementation view and party pages in Chromium against the real platform, which ingested the
 * national-report fixtures (fixtures/reports): answers shown and linked to their report pages,
 * keyboard use, six languages, and axe-core clean in English and Arabic.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, runAxe, waitForSettled } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openContext(lang: string, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  return context;
}

describe('national reports in the web app', () => {
  it('implementation view: pick an article and a question by keyboard, every party answers, each linking to its report page', async () => {
    const context = await openContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/implementation?article=17`);
    await waitForSettled(page);
    const rows = page.locator('.answers-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    const text = await page.locator('.answers-table').innerText();
    for (const party of ['Ghana', 'France', 'Mexico', 'China']) expect(text).toContain(party);
    // keyboard: focus the question picker and choose the second question
    await page.getByLabel('Question').focus();
    await page.keyboard.press('ArrowDown');
    await waitForSettled(page);
    expect(new URL(page.url()).searchParams.get('question')).toBe('2');
    // each answer links to the page of its report
    const link = page.locator('.answers-table tbody tr').first().getByRole('link', { name: /^Page \d+$/ });
    expect(await link.getAttribute('href')).toMatch(/^\/documents\/[a-f0-9]+#page-\d+$/);
    await link.click();
    await waitForSettled(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/documents\//);
    await context.close();
  });

  it("party page: a party's reports and answers article by article", async () => {
    const context = await openContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/parties/GHA`);
    await waitForSettled(page);
    expect(await page.locator('h1').innerText()).toBe('Ghana');
    const answers = await page.locator('.answers-table').innerText();
    expect(answers).toContain('1,250.5 kg');
    expect(answers).toContain('Answers in the region');
    await page.goto(`${baseUrl}/parties/ATL`);
    await waitForSettled(page);
    expect(await page.locator('h1').innerText()).toBe('No such party');
    await context.close();
  });

  it('speaks the six languages', async () => {
    const headings: Record<string, string> = { ar: 'التنفيذ', en: 'Implementation', es: 'Aplicación', fr: 'Mise en œuvre', ru: 'Осуществление', zh: '履约情况' };
    for (const [lang, heading] of Object.entries(headings)) {
      const context = await openContext(lang);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/implementation?article=17`);
      await waitForSettled(page);
      expect(await page.locator('h1').innerText(), lang).toBe(heading);
      await page.goto(`${baseUrl}/parties/FRA`);
      await waitForSettled(page);
      expect(await page.locator('h1').innerText(), lang).not.toBe('');
      await context.close();
    }
  });

  it('axe reports no violations on the implementation view and a party page, in English and Arabic; nothing wider than 360 px', async () => {
    const details: string[] = [];
    for (const lang of ['en', 'ar']) {
      for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
        const context = await openContext(lang, viewport);
        const page = await context.newPage();
        for (const path of ['/implementation?article=17', '/implementation?article=3&question=2.1', '/parties/GHA', '/parties/RUS']) {
          await page.goto(`${baseUrl}${path}`);
          await waitForSettled(page);
          if (viewport.width === 360) {
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            expect(overflow, `${path} [${lang}] is wider than 360 px`).toBeLessThanOrEqual(1);
            continue;
          }
          for (const v of await runAxe(page)) details.push(`${path} [${lang}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
        await context.close();
      }
    }
    expect(details).toEqual([]);
  }, 300_000);
});
