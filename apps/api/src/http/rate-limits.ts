/**
 * Request throttling (express-rate-limit, express-slow-down). Every limiter counts a request when it
 * ARRIVES, before any password hash or rendering runs, so concurrent guesses cannot all slip through
 * one check. Counters expire per key (a fixed window per client, never a global reset); IPv6
 * clients are grouped by /56, the block one subscriber usually gets. With REDIS_URL the counters
 * live in Redis and are shared by every API node.
 *
 * Sign-in is limited two ways: per network (a hard 429, which only ever stops the guesser's own
 * network) and per account (a delay that grows with each failure instead of a lockout, so nobody
 * can lock the owner out of their account).
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options, type Store } from 'express-rate-limit';
import { slowDown } from 'express-slow-down';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { createClient } from 'redis';
import type { AppContext } from '../context';
import { RateLimitedError } from '../errors';
import { isModerator } from '../policies';
import { viewerOf } from '../routes/auth/auth.middleware';

/** The throttled actions; a route names its own with `rateLimit`. */
export type RateLimitName = 'signIn' | 'register' | 'passwordChange' | 'passwordReset' | 'posting' | 'preview' | 'upload' | 'search' | 'feedback' | 'searchClick' | 'surveyAnswer' | 'surveyEdit' | 'follow';

/** IPv6 prefix length that counts as one client. */
export const IPV6_SUBNET = 56;

/** Limits per action: `limit` requests per `windowMs` for each `key`. */
export const RATE_LIMITS = {
  /** Failed sign-ins per network (successful ones are not counted). */
  signIn: { limit: 20, windowMs: 15 * 60_000, key: 'network' },
  register: { limit: 10, windowMs: 60 * 60_000, key: 'network' },
  passwordChange: { limit: 10, windowMs: 15 * 60_000, key: 'user' },
  /** Reset requests and link openings per network: each request sends an e-mail. */
  passwordReset: { limit: 10, windowMs: 60 * 60_000, key: 'network' },
  /** New threads, replies and edits (moderators exempt); threads.ts also allows 5 new posts a minute. */
  posting: { limit: 30, windowMs: 60_000, key: 'user' },
  preview: { limit: 60, windowMs: 60_000, key: 'user' },
  upload: { limit: 30, windowMs: 60 * 60_000, key: 'user' },
  search: { limit: 300, windowMs: 60_000, key: 'network' },
  /** Reader feedback and problem reports (anonymous readers too): a flood gets 429 after this. */
  feedback: { limit: 10, windowMs: 10 * 60_000, key: 'user' },
  /** "Opened result n" reports from the search page. */
  searchClick: { limit: 300, windowMs: 60_000, key: 'network' },
  /** Survey answers (each replaces the user's previous ones): a flood gets 429 after this. */
  surveyAnswer: { limit: 20, windowMs: 10 * 60_000, key: 'user' },
  /** Curators' survey definitions and status changes. */
  surveyEdit: { limit: 60, windowMs: 10 * 60_000, key: 'user' },
  /** Following and unfollowing concepts: a person clicks a few; a script flipping them gets 429. */
  follow: { limit: 60, windowMs: 60_000, key: 'user' },
} as const satisfies Record<RateLimitName, { limit: number; windowMs: number; key: 'network' | 'user' }>;

/** Per-account sign-in slow-down: after `freeFailures` failures each attempt waits `stepMs` more, up to `maxDelayMs`. */
export const SIGN_IN_DELAY = { freeFailures: 5, stepMs: 1000, maxDelayMs: 20_000, windowMs: 15 * 60_000 };

export interface RateLimits {
  /** The middlewares of each action, in order. */
  handlers: Record<RateLimitName, RequestHandler[]>;
  close(): Promise<void>;
}

/** The client's network: its address, IPv6 grouped by prefix (req.ip honours MEP_TRUST_PROXY). */
export const networkKey = (req: Request): string => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown', IPV6_SUBNET);

const userKey = (req: Request): string => {
  const userId = viewerOf(req).userId;
  return userId ? `user:${userId}` : `net:${networkKey(req)}`;
};

const emailKey = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? `email:${email.trim().toLowerCase().slice(0, 254)}` : `net:${networkKey(req)}`;
};

/** Answers through the one error middleware, with Retry-After. */
const refuse: Options['handler'] = (req, _res, next) => {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : 60;
  next(new RateLimitedError(`Too many requests; try again in ${seconds} s.`, seconds));
};

/** Builds the limiters of one API process (Redis-backed when REDIS_URL is set). */
export function createRateLimits(context: Pick<AppContext, 'config' | 'log'>): RateLimits {
  let redis: ReturnType<typeof createClient> | undefined;
  if (context.config.redisUrl) {
    redis = createClient({ url: context.config.redisUrl });
    redis.on('error', (error) => context.log.error('Redis (rate limits) error', error));
    // Commands wait in the client's queue until the connection is up.
    redis.connect().catch((error) => context.log.error('Redis (rate limits) did not connect', error));
  }
  const store = (name: string): Store | undefined =>
    redis ? new RedisStore({ prefix: `mep:rl:${name}:`, sendCommand: (...args: string[]) => redis!.sendCommand(args) as Promise<RedisReply> }) : undefined;

  const limiter = (name: RateLimitName) => {
    const spec = RATE_LIMITS[name];
    return rateLimit({
      windowMs: spec.windowMs,
      limit: spec.limit * context.config.rateLimitScale,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: spec.key === 'user' ? userKey : networkKey,
      skipSuccessfulRequests: name === 'signIn',
      // Moderators clean up in bursts (as with the per-user posting limit of threads.ts).
      skip: name === 'posting' ? (req) => isModerator(viewerOf(req)) : undefined,
      handler: refuse,
      store: store(name),
      // Keys are built with ipKeyGenerator above; the library's own checks would only warn.
      validate: { keyGeneratorIpFallback: false },
    });
  };
  const signInDelay = slowDown({
    windowMs: SIGN_IN_DELAY.windowMs,
    delayAfter: SIGN_IN_DELAY.freeFailures,
    delayMs: (used) => (used - SIGN_IN_DELAY.freeFailures) * SIGN_IN_DELAY.stepMs,
    maxDelayMs: SIGN_IN_DELAY.maxDelayMs,
    keyGenerator: emailKey,
    skipSuccessfulRequests: true,
    store: store('signInDelay'),
    validate: { keyGeneratorIpFallback: false },
  });

  const handlers = {} as Record<RateLimitName, RequestHandler[]>;
  for (const name of Object.keys(RATE_LIMITS) as RateLimitName[]) handlers[name] = [limiter(name)];
  handlers.signIn.push(signInDelay);
  return {
    handlers,
    async close() {
      if (redis?.isOpen) await redis.quit().catch(() => undefined);
    },
  };
}
