import { auditLog, flags, posts, users, type Db, type FlagStatus } from '@mep/db';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AuditLogPage, FlagDto, FlagStatus as FlagStatusDto } from '../contracts';
import type { AppContext } from '../context';
import { ConflictError, NotFoundError } from '../errors';
import { authorize, canFlagPost, canModerate, type Viewer } from '../policies';
import { presentPublicUser } from '../presenters/users';
import { audit } from './forums';
import { getVisibleThread, presentPosts, setPostStatus } from './threads';
import { nowIso } from './store';

// contracts.ts spells the flag statuses out (it may not import @mep/db): this stops compiling if the two lists part.
const flagStatusesAgree: [FlagStatus, FlagStatusDto] extends [FlagStatusDto, FlagStatus] ? true : never = true;
void flagStatusesAgree;

/** Flags a post for the moderators; one open flag per reporter and post. */
export async function flagPost(db: Db, viewer: Viewer, postId: number, reason: string): Promise<{ id: number }> {
  const post = await db.select().from(posts).where(eq(posts.id, postId)).get();
  if (!post) throw new NotFoundError('The post');
  await getVisibleThread(db, viewer, post.threadId);
  authorize(canFlagPost(viewer, post), viewer);
  const reporterId = viewer.userId;
  const open = await db.select({ id: flags.id }).from(flags).where(and(eq(flags.postId, postId), eq(flags.reporterId, reporterId), eq(flags.status, 'open'))).get();
  if (open) throw new ConflictError('already_flagged', 'You have already flagged this post; a moderator will look at it.');
  return db.insert(flags).values({ postId, reporterId, reason: reason.trim(), createdAt: nowIso() }).returning({ id: flags.id }).get();
}

/** The moderator queue: flags by status, oldest first so nothing waits forever. */
export async function listFlags(db: Db, viewer: Viewer, status: FlagStatus): Promise<FlagDto[]> {
  authorize(canModerate(viewer), viewer);
  const rows = await db.select({ flag: flags, reporter: users }).from(flags).leftJoin(users, eq(users.id, flags.reporterId)).where(eq(flags.status, status)).orderBy(status === 'open' ? flags.id : desc(flags.id)).limit(200).all();
  const postIds = [...new Set(rows.map((r) => r.flag.postId))];
  const postRows = postIds.length ? (await db.select().from(posts).where(inArray(posts.id, postIds)).all()) : [];
  const presented = new Map((await presentPosts(db, viewer, postRows)).map((p) => [p.id, p]));
  return rows.map(({ flag, reporter }) => ({
    id: flag.id,
    postId: flag.postId,
    reason: flag.reason,
    status: flag.status,
    reporter: reporter ? presentPublicUser(reporter) : null,
    createdAt: flag.createdAt,
    resolvedAt: flag.resolvedAt,
    post: presented.get(flag.postId) ?? null,
  }));
}

/**
 * Closes a flag: `hide` hides the post and resolves every open flag on it; `dismiss` only closes this
 * one. Either way the decision goes to the audit log.
 */
export async function resolveFlag(ctx: Pick<AppContext, 'db' | 'events'>, viewer: Viewer, flagId: number, action: 'hide' | 'dismiss'): Promise<void> {
  const { db } = ctx;
  authorize(canModerate(viewer), viewer);
  const flag = await db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw new NotFoundError('The flag');
  if (action === 'hide') await setPostStatus(ctx, viewer, flag.postId, 'hidden', flag.reason);
  await db.transaction(async (tx) => {
    const status: FlagStatus = action === 'hide' ? 'resolved' : 'dismissed';
    const where = action === 'hide' ? and(eq(flags.postId, flag.postId), eq(flags.status, 'open')) : eq(flags.id, flagId);
    await tx.update(flags).set({ status, resolvedBy: viewer.userId, resolvedAt: nowIso() }).where(where).run();
    await audit(tx, viewer, `flag.${status}`, 'flag', flagId, { postId: flag.postId });
  });
}

/** The audit log, newest first, paged by id. */
export async function listAuditLog(db: Db, viewer: Viewer, options: { before?: number; limit: number }): Promise<AuditLogPage> {
  authorize(canModerate(viewer), viewer);
  const rows = await db
    .select({ entry: auditLog, actor: users })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(options.before ? lt(auditLog.id, options.before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit)
    .all();
  const total = (await db.select({ n: sql<number>`count(*)` }).from(auditLog).get())?.n ?? 0;
  return {
    total,
    entries: rows.map(({ entry, actor }) => ({ ...entry, actor: actor ? presentPublicUser(actor) : null })),
  };
}
