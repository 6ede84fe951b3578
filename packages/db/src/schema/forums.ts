import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { FollowTarget, NotificationKind, UserRole } from '@mep/vocabulary';

/** Roles of signed-in users (@mep/vocabulary's USER_ROLES); anonymous readers have no row at all. */
export type { UserRole } from '@mep/vocabulary';

/**
 * An account. Deleting an account keeps the row (so threads keep their shape) but wipes every
 * personal field and sets `deletedAt`; posts then show as written by "deleted user".
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Lower-cased; null once the account is deleted. */
    email: text('email').unique(),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    role: text('role').$type<UserRole>().notNull().default('member'),
    /** `party:<ISO3>` for focal points. */
    party: text('party'),
    locale: text('locale'),
    digestEnabled: integer('digest_enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: text('created_at').notNull(),
    deletedAt: text('deleted_at'),
    /** When the owner proved they read `email` (a link sent to it); null until then: no posting. */
    emailVerifiedAt: text('email_verified_at'),
  },
);

export type AccountTokenPurpose = 'password_reset' | 'email_verification' | 'email_change';

/**
 * Single-use links sent by e-mail (password reset, address verification, address change). Only the
 * SHA-256 of the random token is stored; `email` is the address the link was sent to (for a change,
 * the new address). A token is spent by setting `usedAt`; issuing a new one removes the unspent ones.
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId, t.purpose)],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type ForumVisibility = 'public' | 'private';

/** A forum: one per thematic area, plus any the secretariat adds (e.g. a private working group). */
export const forums = sqliteTable('forums', {
  id: text('id').primaryKey(),
  /** `theme:<slug>` for the thematic forums. */
  conceptId: text('concept_id').unique(),
  /** Title per language (ar, en, es, fr, ru, zh); `en` always present. */
  title: text('title', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  description: text('description', { mode: 'json' }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
  visibility: text('visibility').$type<ForumVisibility>().notNull().default('public'),
  position: integer('position').notNull().default(0),
  createdAt: text('created_at').notNull(),
});

/** Members of a private forum (public forums need no membership). */
export const forumMembers = sqliteTable(
  'forum_members',
  {
    forumId: text('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.forumId, t.userId] }), index('forum_members_user_idx').on(t.userId)],
);

export const threads = sqliteTable(
  'threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    forumId: text('forum_id')
      .notNull()
      .references(() => forums.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    concepts: text('concepts', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    /** Number of visible posts, kept up to date so forum and thread lists need no aggregate query. */
    postCount: integer('post_count').notNull().default(0),
    lastPostAt: text('last_post_at').notNull(),
    createdAt: text('created_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('threads_forum_idx').on(t.forumId, t.pinned, t.lastPostAt)],
);

export type PostStatus = 'visible' | 'hidden' | 'deleted';

/**
 * A post. `id` is an ever-increasing integer, which clients use both to order posts and to
 * de-duplicate those that reach them twice (live event and re-fetch).
 */
export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** Sanitized HTML rendered from `body` at write time. */
    html: text('html').notNull(),
    status: text('status').$type<PostStatus>().notNull().default('visible'),
    createdAt: text('created_at').notNull(),
    editedAt: text('edited_at'),
    /**
     * The client's `Idempotency-Key` for the request that created the post (null without one): a retry
     * with the same key, after a lost answer or a node that died mid-request, gets this post back
     * instead of creating a second one. Unique per author (NULLs never collide).
     */
    idempotencyKey: text('idempotency_key'),
  },
  (t) => [
    index('posts_thread_idx').on(t.threadId, t.id),
    index('posts_author_idx').on(t.authorId, t.createdAt),
    uniqueIndex('posts_author_idempotency_key_idx').on(t.authorId, t.idempotencyKey),
  ],
);

/** Earlier versions of a post, one row per edit (the text before the edit). */
export const postRevisions = sqliteTable(
  'post_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    editorId: text('editor_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('post_revisions_post_idx').on(t.postId)],
);

/** Repository documents a thread discusses (linked explicitly or through `/documents/<id>` links). */
export const threadDocuments = sqliteTable(
  'thread_documents',
  {
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    documentId: text('document_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.documentId] }), index('thread_documents_document_idx').on(t.documentId)],
);

/** Forums, threads and concepts (@mep/vocabulary's FOLLOW_TARGETS); a concept's id is `scheme:value`. */
export type { FollowTarget } from '@mep/vocabulary';

export const follows = sqliteTable(
  'follows',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetType: text('target_type').$type<FollowTarget>().notNull(),
    targetId: text('target_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index('follows_target_idx').on(t.targetType, t.targetId)],
);

/**
 * `document.reviewed`: a curator published, rejected or withdrew a document the user submitted.
 * `feedback.answered`: a curator answered the reader's feedback (`postId` holds the feedback id).
 * `concept.document` / `concept.thread`: a newly published document (`documentId`) or a new thread
 * (`threadId`) is tagged with the followed concept `conceptId`. Kinds: @mep/vocabulary's NOTIFICATION_KINDS.
 */
export type { NotificationKind } from '@mep/vocabulary';

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<NotificationKind>().notNull(),
    forumId: text('forum_id'),
    threadId: integer('thread_id'),
    postId: integer('post_id'),
    actorId: text('actor_id'),
    /** For `document.reviewed`: the document and the decision (`published`, `rejected`, `withdrawn`). */
    documentId: text('document_id'),
    decision: text('decision'),
    /** The curator's reason, shown to the submitter. */
    reason: text('reason'),
    /** For `concept.*`: the followed concept the document or thread is tagged with. */
    conceptId: text('concept_id'),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
    /** Set once the notification went out in a daily digest. */
    digestedAt: text('digested_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt), index('notifications_digest_idx').on(t.digestedAt)],
);

export type FlagStatus = 'open' | 'resolved' | 'dismissed';

export const flags = sqliteTable(
  'flags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    status: text('status').$type<FlagStatus>().notNull().default('open'),
    createdAt: text('created_at').notNull(),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('flags_status_idx').on(t.status, t.createdAt)],
);

/** Every moderator and administrator action, append-only. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt)],
);

/** E-mails waiting to be sent (and those sent, for a while); a sender drains it when SMTP is configured. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Makes queuing idempotent, e.g. `digest:<userId>:<yyyy-mm-dd>`. */
    dedupeKey: text('dedupe_key').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The claim token of the process sending the e-mail, while its lease runs (several nodes may flush). */
    claimedBy: text('claimed_by'),
    claimedUntil: text('claimed_until'),
  },
  (t) => [uniqueIndex('outbox_dedupe_idx').on(t.dedupeKey), index('outbox_pending_idx').on(t.sentAt)],
);
