import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitForSettled } from './browser';
import { linkFromMail } from './mail';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/**
 * Creates an account with `mep user create` in the platform's data directory (a moderator, say:
 * the web cannot make one). Returns the CLI's exit status and stderr for the test's message.
 */
export function createUserWithCli(dataDir: string, user: { email: string; role: string; name: string; password: string }): { status: number | null; stderr: string } {
  const created = spawnSync('pnpm', ['--silent', 'mep', 'user', 'create', '--email', user.email, '--role', user.role, '--name', user.name, '--password-stdin'], {
    cwd: repoRoot,
    env: { ...process.env, MEP_DATA_DIR: dataDir },
    input: user.password,
    encoding: 'utf8',
  });
  return { status: created.status, stderr: created.stderr };
}

/**
 * Confirms a newly registered address the way its owner would: opens the link from the welcome e-mail
 * (read from the test SMTP server's files) and presses "Confirm my address". The page is left there.
 */
export async function confirmEmail(page: Page, baseUrl: string, mailDir: string, address: string): Promise<void> {
  const link = await linkFromMail(mailDir, address, '/verify-email');
  await page.goto(`${baseUrl}${link}`);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await page.getByText('Your address is confirmed').waitFor();
}

/**
 * A new browser context signed in as `email` in the interface language `lang` at `width` px, on the workspace
 * (where sign-in sends it back to).
 */
export async function signInToWorkspace(browser: Browser, baseUrl: string, user: { email: string; password: string }, lang: 'en' | 'ar' = 'en', width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
  await context.addInitScript((chosen) => localStorage.setItem('mep.lang', chosen), lang);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in?next=%2Fworkspace`);
  await waitForSettled(page);
  await page.locator('input[type=email]').fill(user.email);
  await page.locator('input[type=password]').fill(user.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/workspace$/);
  await waitForSettled(page);
  return { context, page };
}
