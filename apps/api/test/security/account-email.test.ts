/**
 * Issue 12, accounts: password reset by e-mail (single-use, expiring, stored hashed, the same answer
 * whether or not the address exists), address verification before posting, and changing one's
 * address — against a real SMTP server, following the links the e-mails carry.
 */
import { createHash } from 'node:crypto';
import { accountTokens, users } from '@mep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient } from '../../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from '../platform';
import { startSmtpCapture, type SmtpCapture } from '../smtp-capture';

const STRONG = 'Retorts before amalgam, 2031';
let smtp: SmtpCapture;
let platform: TestPlatform;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  platform = await startTestPlatform({ env: { MEP_RATE_LIMIT_SCALE: '10', SMTP_URL: smtp.url } });
}, 180_000);
afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

/** The token of the newest link to `path` e-mailed to `address`. */
async function linkToken(address: string, path: string, count = 1): Promise<string> {
  await smtp.until(() => smtp.to(address).filter((m) => m.raw.includes(path)).length >= count);
  const mails = smtp.to(address).filter((m) => m.raw.includes(path));
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(mails.at(-1)!.raw);
  return match![1]!;
}

async function registerAndSignIn(email: string, name: string): Promise<SessionClient> {
  const client = new SessionClient(platform.url);
  expect((await client.post('/api/auth/register', { email, password: STRONG, displayName: name })).status).toBe(202);
  expect((await client.post('/api/auth/sign-in', { email, password: STRONG })).status).toBe(200);
  return client;
}

const newThread = (title: string) => ({ title, body: 'A first post', concepts: [], documentIds: [] });

