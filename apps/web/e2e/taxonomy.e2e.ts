// Editing the taxonomy in Chromium against the real platform (issue 11 §4): a curator uploads a document that
// mentions an acronym no concept has, then adds a concept with six preferred labels and that acronym in the
// workspace's Taxonomy section; the background retag's progress shows live, the document gets tagged with the
// new concept, and `/api/taxonomy` and the SKOS export show it; deprecated with a replacement, the id keeps resolving
// and the tag goes. Axe-checked in English and Arabic; 360 px.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUserWithCli, signInToWorkspace } from './accounts';
import { launchChromium, runAxe, waitForSettled } from './browser';
import { artifactsDir } from './global-setup';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const PASSWORD = 'a long enough password';
const stamp = Date.now().toString(36);
/** Letters only (the tagger matches acronyms as whole capitalised words). */
const letters = stamp.replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)]!);
const ACRONYM = `ZQ${letters.slice(-5).toUpperCase()}`;
const SLUG = `e2e-${letters.slice(-8)}`;
const ID = `topic:${SLUG}`;
const LABELS = {
  // Markup in a label is text: stored as typed, shown inert.
  en: `<b>Quokka</b> mercury cell programme ${letters}`,
  fr: `Programme quokka des cellules à mercure ${letters}`,
  es: `Programa quokka de celdas de mercurio ${letters}`,
  ru: `Программа квокка по ртутным электролизерам ${letters}`,
  ar: `برنامج كوكا لخلايا الزئبق ${letters}`,
  zh: `短尾矮袋鼠汞电解槽计划 ${letters}`,
};

let browser: Browser;

function createUser(email: string, role: string): void {
  const created = createUserWithCli(dataDir, { email, role, name: `${role} ${stamp}`, password: PASSWORD });
  if (created.status !== 0) throw new Error(created.stderr);
}

const signedIn = (email: string, lang: 'en' | 'ar' = 'en', width = 1280) => signInToWorkspace(browser, baseUrl, { email, password: PASSWORD }, lang, width);

const conceptsOf = async (documentId: string) => ((await (await fetch(`${baseUrl}/api/documents/${documentId}`)).json()) as { concepts: { id: string }[] }).concepts.map((c) => c.id);

beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);
afterAll(async () => browser?.close());

