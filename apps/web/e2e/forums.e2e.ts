// Forums in Chromium against the real platform: a post full of XSS payloads renders inert, and a
// second browser (another profile, signed out) sees a new post arrive live, once, announced politely.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { confirmEmail } from './accounts';
import { launchChromium, runAxe, waitForSettled } from './browser';

const baseUrl = inject('baseUrl');
const mailDir = inject('mailDir');
let browser: Browser;

const XSS_BODY = [
  'Payloads follow.',
  '<script>window.__xss = "script"</script>',
  '<img src="x" onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"></svg>',
  '[click me](javascript:window.__xss=\'link\')',
  '<a href="javascript:window.__xss=\'a\'">plain anchor</a>',
  '<iframe src="javascript:window.__xss=\'iframe\'"></iframe>',
  '<p style="background:url(javascript:alert(1))" onmouseover="window.__xss=\'hover\'">hover me</p>',
  '<details open ontoggle="window.__xss=\'toggle\'"><summary>x</summary></details>',
].join('\n\n');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function register(page: Page, name: string): Promise<void> {
  await page.goto(`${baseUrl}/register?next=%2Fforums%2Fasgm`);
  await waitForSettled(page);
  await page.getByLabel('Name shown to others').fill(name);
  const email = `${name.toLowerCase()}-${Date.now()}@e2e.test`;
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/forums\/asgm$/);
  // Posting needs a confirmed address: open the link from the welcome e-mail, then back to the forum.
  await confirmEmail(page, baseUrl, mailDir, email);
  await page.goto(`${baseUrl}/forums/asgm`);
  await waitForSettled(page);
}

describe('forums in the browser', () => {
  it('a post with XSS payloads renders inert; a second browser sees a new reply live, once', async () => {
    const authorContext = await browser.newContext();
    const author = await authorContext.newPage();
    const dialogs: string[] = [];
    author.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await register(author, 'Amina');

    await author.getByLabel('Title').fill('Inert payloads');
    await author.getByLabel('Message (Markdown)').fill(XSS_BODY);
    // The preview is rendered by the server, sanitized like the post itself.
    await author.getByRole('button', { name: 'Preview' }).click();
    await author.locator('.composer .preview .post-body, .composer .preview div').first().waitFor();
    await author.getByRole('button', { name: 'Publish the thread' }).click();
    await author.waitForURL(/\/forums\/threads\/\d+$/);
    await waitForSettled(author);
    const threadUrl = author.url();

    const firstPost = author.locator('.post-body').first();
    await firstPost.waitFor();
    await firstPost.locator('text=hover me').hover();
    await author.locator('text=plain anchor').click({ modifiers: [] }).catch(() => undefined);
    await author.locator('text=click me').click().catch(() => undefined);
    await author.waitForTimeout(300);
    expect(await author.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const markup = await firstPost.innerHTML();
    expect(markup).not.toMatch(/<script|<iframe|<svg|<img|\son\w+=|javascript:|style=/i);
    expect(await firstPost.textContent()).toContain('Payloads follow.');

    const violations = await runAxe(author);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The second browser: another profile, not signed in, watching the same thread.
    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    await reader.goto(threadUrl);
    await waitForSettled(reader);
    await reader.locator('.post').first().waitFor();
    const before = await reader.locator('.post').count();

    await author.getByLabel('Message (Markdown)').fill('A **live** reply from Amina');
    await author.getByRole('button', { name: 'Post the reply' }).click();

    const live = reader.locator('.post', { hasText: 'A live reply from Amina' });
    await live.waitFor({ timeout: 15_000 });
    const postId = await live.getAttribute('data-post-id');
    await reader.waitForTimeout(500);
    expect(await reader.locator(`[data-post-id="${postId}"]`).count()).toBe(1);
    expect(await reader.locator('.post').count()).toBe(before + 1);
    expect(await reader.locator('[data-testid="live-announcements"]').textContent()).toContain('New post by Amina');
    // The author's own view merged the HTTP answer and the live event into one post.
    await author.locator('.post', { hasText: 'A live reply from Amina' }).waitFor();
    expect(await author.locator(`[data-post-id="${postId}"]`).count()).toBe(1);

    await authorContext.close();
    await readerContext.close();
  });

  it('the forum list is keyboard-usable and axe-clean', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/forums`);
    await waitForSettled(page);
    expect(await page.locator('.forum-list li').count()).toBeGreaterThanOrEqual(12);
    const violations = await runAxe(page);
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // Keyboard: Tab reaches a forum link and Enter opens it.
    await page.locator('.forum-list a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/forums\/[a-z-]+$/);
    await context.close();
  });
});
