/**
 * Single-use links sent by e-mail: password reset, address verification, address change. The link
 * carries 32 random bytes; only their SHA-256 is stored (a database leak yields no usable link). A
 * token is spent once (a conditional update: two clicks racing cannot both pass), expires, and
 * issuing a new one for the same purpose removes the older unspent ones.
 */
import { createHash, randomBytes } from 'node:crypto';
import { accountTokens, runInTransaction, type AccountTokenPurpose, type Db } from '@mep/db';
import { and, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../errors';

/** How long each kind of link works. */
export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  password_reset: 60 * 60_000,
  email_verification: 7 * 24 * 60 * 60_000,
  email_change: 24 * 60 * 60_000,
};

export type AccountTokenRow = typeof accountTokens.$inferSelect;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The 400 of a link that is unknown, spent or expired: one answer for all three. */
export class InvalidTokenError extends ApiError {
  constructor() {
    super('invalid_token', 'This link is not valid any more (used, expired or replaced by a newer one); ask for a new one.', 400);
  }
}

/** Creates a token for `userId` (removing their unspent ones of the same purpose); returns the secret for the link. */
export async function issueAccountToken(db: Db, userId: string, purpose: AccountTokenPurpose, email: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await runInTransaction(db, async (tx) => {
    await tx.delete(accountTokens).where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt))).run();
    await tx
      .insert(accountTokens)
      .values({ userId, purpose, tokenHash: hashToken(token), email, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]).toISOString() })
      .run();
  });
  return token;
}

/** The live (unspent, unexpired) token of one of `purposes`, without spending it. */
export async function findAccountToken(db: Db, token: string, purposes: readonly AccountTokenPurpose[], now = new Date()): Promise<AccountTokenRow> {
  const row = await db.select().from(accountTokens).where(eq(accountTokens.tokenHash, hashToken(token))).get();
  if (!row || !purposes.includes(row.purpose) || row.usedAt || row.expiresAt <= now.toISOString()) throw new InvalidTokenError();
  return row;
}

/**
 * Spends a token found by findAccountToken (pass the transaction that applies what it allows);
 * throws InvalidTokenError when someone spent it first.
 */
export async function spendAccountToken(db: Db, row: AccountTokenRow, now = new Date()): Promise<void> {
  const spent = await db
    .update(accountTokens)
    .set({ usedAt: now.toISOString() })
    .where(and(eq(accountTokens.id, row.id), isNull(accountTokens.usedAt)))
    .run();
  if (spent.changes !== 1) throw new InvalidTokenError();
}
