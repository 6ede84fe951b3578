// The secretariat's workspace in Chromium against the real platform: a curator uploads three files (one
// corrupt) and watches each one's stage change live, the corrupt one showing its reason; corrects a title
// and finds it in search; rejects a tag and adds one, and a retag keeps both. A focal point submits a
// document, which no anonymous reader can reach (search, document API, file, OAI-PMH, InforMEA) until a
// curator publishes it, and the focal point is notified. Axe-checked in English and Arabic; 360 px screenshot.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInToWorkspace } from './accounts';
import { launchChromium, runAxe, waitForSettled } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(repoRoot, 'fixtures');
const PASSWORD = 'a long enough password';
const stamp = Date.now().toString(36);

let browser: Browser;

function createUser(email: string, role: string, party?: string): void {
  const args = ['--silent', 'mep', 'user', 'create', '--email', email, '--role', role, '--name', `${role} ${stamp}`, '--password-stdin', ...(party ? ['--party', party] : [])];
  const created = spawnSync('pnpm', args, { cwd: repoRoot, env: { ...process.env, MEP_DATA_DIR: dataDir }, input: PASSWORD, encoding: 'utf8' });
  if (created.status !== 0) throw new Error(created.stderr);
}

const signedIn = (email: string, lang: 'en' | 'ar' = 'en', width = 1280) => signInToWorkspace(browser, baseUrl, { email, password: PASSWORD }, lang, width);

const anonymousStatus = async (path: string) => (await fetch(baseUrl + path)).status;
const searchIds = async (q: string) => ((await (await fetch(`${baseUrl}/api/search?q=${encodeURIComponent(q)}`)).json()) as { hits: { documentId: string }[] }).hits.map((h) => h.documentId);

beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => browser?.close());

