/**
 * Findings 5 and 8: password strength, password change that ends other sessions, registration that
 * does not tell whether an e-mail is taken (the e-mail sent does), and display names that cannot be
 * invisible, reversed or a staff member's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertStrongPassword } from '../../src/services/password-policy';
import { connected, SessionClient, signedInClient } from '../../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from '../platform';
import { startSmtpCapture, type SmtpCapture } from '../smtp-capture';

const STRONG = 'Retorts before amalgam, 2031';
let smtp: SmtpCapture;
let platform: TestPlatform;
let received: SmtpCapture['received'];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  received = smtp.received;
  // Many registrations from one address in a few seconds: a larger allowance than production.
  platform = await startTestPlatform({ env: { MEP_RATE_LIMIT_SCALE: '10', SMTP_URL: smtp.url } });
}, 180_000);
afterAll(async () => {
  await platform?.close();
  await smtp?.close();
});

const until = (check: () => boolean, timeoutMs?: number) => smtp.until(check, timeoutMs);

describe('password strength', () => {
  const weak = ['          ', '\u00a0'.repeat(10), 'aaaaaaaaaa', '1234567890', 'password12', 'qwertyuiop', '\u200b'.repeat(12)];
  it.each(weak.map((p) => [JSON.stringify(p), p]))('refuses %s at registration with 400 weak_password', async (_label, password) => {
    const response = await new SessionClient(platform.url).post('/api/auth/register', { email: `weak-${Math.random()}@mep.test`, password, displayName: 'Weak' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('weak_password');
  });

  it('is one reusable function (for password reset too) with a stable reason', () => {
    expect(() => assertStrongPassword(STRONG)).not.toThrow();
    expect(() => assertStrongPassword('short')).toThrow(expect.objectContaining({ code: 'weak_password', details: { reason: 'too_short' } }));
    expect(() => assertStrongPassword('\u3000'.repeat(12))).toThrow(expect.objectContaining({ details: { reason: 'blank' } }));
    expect(() => assertStrongPassword('password12')).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason: 'guessable' }) }));
  });
});

describe('registration does not reveal whether an e-mail is taken', () => {
  it('answers the same for a new and a taken address; the e-mail says which', async () => {
    const first = await new SessionClient(platform.url).post('/api/auth/register', { email: 'ana@mep.test', password: STRONG, displayName: 'Ana' });
    const again = await new SessionClient(platform.url).post('/api/auth/register', { email: 'ANA@mep.test', password: 'Another passphrase, entirely', displayName: 'Not Ana' });
    expect(first.status).toBe(202);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    for (const response of [first, again]) expect(response.headers.getSetCookie().join()).not.toContain('mep_session');
    await until(() => received.filter((m) => m.to.includes('ana@mep.test')).length === 2);
    // Two SMTP deliveries: under load the second may arrive first. Quoted-printable soft line breaks undone.
    const raws = received.filter((m) => m.to.includes('ana@mep.test')).map((m) => m.raw.replace(/=\r?\n/g, ''));
    expect(raws.filter((raw) => raw.includes('Your account is ready'))).toHaveLength(1);
    expect(raws.filter((raw) => raw.includes('already has one'))).toHaveLength(1);
    // The first password is still the one that works.
    expect((await new SessionClient(platform.url).post('/api/auth/sign-in', { email: 'ana@mep.test', password: STRONG })).status).toBe(200);
  });
});

describe('password change', () => {
  it('needs the current password, applies the strength policy and ends every other session', async () => {
    await new SessionClient(platform.url).post('/api/auth/register', { email: 'chen@mep.test', password: STRONG, displayName: 'Chen' });
    const laptop = new SessionClient(platform.url);
    const phone = new SessionClient(platform.url);
    for (const device of [laptop, phone]) expect((await device.post('/api/auth/sign-in', { email: 'chen@mep.test', password: STRONG })).status).toBe(200);
    const phoneSocket = phone.socket({ reconnection: false });
    await connected(phoneSocket);
    const dropped = new Promise<string>((resolve) => phoneSocket.once('disconnect', resolve));

    expect((await laptop.post('/api/auth/password', { currentPassword: 'wrong one entirely', newPassword: 'A brand new passphrase 77' })).body.error.code).toBe('invalid_credentials');
    expect((await laptop.post('/api/auth/password', { currentPassword: STRONG, newPassword: 'password12' })).body.error.code).toBe('weak_password');
    const changed = await laptop.post('/api/auth/password', { currentPassword: STRONG, newPassword: 'A brand new passphrase 77' });
    expect(changed.status).toBe(200);
    expect(changed.body.sessionsEnded).toBe(1);
    expect(await dropped).toBe('io server disconnect');
    expect((await phone.get('/api/auth/me')).body.user).toBeNull();
    expect((await laptop.get('/api/auth/me')).body.user.email).toBe('chen@mep.test');
    expect((await new SessionClient(platform.url).post('/api/auth/sign-in', { email: 'chen@mep.test', password: STRONG })).status).toBe(401);
    expect((await new SessionClient(platform.url).post('/api/auth/sign-in', { email: 'chen@mep.test', password: 'A brand new passphrase 77' })).status).toBe(200);
  });
});

describe('display names (finding 8)', () => {
  let member: SessionClient;
  beforeAll(async () => {
    await signedInClient(platform.context.db, platform.url, 'moderator', 'Grace Hopper');
    member = (await signedInClient(platform.context.db, platform.url, 'member', 'Plain Member')).client;
  });
  const rename = (displayName: string) => member.patch('/api/users/me', { displayName });

  it.each([
    ['zero-width spaces only', '\u200b\u200b\u200b'],
    ['a zero-width joiner inside', 'Ad\u200dmin Team'],
    ['a right-to-left override', 'Bob \u202Egnp.exe'],
    ['a bidi isolate', 'Eve \u2066x\u2069'],
    ['a control character', 'Eve\u0007'],
    ['a line separator', 'Eve\u2028Smith'],
  ])('refuses %s with 400 display_name_invalid', async (_label, name) => {
    const response = await rename(name);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('display_name_invalid');
  });

  it.each([
    ['an exact copy of a moderator', 'Grace Hopper'],
    ['a copy in another case and spacing', '  grace   HOPPER '],
    ['a copy with Cyrillic look-alikes', 'Grаce Hоpper'],
    ['a copy with accents and digits', 'Gräce H0pper'],
    ['the platform’s own words', 'Administrator'],
  ])('refuses %s with 400 display_name_reserved', async (_label, name) => {
    const response = await rename(name);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('display_name_reserved');
  });

  it('normalises to NFKC and collapses spaces; registration applies the same rules', async () => {
    const response = await rename('Ｆｕｌｌｗｉｄｔｈ   Ｎａｍｅ');
    expect(response.status).toBe(200);
    expect(response.body.user.displayName).toBe('Fullwidth Name');
    const copy = await new SessionClient(platform.url).post('/api/auth/register', { email: 'fake-grace@mep.test', password: STRONG, displayName: 'Grace Hopper' });
    expect(copy.body.error.code).toBe('display_name_reserved');
  });
});
