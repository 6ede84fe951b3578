// What a reader meets (issue 12), in Chromium against the real platform: the header's account links on
// every page; "Discuss page N" on a document page starts a thread whose first post carries the document
// card (page anchor and link text kept, type label in the reader's language, one card); the author edits
// and deletes their post from the web and a moderator reads its history; in the Arabic interface a Latin
// post keeps its full stop at its end, the byline keeps its name and date apart, dates are never ISO;
// the search page has "skip to results" and collapsible facets. axe in English and Arabic, 360 px.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { confirmEmail, createUserWithCli } from './accounts';
import { linkFromMail } from './mail';
import { launchChromium, runAxe, waitForSettled } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const mailDir = inject('mailDir');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
const PASSWORD = 'a long enough password';
const stamp = Date.now().toString(36);
const AUTHOR = 'Jean Dupont';
const LATIN_REPLY = 'Au Burkina Faso, le mercure sert encore dans l’orpaillage.';

let browser: Browser;
let documentId: string;
let documentTitle: string;
let passagePage: number;
let threadPath = '';
let replyId = '';
const details: string[] = [];

async function newContext(lang: 'en' | 'ar', viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'en-US' });
  await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  return context;
}

async function axe(page: Page, name: string, lang: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `reader-${name}-${lang}.png`), fullPage: true });
  for (const v of await runAxe(page)) details.push(`${name} [${lang}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Signs in through the header's "Sign in" link, coming back to the page it was opened from. */
async function signIn(page: Page, email: string): Promise<void> {
  const back = page.url();
  await page.getByRole('navigation', { name: 'Your account' }).getByRole('link', { name: 'Sign in' }).click();
  await page.waitForURL(/\/sign-in\?next=/);
  await waitForSettled(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(back);
  await waitForSettled(page);
}

beforeAll(async () => {
  browser = await launchChromium();
  const body = (await (await fetch(`${baseUrl}/api/search?q=mercury&pageSize=10`)).json()) as { hits: { documentId: string; title: string; passages: { page: number }[] }[] };
  const hit = body.hits.find((h) => h.passages.length > 0);
  if (!hit) throw new Error('the corpus search for "mercury" found no passage');
  documentId = hit.documentId;
  documentTitle = hit.title;
  passagePage = hit.passages[0]!.page;
}, 60_000);

afterAll(async () => {
  if (details.length) console.log(details.join('\n'));
  await browser?.close();
});

describe('a reader in Chromium (issue 12)', () => {
  it('registers from the header; "Discuss page N" starts a thread with one card; edits and deletes own posts', async () => {
    const context = await newContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/documents/${encodeURIComponent(documentId)}#page-${passagePage}`);
    await waitForSettled(page);
    const header = page.getByRole('navigation', { name: 'Your account' });
    await header.getByRole('link', { name: 'Register' }).click();
    await page.waitForURL(/\/register\?next=/);
    await waitForSettled(page);
    await page.getByLabel('Name shown to others').fill(AUTHOR);
    const email = `jean-${stamp}@e2e.test`;
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/documents\//);
    await waitForSettled(page);
    // Posting waits for a confirmed address: the discuss page says so until the e-mailed link is opened.
    await page.goto(`${baseUrl}/forums/new?document=${encodeURIComponent(documentId)}`);
    await page.getByText('Confirm your e-mail address before posting').waitFor();
    await confirmEmail(page, baseUrl, mailDir, email);
    await page.goto(`${baseUrl}/documents/${encodeURIComponent(documentId)}#page-${passagePage}`);
    await waitForSettled(page);
    // Signed in: the header shows the account and the notifications instead.
    await header.getByRole('link', { name: 'Account' }).waitFor();
    expect(await header.getByRole('link', { name: /^Notifications/ }).count()).toBe(1);

    const discuss = page.locator('.document-threads').getByRole('link', { name: `Discuss page ${passagePage}` });
    expect(await page.locator('.document-threads').getByRole('link', { name: 'Discuss this document' }).getAttribute('href')).toBe(`/forums/new?document=${encodeURIComponent(documentId)}`);
    await discuss.click();
    await page.waitForURL(/\/forums\/new\?document=/);
    await waitForSettled(page);
    expect(await page.getByLabel('Message (Markdown)').inputValue()).toContain(`(/documents/${documentId}#page-${passagePage})`);
    await page.getByLabel('Title').fill(`Page ${passagePage}, discussed ${stamp}`);
    await axe(page, 'discuss', 'en');
    await page.getByRole('button', { name: 'Start a discussion' }).click();
    await page.waitForURL(/\/forums\/threads\/\d+$/);
    await waitForSettled(page);
    threadPath = new URL(page.url()).pathname;

    // One link, one card: it keeps the page anchor and the link text, and says the type in words.
    const firstPost = page.locator('.post').first();
    await firstPost.waitFor();
    const cards = firstPost.locator('.post-body a.doc-card');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getAttribute('href')).toBe(`/documents/${documentId}#page-${passagePage}`);
    expect(await cards.first().locator('.doc-card__title').textContent()).toBe(`${documentTitle}, page ${passagePage}`);
    const meta = (await cards.first().locator('.doc-card__meta').textContent()) ?? '';
    expect(meta).not.toMatch(/doctype|-/);
    // The thread lists the document it was started from.
    expect(await page.locator(`#linked-heading + ul [data-document-id="${documentId}"]`).count()).toBe(1);

    // A Latin reply; its author edits it, then deletes the first draft of another.
    await page.getByLabel('Message (Markdown)').fill('Premier jet.');
    await page.getByRole('button', { name: 'Post the reply' }).click();
    const reply = page.locator('.post', { hasText: 'Premier jet.' });
    await reply.waitFor();
    replyId = (await reply.getAttribute('data-post-id')) ?? '';
    await reply.getByRole('button', { name: 'Edit' }).click();
    await reply.getByLabel('Message (Markdown)').fill(LATIN_REPLY);
    await reply.getByRole('button', { name: 'Save the changes' }).click();
    const edited = page.locator(`[data-post-id="${replyId}"]`);
    await edited.locator('.post-body', { hasText: LATIN_REPLY }).waitFor();
    expect(await edited.textContent()).toContain('edited');

    await page.getByLabel('Message (Markdown)').fill('A post I regret.');
    await page.getByRole('button', { name: 'Post the reply' }).click();
    const regret = page.locator('.post', { hasText: 'A post I regret.' });
    await regret.waitFor();
    const regretId = await regret.getAttribute('data-post-id');
    await regret.getByRole('button', { name: 'Delete' }).click();
    await regret.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.locator(`[data-post-id="${regretId}"]`, { hasText: 'This post was deleted.' }).waitFor();
    await axe(page, 'thread-own-posts', 'en');
    await context.close();
    expect(details).toEqual([]);
  }, 180_000);

  it('in Arabic: Latin posts read left to right, names and dates are isolated and localized; axe-clean; 360 px', async () => {
    expect(threadPath).not.toBe('');
    const context = await newContext('ar');
    const page = await context.newPage();
    await page.goto(`${baseUrl}${threadPath}`);
    await waitForSettled(page);
    const post = page.locator(`[data-post-id="${replyId}"]`);
    const paragraph = post.locator('.post-body p').first();
    await paragraph.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await post.locator('.post-body').getAttribute('dir')).toBe('auto');
    expect(await paragraph.evaluate((p) => getComputedStyle(p).direction)).toBe('ltr');
    // The full stop is drawn at the end of the sentence, to the right of its first letter.
    const [first, last] = await paragraph.evaluate((p) => {
      const text = p.firstChild as Text;
      const box = (from: number) => {
        const range = document.createRange();
        range.setStart(text, from);
        range.setEnd(text, from + 1);
        return range.getBoundingClientRect().left;
      };
      return [box(0), box((text.textContent ?? '').length - 1)];
    });
    expect(last).toBeGreaterThan(first);

    // Byline: the name in <bdi>, right of the date (right to left), the date in Arabic, not ISO.
    const author = post.locator('.post-meta bdi.post-author');
    expect(await author.textContent()).toBe(AUTHOR);
    const time = post.locator('.post-meta time');
    const dateText = (await time.textContent()) ?? '';
    expect(dateText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(dateText).toBe(await time.evaluate((el) => new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(el.getAttribute('datetime') ?? ''))));
    const authorBox = await author.boundingBox();
    const timeBox = await time.boundingBox();
    expect(authorBox && timeBox && authorBox.x > timeBox.x + timeBox.width - 1).toBe(true);

    // The card's type in Arabic; its title (the link text) keeps its own direction.
    const card = page.locator('.post-body a.doc-card').first();
    expect(await card.locator('.doc-card__meta').textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await card.locator('.doc-card__title').getAttribute('dir')).toBe('auto');
    // Thread title isolated; the header offers Arabic account links.
    expect(await page.locator('h1 bdi').count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'حسابك' }).getByRole('link', { name: 'إنشاء حساب' }).count()).toBe(1);
    await axe(page, 'thread', 'ar');

    // The forum's thread list: names isolated, dates localized.
    await page.goto(`${baseUrl}/forums`);
    await waitForSettled(page);
    await axe(page, 'forums', 'ar');

    // Search results: dates in Arabic, meta parts isolated.
    await page.goto(`${baseUrl}/search?q=mercury`);
    await waitForSettled(page);
    const metas = await page.locator('.result-meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const text of metas) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await page.locator('.result-meta bdi').count()).toBeGreaterThan(0);
    await context.close();

    const phone = await newContext('ar', PHONE);
    const small = await phone.newPage();
    for (const path of [threadPath, `/forums/new?document=${encodeURIComponent(documentId)}&page=${passagePage}`, '/search?q=mercury']) {
      await small.goto(`${baseUrl}${path}`);
      await waitForSettled(small);
      expect(await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${path} at 360 px`).toBeLessThanOrEqual(1);
    }
    await phone.close();
    expect(details).toEqual([]);
  }, 180_000);

  it('a moderator reads the edit history of a post, with the author’s deletion', async (ctx) => {
    if (!dataDir || !threadPath) {
      ctx.skip();
      return;
    }
    const email = `history-mod-${stamp}@e2e.test`;
    const created = createUserWithCli(dataDir, { email, role: 'moderator', name: 'Moana', password: PASSWORD });
    expect(created.status, created.stderr).toBe(0);
    const context = await newContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}${threadPath}`);
    await waitForSettled(page);
    await signIn(page, email);
    const post = page.locator(`[data-post-id="${replyId}"]`);
    await post.getByRole('button', { name: 'Edit history' }).click();
    await post.locator('.revision-body', { hasText: 'Premier jet.' }).waitFor();
    expect(await post.locator('.post-revisions bdi').first().textContent()).toBe(AUTHOR);
    const deleted = page.locator('.post', { hasText: 'A post I regret.' });
    await deleted.getByRole('button', { name: 'Edit history' }).click();
    await deleted.locator('.post-events li', { hasText: /^Deleted on .* by Jean Dupont$/ }).waitFor();
    await axe(page, 'thread-history', 'en');
    await context.close();
    expect(details).toEqual([]);
  }, 120_000);

  it('forgot password: the e-mailed link sets a new password once; axe-clean in English and Arabic', async () => {
    const email = `jean-${stamp}@e2e.test`;
    const context = await newContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await waitForSettled(page);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await waitForSettled(page);
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If this address has an account').waitFor();
    await axe(page, 'forgot-password', 'en');
    const link = await linkFromMail(mailDir, email, '/reset-password');
    await page.goto(`${baseUrl}${link}`);
    await waitForSettled(page);
    await page.getByLabel('New password').fill('A brand new passphrase for Jean, 2032');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('Your password is changed').waitFor();
    await context.close();
    // The link is spent: opening it again (a reader of the Arabic interface) refuses, in Arabic.
    const arabic = await newContext('ar');
    const again = await arabic.newPage();
    await again.goto(`${baseUrl}${link}`);
    await waitForSettled(again);
    await again.locator('#reset-password').fill('Another brand new passphrase, 2033');
    await again.locator('form button[type="submit"]').click();
    await again.getByRole('alert').waitFor();
    expect(await again.getByRole('alert').textContent()).toContain('لم يعد هذا الرابط صالحًا');
    await axe(again, 'reset-password', 'ar');
    await arabic.close();
    expect(details).toEqual([]);
  }, 120_000);

  it('search: "skip to results" takes the keyboard past the filters, which fold away', async () => {
    const context = await newContext('en');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/search?q=mercury`);
    await waitForSettled(page);
    await page.getByLabel('Search documents').focus();
    let presses = 0;
    while (presses < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Skip to results') {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    // From there, a few Tabs reach the first result (the sort menu and active filters come first).
    let toResult = 0;
    while (toResult < 8 && !(await page.evaluate(() => document.activeElement?.closest('.result-title') !== null))) {
      await page.keyboard.press('Tab');
      toResult++;
    }
    expect(toResult).toBeLessThan(8);
    // Facets are collapsible; the long ones start folded.
    const party = page.locator('details.facet', { has: page.locator('summary', { hasText: 'Party' }) });
    if ((await party.count()) > 0) {
      expect(await party.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await party.locator('summary').click();
      expect(await party.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    }
    const theme = page.locator('details.facet', { has: page.locator('summary', { hasText: 'Thematic area' }) });
    expect(await theme.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await axe(page, 'search', 'en');
    await context.close();
    expect(details).toEqual([]);
  }, 120_000);
});
