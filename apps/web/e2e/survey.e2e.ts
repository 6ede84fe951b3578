// Issue 14 §3 in Chromium against the real platform: a curator defines a survey with two questions and opens
// it; a focal point finds it from the dashboards and answers; the curator sees the counts and downloads the
// CSV (with the party, no personal data). A "no" given on a document shows in the satisfaction-by-theme table.
// A signed-in reader's problem report is answered and closed by a curator, and the reader reads the answer in
// their notifications. Axe in English and Arabic on the new pages; the survey and its admin page at 360 px.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, runAxe, waitForSettled } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const PASSWORD = 'a long enough password';
const stamp = Date.now().toString(36);
const TITLE = `Needs ${stamp} <b>bold?</b>`;

let browser: Browser;
const contexts: BrowserContext[] = [];
let users = 0;

function createUser(email: string, role: string, party?: string): void {
  const args = ['--silent', 'mep', 'user', 'create', '--email', email, '--role', role, '--name', `${role} ${stamp}`, '--password-stdin', ...(party ? ['--party', party] : [])];
  const created = spawnSync('pnpm', args, { cwd: repoRoot, env: { ...process.env, MEP_DATA_DIR: dataDir }, input: PASSWORD, encoding: 'utf8' });
  if (created.status !== 0) throw new Error(created.stderr);
}