describe('the workspace', () => {
  it('curator: three uploads with live progress, a title correction found by search, tag decisions kept on retag', async (ctx) => {
    if (!dataDir) return ctx.skip();
    const email = `curator-${stamp}@e2e.test`;
    createUser(email, 'curator');
    const { context, page } = await signedIn(email);
    await page.locator('input[type=file]').setInputFiles([join(fixtures, 'fr-orientations.docx'), join(fixtures, 'corrupt.pdf'), join(fixtures, 'ar-mercury.txt')]);
    const row = (name: string) => page.locator('.upload-row', { hasText: name });
    // Live: each row reaches its end without a reload.
    await row('corrupt.pdf').locator('.upload-reason').waitFor({ timeout: 90_000 });
    expect((await row('corrupt.pdf').locator('.upload-reason').textContent())?.length).toBeGreaterThan(5);
    for (const name of ['fr-orientations.docx', 'ar-mercury.txt']) {
      await row(name).getByText(/searchable|already in the repository/).waitFor({ timeout: 90_000 });
    }
    await page.screenshot({ path: join(artifactsDir, 'workspace-uploads-en-1280.png'), fullPage: true });
    expect(await runAxe(page)).toEqual([]);
    // The state survives a reload (read back from the jobs API).
    await page.reload();
    await waitForSettled(page);
    await row('corrupt.pdf').locator('.upload-reason').waitFor();

    const href = await row('fr-orientations.docx').getByRole('link').getAttribute('href');
    const documentId = href!.split('/').pop()!;
    await page.goto(`${baseUrl}/workspace/documents/${documentId}`);
    await waitForSettled(page);
    // Letters only: search splits a word at digits.
    const word = `Quokkatitle${stamp.replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!)}`;
    // Markup is kept as inert text. (A word glued inside a tag, `<b>word</b>`, is not found by Meilisearch's tokenizer.)
    await page.getByLabel('Title').fill(`<b>bold?</b> ${word} orientations`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. Search shows the change now.').waitFor();
    expect(await searchIds(word)).toContain(documentId);

    const tagger = page.locator('.tag-list li', { hasText: 'suggested by the tagger' }).first();
    const rejected = (await tagger.getAttribute('data-concept'))!;
    await tagger.getByRole('button', { name: `Reject ${rejected}` }).click();
    await page.locator(`.tag-list li[data-concept="${rejected}"]`).waitFor({ state: 'detached' });
    const added = rejected === 'theme:asgm' ? 'theme:products' : 'theme:asgm';
    await page.getByLabel('Add a concept (for example theme:asgm)').fill(added);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator(`.tag-list li[data-concept="${added}"]`).waitFor();
    await page.getByRole('button', { name: 'Tag again' }).click();
    await page.getByText('Tagged again; your decisions were kept.').waitFor();
    const concepts = ((await (await fetch(`${baseUrl}/api/documents/${documentId}`)).json()) as { concepts: { id: string; source: string }[] }).concepts;
    expect(concepts.map((c) => c.id)).not.toContain(rejected);
    expect(concepts.find((c) => c.id === added)?.source).toBe('curator');
    expect(await runAxe(page)).toEqual([]);
    await context.close();

    for (const [lang, width] of [['ar', 1280], ['en', 360]] as const) {
      const other = await signedIn(email, lang, width);
      await other.page.screenshot({ path: join(artifactsDir, `workspace-${lang}-${width}.png`), fullPage: true });
      expect(await runAxe(other.page)).toEqual([]);
      // Usable at 360 px: nothing wider than the viewport.
      if (width === 360) expect(await other.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await other.context.close();
    }
  }, 300_000);

  it('focal point submits; nobody else can reach the draft; a curator publishes; the focal point is notified', async (ctx) => {
    if (!dataDir) return ctx.skip();
    const focalEmail = `focal-${stamp}@e2e.test`;
    createUser(focalEmail, 'focal_point', 'party:KEN');
    const focal = await signedIn(focalEmail);
    await focal.page.locator('input[type=file]').setInputFiles(join(fixtures, 'es-plan-de-accion.html'));
    const row = focal.page.locator('.upload-row', { hasText: 'es-plan-de-accion.html' });
    await row.getByText(/searchable|already in the repository/).waitFor({ timeout: 90_000 });
    const documentId = (await row.getByRole('link').getAttribute('href'))!.split('/').pop()!;
    const doc = (await (await focal.page.request.get(`${baseUrl}/api/documents/${documentId}`)).json()) as { status: string; title: string };
    // (A duplicate of a published document stays published; the fixture is new to this platform.)
    expect(doc.status).toBe('draft');

    expect(await anonymousStatus(`/api/documents/${documentId}`)).toBe(404);
    expect(await anonymousStatus(`/api/documents/${documentId}/file`)).toBe(404);
    expect(await anonymousStatus(`/api/documents/${documentId}/pages/1`)).toBe(404);
    expect(await searchIds(doc.title)).not.toContain(documentId);
    expect(await (await fetch(`${baseUrl}/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:mep.mercuryconvention.org:${documentId}`)).text()).toContain('idDoesNotExist');
    expect(await (await fetch(`${baseUrl}/api/informea/documents?pageSize=500`)).text()).not.toContain(documentId);

    const curatorEmail = `curator2-${stamp}@e2e.test`;
    createUser(curatorEmail, 'curator');
    const curator = await signedIn(curatorEmail);
    const item = curator.page.locator('.queue-item', { hasText: doc.title });
    await item.getByRole('button', { name: 'Publish' }).click();
    await curator.page.getByText(`“${doc.title}” is published.`).waitFor();
    expect(await anonymousStatus(`/api/documents/${documentId}`)).toBe(200);
    expect(await searchIds(doc.title)).toContain(documentId);

    await focal.page.goto(`${baseUrl}/notifications`);
    await focal.page.getByText(`Your document “${doc.title}” was published`).waitFor();
    await focal.context.close();
    await curator.context.close();
  }, 300_000);
});
