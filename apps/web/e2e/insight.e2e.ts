// Issue 14 in Chromium against the real platform: the dashboards page (axe-clean in English and Arabic, table
// alternatives, a bar that opens its filtered search), search analytics as curators see them (a zero-result
// search, the third result opened), and reader feedback reaching the curators' queue.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, runAxe, waitForSettled } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const DESKTOP = { width: 1280, height: 900 };
const PASSWORD = 'a long enough password';
const stamp = Date.now().toString(36);
const ZERO_QUERY = `qqzx${stamp} nothingfound`;
/** A query of its own (whole-word matching drops the unknown last word), so its row counts only this test's click. */
const CLICK_QUERY = `mercury ${stamp}`;

let browser: Browser;
let curator: BrowserContext | null = null;

async function newContext(lang: 'en' | 'ar'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  return context;
}

async function axeClean(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}-${DESKTOP.width}.png`), fullPage: true });
  const violations = await runAxe(page);
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A moderator (curator until issue 11's role lands) signed in, created with `mep user create`. */
async function curatorContext(): Promise<BrowserContext | null> {
  if (curator) return curator;
  if (!dataDir) return null;
  const email = `curator-${stamp}@e2e.test`;
  const created = spawnSync('pnpm', ['--silent', 'mep', 'user', 'create', '--email', email, '--role', 'moderator', '--name', 'Cora', '--password-stdin'], {
    cwd: repoRoot,
    env: { ...process.env, MEP_DATA_DIR: dataDir },
    input: PASSWORD,
    encoding: 'utf8',
  });
  expect(created.status, created.stderr).toBe(0);
  curator = await newContext('en');
  const page = await curator.newPage();
  await page.goto(`${baseUrl}/sign-in?next=%2Finsight`);
  await waitForSettled(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/insight$/);
  await page.close();
  return curator;
}

/** Opens the insight page until `check` passes: search events reach the database in batches, about a second late. */
async function insightPageUntil(context: BrowserContext, check: (page: Page) => Promise<boolean>): Promise<Page> {
  const page = await context.newPage();
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.goto(`${baseUrl}/insight`);
    await waitForSettled(page);
    if (await check(page)) return page;
    if (Date.now() > deadline) throw new Error('the insight page never showed the expected figures');
    await page.waitForTimeout(1000);
  }
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await curator?.close();
  await browser?.close();
});

describe('dashboards', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`are axe-clean in ${lang}, with a text summary and a table behind every chart`, async () => {
      const context = await newContext(lang);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/dashboards`);
      await waitForSettled(page);
      await page.locator('.recharts-bar-rectangle').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      const figures = page.locator('section.figure');
      const count = await figures.count();
      expect(count).toBeGreaterThanOrEqual(8);
      for (const details of await page.locator('details.figure-table').all()) await details.locator('summary').click();
      // every chart has its table, and every table at least one row
      expect(await page.locator('.figure .chart').count()).toBe(await page.locator('.figure .chart + details table').count());
      expect(await page.locator('.figure-summary').count()).toBeGreaterThanOrEqual(8);
      await axeClean(page, `dashboards-${lang}`);
      await context.close();
    });
  }

  it('a bar of the theme chart opens the matching filtered search, with the same count', async () => {
    const context = await newContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/dashboards`);
    await waitForSettled(page);
    const themes = page.locator('section.figure', { has: page.getByRole('heading', { name: 'Documents by thematic area' }) });
    await themes.locator('summary').click();
    const firstRow = themes.locator('tbody tr').first();
    const href = (await firstRow.getByRole('link').getAttribute('href'))!;
    const count = Number((await firstRow.locator('td').textContent())!.replace(/\D/g, ''));
    await themes.locator('.recharts-bar-rectangle').first().click();
    await page.waitForURL((url) => url.pathname === '/search' && url.search.includes('theme='));
    expect(decodeURIComponent(new URL(page.url()).search)).toBe(decodeURIComponent(new URL(href, baseUrl).search));
    await waitForSettled(page);
    const api = (await (await fetch(`${baseUrl}/api${new URL(page.url()).pathname}${new URL(page.url()).search}&pageSize=0`)).json()) as { total: number };
    expect(api.total).toBe(count);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(String(count));
    await context.close();
  });
});

describe('search analytics and feedback for curators', () => {
  it('a search that finds nothing appears in the zero-result list', async (ctx) => {
    const reader = await newContext('en');
    const page = await reader.newPage();
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent(ZERO_QUERY)}`);
    await waitForSettled(page);
    await reader.close();
    const context = await curatorContext();
    if (!context) return ctx.skip();
    const insight = await insightPageUntil(context, (p) => p.locator('section', { has: p.getByRole('heading', { name: /Queries with no result/ }) }).getByText(ZERO_QUERY).isVisible());
    await axeClean(insight, 'insight-en');
    await insight.close();
  });

  it('opening the third result raises click-through, with rank 3', async (ctx) => {
    const context = await curatorContext();
    if (!context) return ctx.skip();
    const before = await (await context.request.get(`${baseUrl}/api/insight/search`)).json();
    const reader = await newContext('en');
    const page = await reader.newPage();
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent(CLICK_QUERY)}`);
    await waitForSettled(page);
    const third = page.locator('ol.results > li').nth(2).locator('h3 a');
    await third.click();
    await page.waitForURL(/\/documents\//);
    await waitForSettled(page);
    await reader.close();
    const insight = await insightPageUntil(context, async (p) => {
      const row = p.locator('section', { has: p.getByRole('heading', { name: 'Top queries' }) }).locator('tr', { hasText: CLICK_QUERY });
      return (await row.count()) > 0 && (await row.locator('td').nth(2).textContent()) === '3';
    });
    const after = await (await context.request.get(`${baseUrl}/api/insight/search`)).json();
    expect(after.searchesWithClick).toBe(before.searchesWithClick + 1);
    expect(after.clickThroughRate).toBeGreaterThan(0);
    await insight.close();
  });

  it('a "no" with a comment and a problem report reach the curators’ queue', async (ctx) => {
    const { hits } = (await (await fetch(`${baseUrl}/api/search?q=mercury&pageSize=1`)).json()) as { hits: { documentId: string }[] };
    const reader = await newContext('en');
    const page = await reader.newPage();
    await page.goto(`${baseUrl}/documents/${hits[0]!.documentId}`);
    await waitForSettled(page);
    const useful = page.locator('section.useful-feedback');
    await useful.getByRole('button', { name: 'No' }).click();
    const comment = `<b>Missing</b> the annex ${stamp}`;
    await useful.getByLabel('Tell us more (optional)').fill(comment);
    await useful.getByRole('button', { name: 'Send' }).click();
    await useful.getByText('Thank you for your feedback.').waitFor();
    await page.getByText('Report a problem with this document').click();
    await page.getByLabel('What is wrong?').selectOption('tag');
    await page.getByLabel('Details').fill(`Wrong theme ${stamp}`);
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('Thank you: the curators will look at your report.').waitFor();
    await reader.close();
    const context = await curatorContext();
    if (!context) return ctx.skip();
    const insight = await insightPageUntil(context, (p) => p.locator('.feedback-item', { hasText: `Wrong theme ${stamp}` }).isVisible());
    // the comment's markup is shown as text, never rendered
    await insight.locator('.feedback-item', { hasText: comment }).waitFor();
    expect(await insight.locator('.feedback-item b').count()).toBe(0);
    await insight.close();
  });
});
