// The forums inside the rest of the site, in Chromium against the real platform: a thread that links
// a repository document shows on that document's page and under the search page's Discussions tab; a
// moderator (created with `mep user create`) sees the reported post in the moderation page. Each page
// is axe-checked in English and Arabic, and screenshotted.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { confirmEmail, createUserWithCli } from './accounts';
import { launchChromium, runAxe, waitForSettled } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const mailDir = inject('mailDir');
const DESKTOP = { width: 1280, height: 900 };
const PASSWORD = 'a long enough password';
const stamp = Date.now().toString(36);
/** A word no corpus document has, so that the Discussions tab finds exactly our thread. */
const WORD = `zeolitecapture${stamp}`;
const THREAD_TITLE = `Zeolite capture trial ${stamp}`;

let browser: Browser;
let documentId: string;
let documentTitle: string;
let threadPath: string;
const report: { page: string; lang: string; violations: number }[] = [];
const details: string[] = [];

async function checkPage(page: Page, name: string, lang: 'en' | 'ar'): Promise<void> {
  await waitForSettled(page);
  await page.screenshot({ path: join(artifactsDir, `${name}-${lang}-${DESKTOP.width}.png`), fullPage: true });
  const violations = await runAxe(page);
  report.push({ page: name, lang, violations: violations.length });
  for (const v of violations) details.push(`${name} [${lang}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function newContext(lang: 'en' | 'ar'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  return context;
}

beforeAll(async () => {
  browser = await launchChromium();
  const body = (await (await fetch(`${baseUrl}/api/search?q=mercury&pageSize=1`)).json()) as { hits: { documentId: string; title: string }[] };
  const hit = body.hits[0];
  if (!hit) throw new Error('the corpus search for "mercury" returned nothing');
  documentId = hit.documentId;
  documentTitle = hit.title;

  // A member starts a thread that links the document.
  const context = await newContext('en');
  const page = await context.newPage();
  await page.goto(`${baseUrl}/register?next=%2Fforums%2Fasgm`);
  await waitForSettled(page);
  await page.getByLabel('Name shown to others').fill('Nadia');
  await page.getByLabel('E-mail').fill(`nadia-${stamp}@e2e.test`);
  const nadiaEmail = `nadia-${stamp}@e2e.test`;
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/forums\/asgm$/);
  await confirmEmail(page, baseUrl, mailDir, nadiaEmail);
  await page.goto(`${baseUrl}/forums/asgm`);
  await waitForSettled(page);
  await page.getByLabel('Title').fill(THREAD_TITLE);
  await page.getByLabel('Message (Markdown)').fill(`We tried ${WORD} at a small mine; see [the document](/documents/${documentId}).`);
  await page.getByRole('button', { name: 'Publish the thread' }).click();
  await page.waitForURL(/\/forums\/threads\/\d+$/);
  threadPath = new URL(page.url()).pathname;
  await context.close();

  // Posts reach Meilisearch asynchronously.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await (await fetch(`${baseUrl}/api/discussions/search?q=${WORD}`)).json()) as { total: number };
    if (found.total > 0) break;
    if (Date.now() > deadline) throw new Error(`the post with ${WORD} was not indexed within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 120_000);

afterAll(async () => {
  console.log('\naxe-core results, forums in the site (violations per page):');
  console.table(report);
  if (details.length > 0) console.log(details.join('\n'));
  await browser?.close();
});

describe('forums in the search and document pages, and the moderation page', () => {
  it('the Discussions tab works from the keyboard and lists the thread; axe-clean in English and Arabic', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const context = await newContext(lang);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/search?q=${WORD}`);
      await waitForSettled(page);
      const tabs = page.getByRole('tab');
      expect(await tabs.count()).toBe(2);
      await tabs.first().focus();
      expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
      // right-to-left, the next tab is to the left
      await page.keyboard.press(lang === 'ar' ? 'ArrowLeft' : 'ArrowRight');
      await page.waitForURL(/tab=discussions/);
      expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
      const link = page.getByRole('link', { name: THREAD_TITLE });
      await link.waitFor({ timeout: 15_000 });
      expect(await link.getAttribute('href')).toMatch(/^\/forums\/threads\/\d+#post-\d+$/);
      expect(await page.locator('.discussion-results mark').first().textContent()).toBe(WORD);
      await checkPage(page, 'search-discussions', lang);
      await context.close();
    }
    expect(details).toEqual([]);
  }, 120_000);

  it('the document page lists the thread, and the thread shows the document by its title', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const context = await newContext(lang);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/documents/${encodeURIComponent(documentId)}`);
      await waitForSettled(page);
      const threadLink = page.locator('.document-threads').getByRole('link', { name: THREAD_TITLE });
      await threadLink.waitFor({ timeout: 15_000 });
      expect(await threadLink.getAttribute('href')).toBe(threadPath);
      await checkPage(page, 'document-with-threads', lang);
      await threadLink.click();
      await page.waitForURL(new RegExp(`${threadPath}$`));
      await waitForSettled(page);
      const card = page.locator(`#linked-heading + ul [data-document-id="${documentId}"]`);
      await expect.poll(() => card.locator('.doc-card__title').textContent()).toBe(documentTitle);
      await context.close();
    }
    expect(details).toEqual([]);
  }, 120_000);

  it('a moderator sees the reported post in the moderation page, pins the thread; axe-clean in English and Arabic', async (ctx) => {
    if (!dataDir) {
      ctx.skip();
      return;
    }
    const email = `mod-${stamp}@e2e.test`;
    const created = createUserWithCli(dataDir, { email, role: 'moderator', name: 'Moana', password: PASSWORD });
    expect(created.status, created.stderr).toBe(0);

    const context = await newContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(threadPath)}`);
    await waitForSettled(page);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`${threadPath}$`));
    await waitForSettled(page);
    await page.getByRole('button', { name: 'Report to moderators' }).first().click();
    await page.getByLabel('Why should the moderators look at this post?').fill('Checking the moderation page');
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('Thank you: the moderators will look at it.').waitFor();

    // The nav offers the moderation page to moderators only.
    const navLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' });
    await navLink.click();
    await page.waitForURL(/\/moderation$/);
    await waitForSettled(page);
    const report = page.locator('.flag', { hasText: 'Checking the moderation page' });
    await report.waitFor();
    await report.getByRole('button', { name: 'Pin the thread' }).click();
    await report.getByText('The thread is pinned.').waitFor();
    // keyboard: back to the lock button and forward again; the focus ring shows
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Unpin the thread');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    // the audit log has the pin (it reloads after queue actions; reload here to be sure)
    await page.reload();
    await waitForSettled(page);
    await page.locator('.audit-table').getByText('Pinned a thread').first().waitFor();
    await checkPage(page, 'moderation', 'en');

    await page.getByLabel('Interface language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'الإشراف' }).waitFor();
    await checkPage(page, 'moderation', 'ar');
    await context.close();

    // Other readers do not see the nav entry.
    const anonymous = await newContext('en');
    const reader = await anonymous.newPage();
    await reader.goto(`${baseUrl}/search`);
    await waitForSettled(reader);
    expect(await reader.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).count()).toBe(0);
    await anonymous.close();
    expect(details).toEqual([]);
  }, 180_000);
});
