// Security finding 4 in the browser: the Content-Security-Policy the API sends (no inline script,
// styles and scripts from this origin only, frame-ancestors 'none') must not break any page type of
// the built web app. Chromium visits each one, signed out, signed in and as a moderator, and fails
// on any `securitypolicyviolation` event or CSP console error.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { confirmEmail } from './accounts';
import { cspViolations, launchChromium, recordCspViolations, waitForSettled } from './browser';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const mailDir = inject('mailDir');
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const PASSWORD = 'Phase down amalgam by 2030';
const stamp = Date.now().toString(36);

let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function watchedPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await recordCspViolations(page);
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return page;
}

async function visit(page: Page, name: string, path: string): Promise<void> {
  const response = await page.goto(`${baseUrl}${path}`);
  expect(response?.headers()['content-security-policy'] ?? '', `${name} has no CSP`).toContain("frame-ancestors 'none'");
  await waitForSettled(page);
  for (const violation of await cspViolations(page)) problems.push(`${name} (${path}): ${violation}`);
}

describe('the Content-Security-Policy and the built web app', () => {
  it('no page type causes a CSP violation (anonymous, member, moderator)', async () => {
    const search = (await (await fetch(`${baseUrl}/api/search?q=mercury&pageSize=1`)).json()) as { hits: { documentId: string }[] };
    const documentId = search.hits[0]?.documentId;
    expect(documentId, 'the corpus is searchable').toBeTruthy();

    // A member registers, starts a thread (with a document card) and previews Markdown.
    const memberContext = await browser.newContext({ locale: 'en-US' });
    const member = await watchedPage(memberContext);
    const email = `csp-${stamp}@e2e.test`;
    await visit(member, 'register', '/register?next=%2Fforums%2Fasgm');
    await member.getByLabel('Name shown to others').fill(`Csp ${stamp}`);
    await member.getByLabel('E-mail').fill(email);
    await member.getByLabel('Password').fill(PASSWORD);
    await member.getByRole('button', { name: 'Create account' }).click();
    await member.waitForURL(/\/forums\/asgm$/);
    // Posting needs a confirmed address: the link from the welcome e-mail (its page is checked too).
    await confirmEmail(member, baseUrl, mailDir, email);
    await visit(member, 'forum', '/forums/asgm');
    await member.getByLabel('Title').fill(`CSP check ${stamp}`);
    await member.getByLabel('Message (Markdown)').fill(`**Bold**, a [link](https://example.org) and [the document](/documents/${documentId}).`);
    await member.getByRole('button', { name: 'Preview' }).click();
    await member.locator('.composer .preview').first().waitFor();
    await member.getByRole('button', { name: 'Publish the thread' }).click();
    await member.waitForURL(/\/forums\/threads\/\d+$/);
    const threadPath = new URL(member.url()).pathname;
    for (const violation of await cspViolations(member)) problems.push(`forum composer: ${violation}`);

    const pages: Array<[string, string]> = [
      ['search', '/'],
      ['search results', '/search?q=mercury'],
      ['document (PDF frame)', `/documents/${documentId}`],
      ['explore', '/explore'],
      ['article', '/articles/8'],
      ['forums', '/forums'],
      ['forum', '/forums/asgm'],
      ['thread', threadPath],
      ['account', '/account'],
      ['notifications', '/notifications'],
      ['not found', '/no/such/page'],
    ];
    for (const [name, path] of pages) await visit(member, `member: ${name}`, path);
    await memberContext.close();

    const anonymousContext = await browser.newContext({ locale: 'en-US' });
    const anonymous = await watchedPage(anonymousContext);
    for (const [name, path] of [...pages, ['sign-in', '/sign-in'] as [string, string]]) await visit(anonymous, `anonymous: ${name}`, path);
    await anonymousContext.close();

    if (dataDir) {
      const moderatorEmail = `csp-mod-${stamp}@e2e.test`;
      const created = spawnSync('pnpm', ['--silent', 'mep', 'user', 'create', '--email', moderatorEmail, '--role', 'moderator', '--name', `Warden ${stamp}`, '--password-stdin'], {
        cwd: repoRoot,
        env: { ...process.env, MEP_DATA_DIR: dataDir },
        input: PASSWORD,
        encoding: 'utf8',
      });
      expect(created.status, created.stderr).toBe(0);
      const moderatorContext = await browser.newContext({ locale: 'en-US' });
      const moderator = await watchedPage(moderatorContext);
      await visit(moderator, 'sign-in', '/sign-in?next=%2Fmoderation');
      await moderator.getByLabel('E-mail').fill(moderatorEmail);
      await moderator.getByLabel('Password').fill(PASSWORD);
      await moderator.getByRole('button', { name: 'Sign in' }).click();
      await moderator.waitForURL(/\/moderation$/);
      await visit(moderator, 'moderation', '/moderation');
      await visit(moderator, 'moderator: thread', threadPath);
      await moderatorContext.close();
    }

    expect(problems).toEqual([]);
  }, 300_000);

  it('the site refuses to be framed by another origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // A foreign page (about:blank has an opaque origin) embeds the site.
    await page.setContent(`<iframe id="victim" src="${baseUrl}/forums"></iframe>`);
    await page.waitForTimeout(2000);
    const frame = page.frames().find((f) => f.url().startsWith(baseUrl));
    const loaded = frame ? await frame.evaluate(() => document.querySelector('#root')?.childElementCount ?? 0).catch(() => 0) : 0;
    expect(loaded).toBe(0);
    await context.close();
  }, 60_000);
});