async function signedIn(role: string, lang: 'en' | 'ar' = 'en', party?: string, width = 1280): Promise<Page> {
  users += 1;
  const email = `${role}-${users}-${stamp}@e2e.test`;
  createUser(email, role, party);
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US', acceptDownloads: true });
  contexts.push(context);
  await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in?next=%2Faccount`);
  await waitForSettled(page);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/account$/);
  await waitForSettled(page);
  return page;
}

async function axeClean(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
  const violations = await runAxe(page);
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('surveys', () => {
  let surveyPath = '';
  let curator: Page;

  it('a curator defines a survey with two questions and opens it', async (ctx) => {
    if (!dataDir) return ctx.skip();
    curator = await signedIn('curator');
    await curator.goto(`${baseUrl}/insight`);
    await waitForSettled(curator);
    await curator.getByRole('link', { name: /Surveys of parties’ needs/ }).click();
    await curator.waitForURL(/\/insight\/surveys$/);
    await curator.getByRole('link', { name: 'New survey' }).click();
    await curator.waitForURL(/\/insight\/surveys\/new$/);
    await waitForSettled(curator);
    await curator.getByLabel('Title (English)').fill(TITLE);
    await curator.getByLabel('Introduction (English)').fill('Tell the secretariat what your party needs.');
    const first = curator.locator('fieldset.question').nth(0);
    await first.getByLabel('Question text (English)').fill('Which area first?');
    await first.getByLabel('Required').check();
    await first.getByLabel('Option 1 (English)').fill('Artisanal gold mining');
    await first.getByLabel('Option 2 (English)').fill('Mercury-added products');
    await curator.getByRole('button', { name: 'Add a question' }).click();
    const second = curator.locator('fieldset.question').nth(1);
    await second.getByLabel('Question text (English)').fill('How urgent is it?');
    await second.getByLabel('Kind of question').selectOption('scale');
    // The same texts in French, typed after switching the language of the texts.
    await curator.getByLabel('Language of the texts you are typing').selectOption('fr');
    await curator.getByLabel('Title (Français)').fill(`Besoins ${stamp}`);
    await curator.getByRole('button', { name: 'Save' }).click();
    await curator.waitForURL(/\/insight\/surveys\/\d+$/);
    surveyPath = new URL(curator.url()).pathname.replace('/insight', '');
    await waitForSettled(curator);
    await curator.getByRole('button', { name: 'Open the survey' }).click();
    await curator.getByRole('button', { name: 'Close the survey' }).waitFor();
    await axeClean(curator, 'survey-admin-en-1280');
  });

  it('a focal point finds it from the dashboards and answers; the answer can be changed', async (ctx) => {
    if (!dataDir || !surveyPath) return ctx.skip();
    const focal = await signedIn('focal_point', 'en', 'party:KEN');
    await focal.goto(`${baseUrl}/dashboards`);
    await waitForSettled(focal);
    await focal.locator('section.open-surveys').getByRole('link', { name: TITLE }).click();
    await focal.waitForURL((url) => url.pathname === surveyPath);
    await waitForSettled(focal);
    // The title's markup is text.
    expect(await focal.locator('h1 b').count()).toBe(0);
    await focal.getByRole('heading', { level: 1 }).getByText(TITLE).waitFor();
    // Required question left out: the form says so and sends nothing.
    await focal.getByRole('button', { name: 'Send my answers' }).click();
    await focal.getByText('Please answer every required question').waitFor();
    await focal.getByLabel('Mercury-added products').check();
    await focal.getByRole('group', { name: 'How urgent is it?' }).getByLabel('4').check();
    await focal.getByRole('button', { name: 'Send my answers' }).click();
    await focal.getByText('Thank you: your answers are saved.').waitFor();
    await axeClean(focal, 'survey-answer-en-1280');
    // Back later: the answers are there and can be changed.
    await focal.reload();
    await waitForSettled(focal);
    expect(await focal.getByLabel('Mercury-added products').isChecked()).toBe(true);
    await focal.getByRole('group', { name: 'How urgent is it?' }).getByLabel('5').check();
    await focal.getByRole('button', { name: 'Update my answers' }).click();
    await focal.getByText('Thank you: your answers are saved.').waitFor();
    // The account page links to the open survey too.
    await focal.goto(`${baseUrl}/account`);
    await waitForSettled(focal);
    await focal.locator('section.open-surveys').getByRole('link', { name: TITLE }).waitFor();
  });

  it('the curator sees the counts and downloads the CSV with the party and no personal data', async (ctx) => {
    if (!dataDir || !curator) return ctx.skip();
    await curator.reload();
    await waitForSettled(curator);
    const results = curator.locator('section.survey-results');
    await results.getByText('1 response.').waitFor();
    const q1 = results.locator('[data-question-id="q1"]');
    expect(await q1.locator('tr', { hasText: 'Mercury-added products' }).locator('td').textContent()).toBe('1');
    expect(await q1.locator('tr', { hasText: 'Artisanal gold mining' }).locator('td').textContent()).toBe('0');
    expect(await results.locator('[data-question-id="q2"] tr', { hasText: '5' }).locator('td').textContent()).toBe('1');
    const [download] = await Promise.all([curator.waitForEvent('download'), results.getByRole('link', { name: 'Download the answers (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('q1: Which area first?');
    expect(csv).toMatch(/1,party:KEN,[^,]+,Mercury-added products,5/);
    expect(csv).not.toContain('@e2e.test');
  });

  it('the new pages are axe-clean in Arabic, and the survey and admin pages fit 360 px', async (ctx) => {
    if (!dataDir || !surveyPath) return ctx.skip();
    const reader = await signedIn('member', 'ar', undefined, 360);
    await reader.goto(`${baseUrl}${surveyPath}`);
    await waitForSettled(reader);
    expect(await reader.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await reader.locator('form.survey-form').waitFor();
    expect(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await axeClean(reader, 'survey-answer-ar-360');
    const curatorAr = await signedIn('curator', 'ar', undefined, 360);
    await curatorAr.goto(`${baseUrl}/insight/surveys${surveyPath.replace('/surveys', '')}`);
    await waitForSettled(curatorAr);
    await curatorAr.locator('section.survey-results').waitFor();
    expect(await curatorAr.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await axeClean(curatorAr, 'survey-admin-ar-360');
    await curatorAr.goto(`${baseUrl}/insight`);
    await waitForSettled(curatorAr);
    await curatorAr.locator('section.satisfaction').waitFor();
    await axeClean(curatorAr, 'insight-ar-360');
  });
});

describe('satisfaction and answers to readers', () => {
  it('a "no" given on a document shows in the satisfaction-by-theme table', async (ctx) => {
    if (!dataDir) return ctx.skip();
    const theme = 'theme:products';
    const { hits } = (await (await fetch(`${baseUrl}/api/search?theme=${theme}&pageSize=1`)).json()) as { hits: { documentId: string }[] };
    const label = ((await (await fetch(`${baseUrl}/api/taxonomy/concepts/${theme}`)).json()) as { prefLabel: { en: string } }).prefLabel.en;
    const curator = await signedIn('curator');
    const before = ((await (await curator.context().request.get(`${baseUrl}/api/insight/satisfaction`)).json()) as { byTheme: { theme: string; no: number }[] }).byTheme.find((r) => r.theme === theme)?.no ?? 0;
    const reader = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    contexts.push(reader);
    const page = await reader.newPage();
    await page.goto(`${baseUrl}/documents/${hits[0]!.documentId}`);
    await waitForSettled(page);
    const useful = page.locator('section.useful-feedback');
    await useful.getByRole('button', { name: 'No' }).click();
    await useful.getByRole('button', { name: 'Send' }).click();
    await useful.getByText('Thank you for your feedback.').waitFor();
    await curator.goto(`${baseUrl}/insight`);
    await waitForSettled(curator);
    const table = curator.locator('section', { has: curator.getByRole('heading', { name: 'Satisfaction by thematic area (table)' }) });
    const row = table.locator('tr', { has: curator.locator('th', { hasText: label }) });
    expect(await row.locator('td').nth(1).textContent()).toBe(String(before + 1));
    await curator.locator('.satisfaction-chart').waitFor();
    await axeClean(curator, 'insight-satisfaction-en-1280');
  });

  it('a curator answers and closes a signed-in reader’s problem report; the reader reads the answer in notifications', async (ctx) => {
    if (!dataDir) return ctx.skip();
    const { hits } = (await (await fetch(`${baseUrl}/api/search?q=mercury&pageSize=1`)).json()) as { hits: { documentId: string }[] };
    const reader = await signedIn('member');
    await reader.goto(`${baseUrl}/documents/${hits[0]!.documentId}`);
    await waitForSettled(reader);
    await reader.getByText('Report a problem with this document').click();
    await reader.getByLabel('What is wrong?').selectOption('metadata');
    await reader.getByLabel('Details').fill(`Wrong year ${stamp}`);
    await reader.getByRole('button', { name: 'Send the report' }).click();
    await reader.getByText('Thank you: the curators will look at your report.').waitFor();
    const curator = await signedIn('curator');
    await curator.goto(`${baseUrl}/insight`);
    await waitForSettled(curator);
    const item = curator.locator('.feedback-item', { hasText: `Wrong year ${stamp}` });
    await item.getByLabel('Answer to the reader').fill(`Corrected ${stamp}, thank you.`);
    await item.getByRole('button', { name: 'Answer' }).click();
    await item.getByText(`Answer: Corrected ${stamp}, thank you.`).waitFor();
    await item.getByRole('button', { name: 'Close' }).click();
    await item.getByText('Closed').waitFor();
    await reader.goto(`${baseUrl}/notifications`);
    await waitForSettled(reader);
    await reader.getByText(`Corrected ${stamp}, thank you.`).waitFor();
  });
});
