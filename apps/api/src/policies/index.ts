/**
 * Every authorization decision of the forums, accounts and moderation features lives here. Routes and
 * socket handlers call these pure functions; the role-matrix test (policies.test.ts) walks them through
 * every HTTP route and socket event.
 */
import { AuthenticationRequiredError, EmailUnverifiedError, ForbiddenError, NotFoundError } from '../errors';
import type { Role } from '@mep/vocabulary';

/** Who is asking: an anonymous reader or a signed-in user, with their private-forum memberships. */
export interface Viewer {
  userId: string | null;
  role: Role;
  party: string | null;
  displayName: string | null;
  /** Private forums this user belongs to. */
  privateForumIds: ReadonlySet<string>;
  /** Hash of the session token, when signed in (used to sign out this session only). */
  sessionId: string | null;
  /** The account's address is confirmed; only then may it post. Anonymous: false. */
  emailVerified: boolean;
}

/** A viewer known to be signed in: what `authorize` leaves behind. */
export type SignedInViewer = Viewer & { userId: string };

export const ANONYMOUS: Viewer = Object.freeze({
  userId: null,
  role: 'anonymous',
  party: null,
  displayName: null,
  privateForumIds: new Set<string>(),
  sessionId: null,
  emailVerified: false,
});

export interface ForumResource {
  id: string;
  visibility: 'public' | 'private';
}
export interface ThreadResource {
  locked: boolean;
  deletedAt?: string | null;
}
export interface PostResource {
  authorId: string;
  status: 'visible' | 'hidden' | 'deleted';
}

const rank: Record<Role, number> = { anonymous: 0, member: 1, focal_point: 1, moderator: 2, admin: 3 };

export const isSignedIn = (viewer: Viewer): viewer is SignedInViewer => viewer.userId !== null;
export const isModerator = (viewer: Viewer): boolean => rank[viewer.role] >= rank.moderator;
export const isAdmin = (viewer: Viewer): boolean => viewer.role === 'admin';

/** Private forums are visible to their members, moderators and admins only. */
export function canViewForum(viewer: Viewer, forum: ForumResource): boolean {
  return forum.visibility === 'public' || isModerator(viewer) || viewer.privateForumIds.has(forum.id);
}
export const canManageForums = isAdmin;
export const canManageUsers = isAdmin;
export function canCreateThread(viewer: Viewer, forum: ForumResource): boolean {
  return isSignedIn(viewer) && canViewForum(viewer, forum);
}
/** Locked threads take replies from moderators only. */
export function canReply(viewer: Viewer, forum: ForumResource, thread: ThreadResource): boolean {
  return isSignedIn(viewer) && canViewForum(viewer, forum) && !thread.deletedAt && (!thread.locked || isModerator(viewer));
}
export function canEditPost(viewer: Viewer, post: PostResource): boolean {
  return isModerator(viewer) || (viewer.userId === post.authorId && post.status === 'visible');
}
export const canDeletePost = canEditPost;
export function canViewPostSource(viewer: Viewer, post: PostResource): boolean {
  return isModerator(viewer) || viewer.userId === post.authorId;
}
/** Hidden and deleted posts keep their text for moderators (to restore them) and nobody else. */
export function canViewHiddenPost(viewer: Viewer): boolean {
  return isModerator(viewer);
}
export function canFlagPost(viewer: Viewer, post: PostResource): boolean {
  return isSignedIn(viewer) && post.authorId !== viewer.userId;
}
export const canModerate = isModerator;
export const canFollow = isSignedIn;
export const canUseNotifications = isSignedIn;
export const canPreviewMarkdown = isSignedIn;
export const canManageOwnAccount = isSignedIn;

/**
 * Turns a policy decision into the right error: 401 for anonymous readers, 403 for signed-in users.
 * Pass `hide` to answer 404 instead, so that private resources do not reveal that they exist.
 * Every action guarded here needs a signed-in user (anonymous readers only read, which needs no
 * authorize), so on return the viewer is narrowed to a SignedInViewer.
 */
export function authorize(allowed: boolean, viewer: Viewer, hide?: string): asserts viewer is SignedInViewer {
  if (allowed && isSignedIn(viewer)) return;
  if (hide) throw new NotFoundError(hide);
  if (!isSignedIn(viewer)) throw new AuthenticationRequiredError();
  throw new ForbiddenError();
}

/**
 * National-report answers are corrected by curators; until that role exists, by moderators and
 * admins. (Issue 13: the curator role is another helper's.)
 */
export const canCorrectAnswers = isModerator;

/**
 * Posting (new threads and replies) needs a confirmed e-mail address: 403 `email_unverified`
 * otherwise. Accounts made by an administrator start verified; self-registered ones after their link.
 */
export function assertEmailVerified(viewer: SignedInViewer): void {
  if (!viewer.emailVerified) throw new EmailUnverifiedError();
}

/**
 * Curators' pages (issue 14: search analytics, the feedback queue). Issue 11 adds a `curator` role; until it
 * is on main, moderators and admins curate — change this one line then.
 */
export const canCurate = isModerator;
