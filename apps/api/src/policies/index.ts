/**
 * Every authorization decision of the forums, accounts and moderation features lives here. Routes and
 * socket handlers call these pure functions; the role-matrix test (policies.test.ts) walks them through
 * every HTTP route and socket event.
 */
import { AuthenticationRequiredError, EmailUnverifiedError, ForbiddenError, NotFoundError } from '../errors';
import type { DocumentStatus, Role } from '@mep/vocabulary';

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

/**
 * Rank orders the forum powers only: a curator (secretariat staff curating the repository) has a member's
 * forum rights; repository rights are `isCurator` below, which admins also pass.
 */
const rank: Record<Role, number> = { anonymous: 0, member: 1, focal_point: 1, curator: 1, moderator: 2, admin: 3 };

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

/** Curators and admins (who can do all a curator can) curate the repository. */
export const isCurator = (viewer: Viewer): boolean => viewer.role === 'curator' || viewer.role === 'admin';

/** A document as the repository policies see it. */
export interface DocumentResource {
  status: DocumentStatus;
  submittedBy?: string | null;
}

/**
 * Curating the repository: the review queue, publish / reject / withdraw, metadata and tag corrections, the
 * audit log. Other features (dashboards, analytics) reuse this rule rather than naming roles.
 */
export const canCurate = isCurator;
/** Surveys of parties' needs (issue 14): curators define, open and close them and read the results. */
export const canDefineSurveys = isCurator;
/** Any signed-in user may answer an open survey (focal points' answers carry their party). */
export const canAnswerSurveys = isSignedIn;
/** National-report answers are corrected by curators (and admins). */
export const canCorrectAnswers = isCurator;
/** Curators upload for anyone; a focal point submits documents for their own party (they become drafts). */
export function canSubmitDocuments(viewer: Viewer): boolean {
  return isCurator(viewer) || (viewer.role === 'focal_point' && viewer.party !== null);
}
/** Published documents are public; drafts and withdrawn ones are seen by curators and by their submitter. */
export function canViewDocument(viewer: Viewer, document: DocumentResource): boolean {
  if (document.status === 'published') return true;
  return isCurator(viewer) || (viewer.userId !== null && document.submittedBy === viewer.userId);
}
/** Whether a viewer sees unpublished documents in lists (search, related, exports): curators only. */
export const canSeeUnpublished = isCurator;

/**
 * Posting (new threads and replies) needs a confirmed e-mail address: 403 `email_unverified`
 * otherwise. Accounts made by an administrator start verified; self-registered ones after their link.
 */
export function assertEmailVerified(viewer: SignedInViewer): void {
  if (!viewer.emailVerified) throw new EmailUnverifiedError();
}
