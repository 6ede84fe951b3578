/**
 * Findings 3 and 9: throttles count a request before the password hash runs, expire per key, group
 * IPv6 networks, slow an account down instead of locking it, are shared through Redis, and trust
 * X-Forwarded-For only from configured proxies.
 */
import { createUser } from '../../src/services/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS, SIGN_IN_DELAY } from '../../src/http/rate-limits';
import { readConfig } from '../../src/config';
import { SessionClient, signedInClient } from '../../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from '../platform';
import { redisBinary, startRedis, type RedisServer } from '../redis-server';

const PASSWORD = 'Minamata convention 2013!';

/** A browser behind the (trusted) proxy, seen as coming from `ip`. */
class ForwardedClient extends SessionClient {
  constructor(baseUrl: string, ip: string) {
    super(baseUrl);
    this.headers['x-forwarded-for'] = ip;
  }
}

let proxied: TestPlatform;
let direct: TestPlatform;

beforeAll(async () => {
  proxied = await startTestPlatform({ env: { MEP_TRUST_PROXY: 'loopback' } });
  direct = await startTestPlatform();
}, 180_000);
afterAll(async () => {
  await proxied?.close();
  await direct?.close();
});

describe('sign-in', () => {
  it('25 concurrent guesses from one network: the surplus gets 429 before any hash; the owner still signs in from elsewhere', async () => {
    await createUser(proxied.context.db, { email: 'victim@mep.test', password: PASSWORD, displayName: 'Victim' });
    const attacker = new ForwardedClient(proxied.url, '203.0.113.7');
    await attacker.csrfToken();
    const statuses = await Promise.all(Array.from({ length: 25 }, (_, i) => attacker.post('/api/auth/sign-in', { email: 'victim@mep.test', password: `guess number ${i}` }).then((r) => r.status)));
    const count = (status: number) => statuses.filter((s) => s === status).length;
    expect(count(429)).toBe(25 - RATE_LIMITS.signIn.limit);
    expect(count(401)).toBe(RATE_LIMITS.signIn.limit);

    // No lockout: the owner, elsewhere, gets in — after a delay that grew with the failures.
    const owner = new ForwardedClient(proxied.url, '198.51.100.20');
    await owner.csrfToken();
    const started = Date.now();
    const signedIn = await owner.post('/api/auth/sign-in', { email: 'victim@mep.test', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SIGN_IN_DELAY.stepMs);
  }, 120_000);

  it('groups IPv6 clients by /56 and keeps counting per network, whatever other networks do', async () => {
    const ask = (ip: string) => new ForwardedClient(proxied.url, ip).post('/api/auth/register', {});
    // The register allowance of one /56, spent from addresses all over it.
    for (let i = 0; i < RATE_LIMITS.register.limit; i++) expect((await ask(`2001:db8:aa:${(0x100 + i * 17).toString(16)}::${i + 1}`)).status).toBe(400);
    expect((await ask('2001:db8:aa:1ff:ffff::1')).status).toBe(429);
    // Another /56 is not affected.
    expect((await ask('2001:db8:bb::1')).status).toBe(400);
    // A spray of 10,001 other networks (the old in-memory map was wiped at 10,000 keys) frees nothing.
    const csrf = new ForwardedClient(proxied.url, '192.0.2.1');
    const token = await csrf.csrfToken();
    const cookie = `mep_csrf=${token}`;
    let next = 0;
    const worker = async () => {
      while (next < 10_001) {
        const n = next++;
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        const response = await fetch(`${proxied.url}/api/search?page=0`, { headers: { cookie, 'x-csrf-token': token, 'x-forwarded-for': ip } });
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    expect((await ask('2001:db8:aa:100::99')).status).toBe(429);
  }, 240_000);
});

describe('trust proxy (finding 9)', () => {
  it('comes from MEP_TRUST_PROXY; by default X-Forwarded-For is ignored, so it cannot dodge a limit', async () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ MEP_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    expect(readConfig({ MEP_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => readConfig({ MEP_TRUST_PROXY: 'x y; z' })).toThrow(/MEP_TRUST_PROXY/);
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS.register.limit; i++) statuses.push((await new ForwardedClient(direct.url, `203.0.113.${i + 1}`).post('/api/auth/register', {})).status);
    expect(statuses.at(-1)).toBe(429);
  }, 60_000);
});

describe('posting, preview and search', () => {
  it('each answers 429 rate_limited with Retry-After beyond its allowance', async () => {
    const { client } = await signedInClient(direct.context.db, direct.url, 'member');
    const thread = await client.post('/api/forums/asgm/threads', { title: 'Throttled', body: 'first', concepts: [], documentIds: [] });
    expect(thread.status).toBe(200);
    let last = thread;
    // Edits count as posting too (new posts are also held to 5 a minute by threads.ts).
    for (let i = 1; i <= RATE_LIMITS.posting.limit; i++) last = await client.patch(`/api/posts/${thread.body.post.id}`, { body: `edit ${i}` });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('rate_limited');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);

    for (let i = 0; i < RATE_LIMITS.preview.limit; i++) last = await client.post('/api/markdown/preview', { body: '' });
    expect(last.status).toBe(200);
    expect((await client.post('/api/markdown/preview', { body: 'x' })).status).toBe(429);

    const search = new SessionClient(direct.url);
    const statuses = await Promise.all(Array.from({ length: RATE_LIMITS.search.limit + 1 }, () => search.get('/api/search?page=0').then((r) => r.status)));
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  }, 120_000);
});

describe.skipIf(!redisBinary)('several API nodes', () => {
  let redis: RedisServer;
  let nodeA: TestPlatform;
  let nodeB: TestPlatform;
  beforeAll(async () => {
    redis = await startRedis();
    nodeA = await startTestPlatform({ env: { REDIS_URL: redis.url } });
    nodeB = await startTestPlatform({ env: { REDIS_URL: redis.url } });
  }, 180_000);
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await redis?.stop();
  });

  it('share their counters through Redis', async () => {
    for (let i = 0; i < RATE_LIMITS.register.limit; i++) expect((await new SessionClient(i % 2 ? nodeA.url : nodeB.url).post('/api/auth/register', {})).status).toBe(400);
    expect((await new SessionClient(nodeA.url).post('/api/auth/register', {})).status).toBe(429);
    expect((await new SessionClient(nodeB.url).post('/api/auth/register', {})).status).toBe(429);
  }, 60_000);
});
