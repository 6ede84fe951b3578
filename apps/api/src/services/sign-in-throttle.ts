import { RateLimitedError } from '../errors';

/** Failed sign-ins allowed per e-mail (and per client address) in the window before 429. */
export const SIGN_IN_LIMIT = { failures: 10, windowMs: 15 * 60_000 };

/**
 * In-memory guard against password guessing. Per process: with several API nodes an attacker gets
 * the allowance once per node, which is still far too few to guess a 10-character password.
 */
export function createSignInThrottle(limit = SIGN_IN_LIMIT) {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < limit.windowMs);
  return {
    /** Throws 429 when either key has too many recent failures. */
    check(keys: string[], now = Date.now()): void {
      for (const key of keys) {
        const times = recent(key, now);
        if (times.length >= limit.failures) {
          throw new RateLimitedError('Too many failed sign-ins; wait a few minutes.', Math.ceil((times[0]! + limit.windowMs - now) / 1000));
        }
      }
    },
    fail(keys: string[], now = Date.now()): void {
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
      if (failures.size > 10_000) failures.clear();
    },
    succeed(keys: string[]): void {
      for (const key of keys) failures.delete(key);
    },
  };
}