describe('e-mail verification before posting', () => {
  it('a new member cannot post until they open the link from the welcome e-mail; a link works once', async () => {
    const dora = await registerAndSignIn('dora@mep.test', 'Dora');
    expect((await dora.get('/api/auth/me')).body.user.emailVerified).toBe(false);
    const refused = await dora.post('/api/forums/asgm/threads', newThread('Before verifying'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('email_unverified');

    // A fresh link replaces the welcome one: only the newest works.
    const welcome = await linkToken('dora@mep.test', '/verify-email');
    expect((await dora.post('/api/auth/verify-email/resend')).status).toBe(202);
    const fresh = await linkToken('dora@mep.test', '/verify-email', 2);
    expect(fresh).not.toBe(welcome);
    const stale = await new SessionClient(platform.url).post('/api/auth/verify-email', { token: welcome });
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('invalid_token');

    const opened = await new SessionClient(platform.url).post('/api/auth/verify-email', { token: fresh });
    expect(opened.body).toEqual({ result: 'verified' });
    expect((await new SessionClient(platform.url).post('/api/auth/verify-email', { token: fresh })).body.error.code).toBe('invalid_token');
    expect((await dora.get('/api/auth/me')).body.user.emailVerified).toBe(true);
    expect((await dora.post('/api/forums/asgm/threads', newThread('After verifying'))).status).toBe(200);
  });
});

describe('password reset by e-mail', () => {
  it('answers the same for a known and an unknown address; only the known one gets a link', async () => {
    await registerAndSignIn('erin@mep.test', 'Erin');
    const known = await new SessionClient(platform.url).post('/api/auth/password-reset', { email: 'ERIN@mep.test' });
    const unknown = await new SessionClient(platform.url).post('/api/auth/password-reset', { email: 'nobody-here@mep.test' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await linkToken('erin@mep.test', '/reset-password');
    expect(smtp.to('nobody-here@mep.test')).toHaveLength(0);
  });

  it('sets a new password once: weak passwords refused without spending the link; every session ends; stored hashed', async () => {
    const fay = await registerAndSignIn('fay@mep.test', 'Fay');
    await new SessionClient(platform.url).post('/api/auth/password-reset', { email: 'fay@mep.test' });
    const token = await linkToken('fay@mep.test', '/reset-password');
    // Only the hash is stored.
    const stored = await platform.context.db.select().from(accountTokens).where(eq(accountTokens.tokenHash, createHash('sha256').update(token).digest('hex')));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);

    const weak = await new SessionClient(platform.url).post('/api/auth/password-reset/confirm', { token, newPassword: 'password12' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    const done = await new SessionClient(platform.url).post('/api/auth/password-reset/confirm', { token, newPassword: 'A new passphrase for Fay, 2032' });
    expect(done.status).toBe(200);
    expect(done.body.sessionsEnded).toBe(1);
    expect((await fay.get('/api/auth/me')).body.user).toBeNull();
    const again = await new SessionClient(platform.url).post('/api/auth/password-reset/confirm', { token, newPassword: 'Yet another passphrase, 2033' });
    expect(again.body.error.code).toBe('invalid_token');
    expect((await new SessionClient(platform.url).post('/api/auth/sign-in', { email: 'fay@mep.test', password: STRONG })).status).toBe(401);
    expect((await new SessionClient(platform.url).post('/api/auth/sign-in', { email: 'fay@mep.test', password: 'A new passphrase for Fay, 2032' })).status).toBe(200);
  });

  it('refuses an expired link', async () => {
    await registerAndSignIn('gus@mep.test', 'Gus');
    await new SessionClient(platform.url).post('/api/auth/password-reset', { email: 'gus@mep.test' });
    const token = await linkToken('gus@mep.test', '/reset-password');
    const [gus] = await platform.context.db.select().from(users).where(eq(users.email, 'gus@mep.test'));
    await platform.context.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(eq(accountTokens.userId, gus!.id));
    const expired = await new SessionClient(platform.url).post('/api/auth/password-reset/confirm', { token, newPassword: 'A new passphrase for Gus, 2032' });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('invalid_token');
  });

  it.each([
    ['no body', undefined],
    ['a non-address', { email: 'not an address' }],
    ['an array', { email: ['a@mep.test'] }],
    ['a huge address', { email: `${'a'.repeat(300)}@mep.test` }],
  ])('answers 400 to a reset request with %s', async (_label, body) => {
    const response = await new SessionClient(platform.url).post('/api/auth/password-reset', body);
    expect(response.status).toBe(400);
  });

  it.each([
    ['a short token', { token: 'abc', newPassword: STRONG }],
    ['an unknown token', { token: 'x'.repeat(43), newPassword: STRONG }],
    ['no password', { token: 'x'.repeat(43) }],
  ])('answers 400 to a reset with %s', async (_label, body) => {
    expect((await new SessionClient(platform.url).post('/api/auth/password-reset/confirm', body)).status).toBe(400);
  });
});

describe('changing one’s e-mail address', () => {
  it('needs the password; the new address confirms, the old one is told; a taken address changes nothing', async () => {
    const hana = await registerAndSignIn('hana@mep.test', 'Hana');
    await registerAndSignIn('ines@mep.test', 'Ines');
    expect((await hana.post('/api/auth/email', { password: 'wrong password here', newEmail: 'hana.new@mep.test' })).status).toBe(401);
    expect((await new SessionClient(platform.url).post('/api/auth/email', { password: STRONG, newEmail: 'x@mep.test' })).status).toBe(401);

    const taken = await hana.post('/api/auth/email', { password: STRONG, newEmail: 'Ines@mep.test' });
    expect(taken.status).toBe(202);
    await smtp.until(() => smtp.to('ines@mep.test').some((m) => m.raw.includes('already has an account')));

    const asked = await hana.post('/api/auth/email', { password: STRONG, newEmail: 'hana.new@mep.test' });
    expect(asked.body).toEqual(taken.body);
    const token = await linkToken('hana.new@mep.test', '/verify-email');
    await smtp.until(() => smtp.to('hana@mep.test').some((m) => m.raw.includes('is being changed')));
    expect((await hana.get('/api/auth/me')).body.user.email).toBe('hana@mep.test');
    expect((await new SessionClient(platform.url).post('/api/auth/verify-email', { token })).body).toEqual({ result: 'changed' });
    const me = (await hana.get('/api/auth/me')).body.user;
    expect(me).toMatchObject({ email: 'hana.new@mep.test', emailVerified: true });
    expect((await new SessionClient(platform.url).post('/api/auth/sign-in', { email: 'hana.new@mep.test', password: STRONG })).status).toBe(200);
  });
});
