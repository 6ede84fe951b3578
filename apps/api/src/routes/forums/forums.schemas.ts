import { z } from 'zod';
import { publicUserSchema } from '../auth/auth.schemas';
import { languageSchema } from '../vocabulary.schemas';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const labels = z.partialRecord(languageSchema, z.string().trim().min(1).max(200));

export const forumIdParams = z.object({ forumId: z.string().min(1).max(64) });
export const forumMemberParams = forumIdParams.extend({ userId: z.string().min(1).max(64) });
export const threadIdParams = z.object({ threadId: id });
export const postIdParams = z.object({ postId: id });
export const documentIdParams = z.object({ id: z.string().min(1).max(128) });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const listPostsQuery = z.object({
  /** Only posts with a larger id: the re-fetch after a reconnect. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const createForumBody = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
  title: labels.refine((t) => Boolean(t.en), 'an English title is required'),
  description: labels.optional(),
  visibility: z.enum(['public', 'private']).default('public'),
});

const markdown = z.string().trim().min(1).max(20_000);

/** Header that makes a posting request safe to retry (the IETF Idempotency-Key draft): same key, same post. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The key's value: 1–200 visible ASCII characters (a UUID is typical), optionally in the draft's
 * structured-field quotes, which are removed.
 */
export const idempotencyKeySchema = z
  .string()
  .transform((value) => value.trim().replace(/^"(.*)"$/, '$1'))
  .pipe(z.string().regex(/^[\x21-\x7e]{1,200}$/, '1–200 visible ASCII characters, e.g. a UUID'))
  .optional();


export const createThreadBody = z.object({
  title: z.string().trim().min(3).max(200),
  body: markdown,
  concepts: z.array(z.string().regex(/^[a-z]+:[A-Za-z0-9._-]+$/)).max(20).default([]),
  documentIds: z.array(z.string().min(1).max(128)).max(20).default([]),
});

export const replyBody = z.object({ body: markdown });
export const previewBody = z.object({ body: z.string().max(20_000) });

export const discussionsQuery = z.object({
  q: z.string().max(500).default(''),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
  forumId: z.string().max(64).optional(),
  concept: z.union([z.string().max(100), z.array(z.string().max(100)).max(20)]).optional(),
});

const localized = z.record(z.string(), z.string());

export const forumSchema = z.object({
  id: z.string(),
  conceptId: z.string().nullable(),
  title: localized,
  description: localized,
  visibility: z.enum(['public', 'private']),
  threadCount: z.number(),
  postCount: z.number(),
  lastPostAt: z.string().nullable(),
  following: z.boolean(),
});

export const threadSchema = z.object({
  id: z.number(),
  forumId: z.string(),
  title: z.string(),
  author: publicUserSchema,
  concepts: z.array(z.string()),
  documentIds: z.array(z.string()),
  locked: z.boolean(),
  pinned: z.boolean(),
  postCount: z.number(),
  lastPostAt: z.string(),
  createdAt: z.string(),
  following: z.boolean(),
});

export const documentCardSchema = z.object({ id: z.string(), title: z.string(), doctype: z.string(), year: z.number().nullable() });

export const postSchema = z.object({
  id: z.number(),
  threadId: z.number(),
  forumId: z.string(),
  author: publicUserSchema,
  html: z.string(),
  body: z.string().optional(),
  status: z.enum(['visible', 'hidden', 'deleted']),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  documents: z.array(documentCardSchema),
});

export const forumListResponse = z.object({ forums: z.array(forumSchema) });
export const forumResponse = z.object({ forum: forumSchema });
export const threadListResponse = z.object({ total: z.number(), page: z.number(), threads: z.array(threadSchema) });
export const threadResponse = z.object({ thread: threadSchema });
export const createThreadResponse = z.object({ thread: threadSchema, post: postSchema });
export const postListResponse = z.object({ posts: z.array(postSchema), lastPostId: z.number(), hasMore: z.boolean() });
export const postResponse = z.object({ post: postSchema });
export const previewResponse = z.object({ html: z.string(), documents: z.array(documentCardSchema) });
export const followResponse = z.object({ following: z.boolean() });
export const okResponse = z.object({ ok: z.literal(true) });
export const historyResponse = z.object({
  current: postSchema,
  revisions: z.array(z.object({ id: z.number(), body: z.string(), editor: publicUserSchema.nullable(), createdAt: z.string() })),
  /** Status changes and moderators' edits from the audit log, newest first (moderators only; empty for the author). */
  events: z.array(z.object({ action: z.string(), actor: publicUserSchema.nullable(), createdAt: z.string(), reason: z.string().nullable() })),
});
export const discussionsResponse = z.object({
  total: z.number(),
  page: z.number(),
  hits: z.array(
    z.object({
      postId: z.number(),
      threadId: z.number(),
      forumId: z.string(),
      threadTitle: z.string(),
      authorName: z.string(),
      concepts: z.array(z.string()),
      createdAt: z.string(),
      snippet: z.string(),
    }),
  ),
});