describe('the taxonomy editor', () => {
  it('curator adds a concept with six labels and an acronym; a document naming the acronym gets tagged after the live retag', async (ctx) => {
    if (!dataDir) return ctx.skip();
    const email = `taxonomist-${stamp}@e2e.test`;
    createUser(email, 'curator');
    const { context, page } = await signedIn(email);

    // A document that names the acronym (twice, in a mercury context), uploaded and published at once.
    const dir = mkdtempSync(join(tmpdir(), 'mep-e2e-taxonomy-'));
    const file = join(dir, `${ACRONYM.toLowerCase()}-plan.txt`);
    writeFileSync(
      file,
      `Mercury cell phase-out plan\n\nChlor-alkali producers still use mercury cells. The ${ACRONYM} sets the dates for closing them. ` +
        `Mercury recovered under the ${ACRONYM} is stored safely. Mercury emissions fall as plants convert; mercury waste is managed.\n`,
    );
    await page.locator('input[type=file]').setInputFiles(file);
    const row = page.locator('.upload-row', { hasText: `${ACRONYM.toLowerCase()}-plan.txt` });
    await row.getByText('searchable').waitFor({ timeout: 90_000 });
    const documentId = (await row.getByRole('link').getAttribute('href'))!.split('/').pop()!;
    expect(await conceptsOf(documentId)).not.toContain(ID);

    // The Taxonomy section of the workspace.
    await page.getByRole('link', { name: 'Edit the taxonomy' }).click();
    await page.waitForURL(/\/workspace\/taxonomy$/);
    await waitForSettled(page);
    await page.getByRole('button', { name: 'New concept' }).click();
    await page.getByLabel('Identifier (after “topic:”)').fill(SLUG);
    for (const [lang, name] of [['en', 'English'], ['fr', 'French'], ['es', 'Spanish'], ['ru', 'Russian'], ['ar', 'Arabic'], ['zh', 'Chinese']] as const) {
      await page.getByLabel(`Preferred label in ${name}`).fill(LABELS[lang]);
    }
    await page.getByLabel('Alternative labels in English (one per line)').fill(ACRONYM);
    // Keyboard: type the broader concept's identifier and press Enter.
    const broader = page.getByLabel('Add to “Broader concepts” (identifier or label)');
    await broader.fill('theme:processes');
    await broader.press('Enter');
    await page.locator('.concept-picker', { hasText: 'Broader concepts' }).locator('.chip', { hasText: 'theme:processes' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. The taxonomy shows the change now; documents are being tagged again.').waitFor();

    // Live progress: the job reaches `done` without a reload.
    await page.locator('.retag-job[data-stage="done"]', { hasText: LABELS.en }).first().waitFor({ timeout: 90_000 });
    await page.getByLabel('Search by label or identifier').fill(SLUG);
    await page.locator('.concept-list', { hasText: LABELS.en }).waitFor();
    expect(await page.locator('.concept-list b, .retag-list b').count()).toBe(0);
    await page.screenshot({ path: join(artifactsDir, 'taxonomy-editor-en-1280.png'), fullPage: true });
    expect(await runAxe(page)).toEqual([]);

    expect(await conceptsOf(documentId)).toContain(ID);
    const taxonomy = (await (await fetch(`${baseUrl}/api/taxonomy?scheme=topic`)).json()) as { concepts: { id: string; prefLabel: Record<string, string> }[] };
    expect(taxonomy.concepts.find((c) => c.id === ID)?.prefLabel).toEqual(LABELS);
    const turtle = await (await fetch(`${baseUrl}/api/taxonomy/skos?format=ttl`)).text();
    expect(turtle).toContain(`"${ACRONYM}"@en`);
    expect(turtle).toContain(`"${LABELS.zh}"@zh`);
    const jsonLd = await (await fetch(`${baseUrl}/api/taxonomy/skos?format=jsonld`)).text();
    expect(jsonLd).toContain(LABELS.ar);

    // The concept's form, reloaded from the API, shows what was saved.
    await page.reload();
    await waitForSettled(page);
    await page.getByLabel('Search by label or identifier').fill(SLUG);
    await page.getByRole('button', { name: new RegExp(SLUG) }).click();
    await expect.poll(() => page.getByLabel('Preferred label in Russian').inputValue()).toBe(LABELS.ru);

    // Deprecated in favour of another topic: the id keeps resolving and names its replacement; the retag drops the tag.
    await page.getByLabel('Replacement concept (identifier or label)').fill('topic:chlor-alkali');
    await page.getByRole('button', { name: 'Deprecate' }).click();
    await page.getByText('Deprecated. Documents are being tagged again.').waitFor();
    await expect.poll(() => page.locator('.retag-job[data-stage="done"]', { hasText: LABELS.en }).count(), { timeout: 90_000 }).toBe(2);
    await page.getByText('This concept is deprecated; it is replaced by').waitFor();
    const deprecated = (await (await fetch(`${baseUrl}/api/taxonomy/concepts/${ID}`)).json()) as { deprecated?: boolean; replacedBy?: string };
    expect(deprecated).toMatchObject({ deprecated: true, replacedBy: 'topic:chlor-alkali' });
    expect(await conceptsOf(documentId)).not.toContain(ID);
    expect(await runAxe(page)).toEqual([]);
    await context.close();

    for (const [lang, width] of [['ar', 1280], ['en', 360]] as const) {
      const other = await signedIn(email, lang, width);
      await other.page.goto(`${baseUrl}/workspace/taxonomy`);
      await waitForSettled(other.page);
      await other.page.locator('.concept-list button').first().click();
      await other.page.locator('.concept-form input').first().waitFor();
      await other.page.screenshot({ path: join(artifactsDir, `taxonomy-editor-${lang}-${width}.png`), fullPage: true });
      expect(await runAxe(other.page)).toEqual([]);
      if (width === 360) expect(await other.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await other.context.close();
    }
  }, 300_000);
});
