/**
 * The role matrix: every HTTP route and every socket event, for every role, against the expected
 * allow / deny. Adding a route or an event without a row here fails the test.
 */
import { randomBytes } from 'node:crypto';
import { documents, surveys, users, type UserRole } from '@mep/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/platform';
import { listRoutes } from '../app';
import { CLIENT_EVENT_NAMES, type Role } from '../realtime/events';
import { createUser } from '../services/accounts';
import { hashPassword } from '../services/passwords';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../services/sessions';
import { connected, emitWithAck, SessionClient, type ClientSocket } from '../services/testing/forum-harness';

const ROLES: readonly Role[] = ['anonymous', 'member', 'focal_point', 'curator', 'moderator', 'admin'];

/** `ok`: a 2xx answer. `pass`: anything but 401/403 (routes whose answer depends on data). Numbers: that exact status. */
type Outcome = 'ok' | 'pass' | 401 | 403 | 404;
type Expectation = Record<Role, Outcome>;

const all = (outcome: Outcome): Expectation => ({ anonymous: outcome, member: outcome, focal_point: outcome, curator: outcome, moderator: outcome, admin: outcome });
const signedIn: Expectation = { anonymous: 401, member: 'ok', focal_point: 'ok', curator: 'ok', moderator: 'ok', admin: 'ok' };
const moderators: Expectation = { anonymous: 401, member: 403, focal_point: 403, curator: 403, moderator: 'ok', admin: 'ok' };
const admins: Expectation = { anonymous: 401, member: 403, focal_point: 403, curator: 403, moderator: 403, admin: 'ok' };
/** Curators and admins (who can do all a curator can). */
const curators: Expectation = { anonymous: 401, member: 403, focal_point: 403, curator: 'ok', moderator: 403, admin: 'ok' };
/** Curators and admins get past the policy (the resource may still be missing: 404). */
const curatorsPass: Expectation = { anonymous: 401, member: 403, focal_point: 403, curator: 'pass', moderator: 403, admin: 'pass' };
/** Uploads: curators, admins, and focal points (for their own party, as drafts). */
const submitters: Expectation = { anonymous: 401, member: 403, focal_point: 'ok', curator: 'ok', moderator: 403, admin: 'ok' };
/** The audit log: curators, moderators and admins. */
const auditors: Expectation = { anonymous: 401, member: 403, focal_point: 403, curator: 'ok', moderator: 'ok', admin: 'ok' };

interface Fixture {
  platform: TestPlatform;
  documentId: string;
  /** A fresh thread in a public forum by another user (the owner), with its first post. */
  thread(): Promise<{ threadId: number; postId: number }>;
  /** A fresh user to act upon. */
  userId(): Promise<string>;
  /** A fresh draft document (version 1). */
  draftId(): Promise<string>;
  /** A fresh survey (one single-choice question q1 with options o1, o2) in this status. */
  surveyId(status: 'draft' | 'open'): Promise<number>;
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

const newThreadBody = () => ({ title: 'Matrix thread', body: 'Body', concepts: [], documentIds: [] });
const surveyBody = () => ({ title: { en: 'Matrix survey' }, questions: [{ id: 'q1', kind: 'single', text: { en: 'Which?' }, options: [{ id: 'o1', text: { en: 'One' } }, { id: 'o2', text: { en: 'Two' } }] }] });

/** A valid concept body: six labels and an acronym. */
const matrixConcept = () => ({ prefLabel: { ar: 'مصفوفة', en: 'Matrix concept', es: 'Concepto matriz', fr: 'Concept matrice', ru: 'Понятие матрицы', zh: '矩阵概念' }, altLabels: { en: ['MXC'] }, broader: ['theme:products'] });
/** A committed topic no earlier call has touched (never `topic:mercury`, the replacement). */
let topicsUsed = 0;
function nextTopic(fx: Fixture) {
  const topics = fx.platform.context.taxonomy.listConcepts('topic').filter((c) => c.id !== 'topic:mercury' && !c.narrower.length && !c.deprecated);
  return topics[topicsUsed++]!;
}

/** One row per route, keyed `METHOD /path` exactly as declared. */
const MATRIX: Record<string, { call: (fx: Fixture) => Promise<Call> | Call; expect: Expectation }> = {
  'GET /api/health': { call: () => ({ method: 'GET', path: '/api/health' }), expect: all('ok') },
  'GET /api/ready': { call: () => ({ method: 'GET', path: '/api/ready' }), expect: all('ok') },
  'GET /api/search': { call: () => ({ method: 'GET', path: '/api/search?q=mercury' }), expect: all('ok') },
  'GET /api/search/highlight-terms': { call: (fx) => ({ method: 'GET', path: `/api/search/highlight-terms?q=mercury&document=${fx.documentId}` }), expect: all('pass') },
  'GET /api/documents/:id': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}` }), expect: all('pass') },
  'GET /api/documents/:id/file': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/file` }), expect: all('pass') },
  'GET /api/documents/:id/pages': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/pages` }), expect: all('pass') },
  'GET /api/documents/:id/pages/:n': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/pages/1` }), expect: all('pass') },
  'GET /api/documents/:id/related': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/related` }), expect: all('pass') },
  'GET /api/taxonomy': { call: () => ({ method: 'GET', path: '/api/taxonomy' }), expect: all('ok') },
  'GET /api/taxonomy/concepts/:id': { call: () => ({ method: 'GET', path: '/api/taxonomy/concepts/theme:asgm' }), expect: all('ok') },
  'GET /api/taxonomy/skos': { call: () => ({ method: 'GET', path: '/api/taxonomy/skos' }), expect: all('ok') },
  'GET /taxonomy/:scheme/:slug': { call: () => ({ method: 'GET', path: '/taxonomy/theme/asgm?format=ttl' }), expect: all('ok') },

  // National reports, parties, OAI-PMH, InforMEA (issue 13): reading is public, correcting is for curators.
  'GET /api/answers': { call: () => ({ method: 'GET', path: '/api/answers?article=article:17' }), expect: all('ok') },
  'GET /api/documents/:id/answers': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/answers` }), expect: all('ok') },
  'PUT /api/documents/:id/answers/:article/:question': { call: (fx) => ({ method: 'PUT', path: `/api/documents/${fx.documentId}/answers/article:17/1`, body: { answer: 'yes' } }), expect: curatorsPass },
  'POST /api/documents/:id/answers/reparse': { call: (fx) => ({ method: 'POST', path: `/api/documents/${fx.documentId}/answers/reparse` }), expect: curators },

  // The secretariat's workspace (issue 11): curating is for curators and admins.
  'GET /api/workspace/queue': { call: () => ({ method: 'GET', path: '/api/workspace/queue' }), expect: curators },
  'POST /api/documents/:id/review': { call: async (fx) => ({ method: 'POST', path: `/api/documents/${await fx.draftId()}/review`, body: { decision: 'publish' } }), expect: curators },
  'PATCH /api/documents/:id': { call: async (fx) => ({ method: 'PATCH', path: `/api/documents/${await fx.draftId()}`, body: { version: 1, title: 'Corrected title' } }), expect: curators },
  'GET /api/documents/:id/revisions': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/revisions` }), expect: curators },
  'PUT /api/documents/:id/concepts/:conceptId': { call: (fx) => ({ method: 'PUT', path: `/api/documents/${fx.documentId}/concepts/theme:asgm`, body: { decision: 'confirmed' } }), expect: curators },
  'POST /api/documents/:id/retag': { call: (fx) => ({ method: 'POST', path: `/api/documents/${fx.documentId}/retag` }), expect: curators },
  'POST /api/workspace/uploads': { call: () => ({ method: 'POST', path: `/api/workspace/uploads?name=matrix-${randomBytes(4).toString('hex')}.txt`, body: Buffer.from(`Matrix upload ${randomBytes(8).toString('hex')}`) }), expect: submitters },
  'GET /api/workspace/uploads': { call: () => ({ method: 'GET', path: '/api/workspace/uploads' }), expect: submitters },
  'GET /api/workspace/audit': { call: () => ({ method: 'GET', path: '/api/workspace/audit?action=document.' }), expect: auditors },
  // Editing the taxonomy (issue 11 §4): curators and admins. Each call edits a concept of its own (version 0: as committed).
  'POST /api/taxonomy/concepts': { call: () => ({ method: 'POST', path: '/api/taxonomy/concepts', body: { ...matrixConcept(), scheme: 'topic', slug: `matrix-${randomBytes(4).toString('hex')}` } }), expect: curators },
  'PUT /api/taxonomy/concepts/:id': { call: (fx) => { const c = nextTopic(fx); return { method: 'PUT', path: `/api/taxonomy/concepts/${c.id}`, body: { ...matrixConcept(), version: 0 } }; }, expect: curators },
  'POST /api/taxonomy/concepts/:id/deprecate': { call: (fx) => ({ method: 'POST', path: `/api/taxonomy/concepts/${nextTopic(fx).id}/deprecate`, body: { version: 0, replacedBy: 'topic:mercury' } }), expect: curators },
  'GET /api/taxonomy/retag-jobs': { call: () => ({ method: 'GET', path: '/api/taxonomy/retag-jobs' }), expect: curators },
  'GET /api/parties': { call: () => ({ method: 'GET', path: '/api/parties?group=african' }), expect: all('ok') },
  'GET /api/parties/:iso3': { call: () => ({ method: 'GET', path: '/api/parties/KEN' }), expect: all('ok') },
  'GET /api/convention/:id': { call: () => ({ method: 'GET', path: '/api/convention/article:7?lang=fr' }), expect: all('ok') },
  'GET /oai': { call: () => ({ method: 'GET', path: '/oai?verb=Identify' }), expect: all('ok') },
  'POST /oai': { call: () => ({ method: 'POST', path: '/oai', body: {} }), expect: all('ok') },
  'GET /oai/mep.xsd': { call: () => ({ method: 'GET', path: '/oai/mep.xsd' }), expect: all('ok') },
  'GET /api/informea/treaty': { call: () => ({ method: 'GET', path: '/api/informea/treaty' }), expect: all('ok') },
  'GET /api/informea/documents': { call: () => ({ method: 'GET', path: '/api/informea/documents' }), expect: all('ok') },
  'GET /api/informea/country-reports': { call: () => ({ method: 'GET', path: '/api/informea/country-reports' }), expect: all('ok') },
  'GET /api/informea/national-plans': { call: () => ({ method: 'GET', path: '/api/informea/national-plans' }), expect: all('ok') },

  // Dashboards (public), reader feedback (anyone), search analytics and the feedback queue (curators: canCurate), issue 14.
  'GET /api/dashboards/coverage': { call: () => ({ method: 'GET', path: '/api/dashboards/coverage' }), expect: all('ok') },
  'GET /api/dashboards/forum-activity': { call: () => ({ method: 'GET', path: '/api/dashboards/forum-activity' }), expect: all('ok') },
  'GET /api/dashboards/csv/:figure': { call: () => ({ method: 'GET', path: '/api/dashboards/csv/theme' }), expect: all('ok') },
  'POST /api/search/clicks': { call: () => ({ method: 'POST', path: '/api/search/clicks', body: { searchId: '00000000-0000-4000-8000-000000000000', documentId: 'd', rank: 1 } }), expect: all('ok') },
  'POST /api/feedback': { call: (fx) => ({ method: 'POST', path: '/api/feedback', body: { kind: 'useful', documentId: fx.documentId, useful: true } }), expect: all('ok') },
  'GET /api/feedback/mine': { call: () => ({ method: 'GET', path: '/api/feedback/mine' }), expect: all('ok') },
  'GET /api/insight/search': { call: () => ({ method: 'GET', path: '/api/insight/search' }), expect: curators },
  'GET /api/insight/search/csv': { call: () => ({ method: 'GET', path: '/api/insight/search/csv?table=zero' }), expect: curators },
  'GET /api/insight/feedback': { call: () => ({ method: 'GET', path: '/api/insight/feedback' }), expect: curators },
  'POST /api/insight/feedback/:id': { call: () => ({ method: 'POST', path: '/api/insight/feedback/999999', body: { close: true } }), expect: curatorsPass },
  'GET /api/insight/satisfaction': { call: () => ({ method: 'GET', path: '/api/insight/satisfaction' }), expect: curators },
  'GET /api/insight/satisfaction/csv': { call: () => ({ method: 'GET', path: '/api/insight/satisfaction/csv?table=theme' }), expect: curators },

  // Surveys of parties' needs (issue 14): curators define them (canDefineSurveys), signed-in users answer (canAnswerSurveys).
  'GET /api/surveys': { call: () => ({ method: 'GET', path: '/api/surveys' }), expect: all('ok') },
  'GET /api/surveys/:id': { call: async (fx) => ({ method: 'GET', path: `/api/surveys/${await fx.surveyId('open')}` }), expect: all('ok') },
  'PUT /api/surveys/:id/response': { call: async (fx) => ({ method: 'PUT', path: `/api/surveys/${await fx.surveyId('open')}/response`, body: { answers: { q1: 'o1' } } }), expect: signedIn },
  'GET /api/insight/surveys': { call: () => ({ method: 'GET', path: '/api/insight/surveys' }), expect: curators },
  'POST /api/insight/surveys': { call: () => ({ method: 'POST', path: '/api/insight/surveys', body: surveyBody() }), expect: curators },
  'PUT /api/insight/surveys/:id': { call: async (fx) => ({ method: 'PUT', path: `/api/insight/surveys/${await fx.surveyId('draft')}`, body: surveyBody() }), expect: curators },
  'POST /api/insight/surveys/:id/status': { call: async (fx) => ({ method: 'POST', path: `/api/insight/surveys/${await fx.surveyId('draft')}/status`, body: { status: 'open' } }), expect: curators },
  'GET /api/insight/surveys/:id/results': { call: async (fx) => ({ method: 'GET', path: `/api/insight/surveys/${await fx.surveyId('open')}/results` }), expect: curators },
  'GET /api/insight/surveys/:id/csv': { call: async (fx) => ({ method: 'GET', path: `/api/insight/surveys/${await fx.surveyId('open')}/csv` }), expect: curators },

  'GET /api/auth/csrf': { call: () => ({ method: 'GET', path: '/api/auth/csrf' }), expect: all('ok') },
  'GET /api/auth/me': { call: () => ({ method: 'GET', path: '/api/auth/me' }), expect: all('ok') },
  'POST /api/auth/register': {
    call: () => ({ method: 'POST', path: '/api/auth/register', body: { email: `new-${randomBytes(4).toString('hex')}@mep.test`, password: 'a long enough password', displayName: 'Newcomer' } }),
    expect: all('ok'),
  },
  'POST /api/auth/sign-in': { call: () => ({ method: 'POST', path: '/api/auth/sign-in', body: { email: 'known@mep.test', password: 'a long enough password' } }), expect: all('ok') },
  'POST /api/auth/password': {
    call: () => ({ method: 'POST', path: '/api/auth/password', body: { currentPassword: 'a long enough password', newPassword: 'Another quite long passphrase 42' } }),
    expect: signedIn,
  },
  'POST /api/auth/password-reset': { call: () => ({ method: 'POST', path: '/api/auth/password-reset', body: { email: 'known@mep.test' } }), expect: all('ok') },
  // The token is not valid: 400 for everyone (no role needed; the token is the credential).
  'POST /api/auth/password-reset/confirm': { call: () => ({ method: 'POST', path: '/api/auth/password-reset/confirm', body: { token: 'x'.repeat(43), newPassword: 'Another quite long passphrase 42' } }), expect: all('pass') },
  'POST /api/auth/verify-email': { call: () => ({ method: 'POST', path: '/api/auth/verify-email', body: { token: 'x'.repeat(43) } }), expect: all('pass') },
  'POST /api/auth/verify-email/resend': { call: () => ({ method: 'POST', path: '/api/auth/verify-email/resend' }), expect: signedIn },
  'POST /api/auth/email': {
    call: () => ({ method: 'POST', path: '/api/auth/email', body: { password: 'a long enough password', newEmail: `moved-${randomBytes(4).toString('hex')}@mep.test` } }),
    expect: signedIn,
  },
  'POST /api/auth/sign-out': { call: () => ({ method: 'POST', path: '/api/auth/sign-out' }), expect: all('ok') },
  'POST /api/auth/sign-out-everywhere': { call: () => ({ method: 'POST', path: '/api/auth/sign-out-everywhere' }), expect: signedIn },

  'GET /api/users/me/export': { call: () => ({ method: 'GET', path: '/api/users/me/export' }), expect: signedIn },
  'PATCH /api/users/me': { call: () => ({ method: 'PATCH', path: '/api/users/me', body: { displayName: `Renamed ${randomBytes(3).toString('hex')}` } }), expect: signedIn },
  'DELETE /api/users/me': { call: () => ({ method: 'DELETE', path: '/api/users/me', body: { password: 'a long enough password' } }), expect: signedIn },
  'GET /api/users': { call: () => ({ method: 'GET', path: '/api/users' }), expect: admins },
  'PUT /api/users/:id/role': { call: async (fx) => ({ method: 'PUT', path: `/api/users/${await fx.userId()}/role`, body: { role: 'moderator' } }), expect: admins },

  'GET /api/forums': { call: () => ({ method: 'GET', path: '/api/forums' }), expect: all('ok') },
  'POST /api/forums': { call: () => ({ method: 'POST', path: '/api/forums', body: { id: `wg-${randomBytes(4).toString('hex')}`, title: { en: 'Working group' }, visibility: 'private' } }), expect: admins },
  'GET /api/forums/:forumId': { call: () => ({ method: 'GET', path: '/api/forums/asgm' }), expect: all('ok') },
  'PUT /api/forums/:forumId/members/:userId': { call: async (fx) => ({ method: 'PUT', path: `/api/forums/wg-matrix/members/${await fx.userId()}` }), expect: admins },
  'DELETE /api/forums/:forumId/members/:userId': { call: async (fx) => ({ method: 'DELETE', path: `/api/forums/wg-matrix/members/${await fx.userId()}` }), expect: admins },
  'PUT /api/forums/:forumId/follow': { call: () => ({ method: 'PUT', path: '/api/forums/asgm/follow' }), expect: signedIn },
  'DELETE /api/forums/:forumId/follow': { call: () => ({ method: 'DELETE', path: '/api/forums/asgm/follow' }), expect: signedIn },
  'GET /api/forums/:forumId/threads': { call: () => ({ method: 'GET', path: '/api/forums/asgm/threads' }), expect: all('ok') },
  'POST /api/forums/:forumId/threads': { call: () => ({ method: 'POST', path: '/api/forums/asgm/threads', body: newThreadBody() }), expect: signedIn },
  'GET /api/threads/:threadId': { call: async (fx) => ({ method: 'GET', path: `/api/threads/${(await fx.thread()).threadId}` }), expect: all('ok') },
  'GET /api/threads/:threadId/posts': { call: async (fx) => ({ method: 'GET', path: `/api/threads/${(await fx.thread()).threadId}/posts?after=0` }), expect: all('ok') },
  'POST /api/threads/:threadId/posts': { call: async (fx) => ({ method: 'POST', path: `/api/threads/${(await fx.thread()).threadId}/posts`, body: { body: 'A reply' } }), expect: signedIn },
  'PUT /api/threads/:threadId/follow': { call: async (fx) => ({ method: 'PUT', path: `/api/threads/${(await fx.thread()).threadId}/follow` }), expect: signedIn },
  'DELETE /api/threads/:threadId/follow': { call: async (fx) => ({ method: 'DELETE', path: `/api/threads/${(await fx.thread()).threadId}/follow` }), expect: signedIn },
  'GET /api/posts/:postId': { call: async (fx) => ({ method: 'GET', path: `/api/posts/${(await fx.thread()).postId}` }), expect: all('ok') },
  // Someone else's post: only moderators may edit, delete or read its history.
  'PATCH /api/posts/:postId': { call: async (fx) => ({ method: 'PATCH', path: `/api/posts/${(await fx.thread()).postId}`, body: { body: 'Edited' } }), expect: moderators },
  'DELETE /api/posts/:postId': { call: async (fx) => ({ method: 'DELETE', path: `/api/posts/${(await fx.thread()).postId}` }), expect: moderators },
  'GET /api/posts/:postId/history': { call: async (fx) => ({ method: 'GET', path: `/api/posts/${(await fx.thread()).postId}/history` }), expect: moderators },
  'POST /api/markdown/preview': { call: () => ({ method: 'POST', path: '/api/markdown/preview', body: { body: '**x**' } }), expect: signedIn },
  'GET /api/documents/:id/threads': { call: (fx) => ({ method: 'GET', path: `/api/documents/${fx.documentId}/threads` }), expect: all('ok') },
  'GET /api/discussions/search': { call: () => ({ method: 'GET', path: '/api/discussions/search?q=matrix' }), expect: all('ok') },

  'GET /api/notifications': { call: () => ({ method: 'GET', path: '/api/notifications' }), expect: signedIn },
  'GET /api/notifications/unread-count': { call: () => ({ method: 'GET', path: '/api/notifications/unread-count' }), expect: signedIn },
  'POST /api/notifications/read': { call: () => ({ method: 'POST', path: '/api/notifications/read', body: { all: true } }), expect: signedIn },

  // Following concepts (issue 11 §5): any signed-in user.
  'GET /api/follows/concepts': { call: () => ({ method: 'GET', path: '/api/follows/concepts' }), expect: signedIn },
  'PUT /api/follows/concepts/:conceptId': { call: () => ({ method: 'PUT', path: '/api/follows/concepts/theme:asgm' }), expect: signedIn },
  'DELETE /api/follows/concepts/:conceptId': { call: () => ({ method: 'DELETE', path: '/api/follows/concepts/theme:asgm' }), expect: signedIn },

  'POST /api/posts/:postId/flags': { call: async (fx) => ({ method: 'POST', path: `/api/posts/${(await fx.thread()).postId}/flags`, body: { reason: 'Spam here' } }), expect: signedIn },
  'GET /api/moderation/flags': { call: () => ({ method: 'GET', path: '/api/moderation/flags' }), expect: moderators },
  'POST /api/moderation/flags/:flagId/resolve': { call: () => ({ method: 'POST', path: '/api/moderation/flags/1/resolve', body: { action: 'dismiss' } }), expect: moderators },
  'POST /api/posts/:postId/hide': { call: async (fx) => ({ method: 'POST', path: `/api/posts/${(await fx.thread()).postId}/hide`, body: {} }), expect: moderators },
  'POST /api/posts/:postId/restore': { call: async (fx) => ({ method: 'POST', path: `/api/posts/${(await fx.thread()).postId}/restore`, body: {} }), expect: moderators },
  'PUT /api/threads/:threadId/lock': { call: async (fx) => ({ method: 'PUT', path: `/api/threads/${(await fx.thread()).threadId}/lock`, body: { locked: true } }), expect: moderators },
  'PUT /api/threads/:threadId/pin': { call: async (fx) => ({ method: 'PUT', path: `/api/threads/${(await fx.thread()).threadId}/pin`, body: { pinned: true } }), expect: moderators },
  'GET /api/moderation/audit': { call: () => ({ method: 'GET', path: '/api/moderation/audit' }), expect: moderators },
};

type SocketOutcome = 'ok' | 'not_found' | 'authentication_required' | 'forbidden';
/** Socket events × roles. `public` targets a public thread / forum, `private` a private working group. */
const SOCKET_MATRIX: Record<string, Array<{ target: 'public' | 'private'; expect: Record<Role, SocketOutcome> }>> = {
  'threads.join': [
    { target: 'public', expect: { anonymous: 'ok', member: 'ok', focal_point: 'ok', curator: 'ok', moderator: 'ok', admin: 'ok' } },
    { target: 'private', expect: { anonymous: 'not_found', member: 'not_found', focal_point: 'not_found', curator: 'not_found', moderator: 'ok', admin: 'ok' } },
  ],
  'forums.join': [
    { target: 'public', expect: { anonymous: 'ok', member: 'ok', focal_point: 'ok', curator: 'ok', moderator: 'ok', admin: 'ok' } },
    { target: 'private', expect: { anonymous: 'not_found', member: 'not_found', focal_point: 'not_found', curator: 'not_found', moderator: 'ok', admin: 'ok' } },
  ],
  'threads.leave': [{ target: 'public', expect: { anonymous: 'ok', member: 'ok', focal_point: 'ok', curator: 'ok', moderator: 'ok', admin: 'ok' } }],
  'forums.leave': [{ target: 'public', expect: { anonymous: 'ok', member: 'ok', focal_point: 'ok', curator: 'ok', moderator: 'ok', admin: 'ok' } }],
  typing: [
    { target: 'public', expect: { anonymous: 'authentication_required', member: 'ok', focal_point: 'ok', curator: 'ok', moderator: 'ok', admin: 'ok' } },
    { target: 'private', expect: { anonymous: 'not_found', member: 'not_found', focal_point: 'not_found', curator: 'not_found', moderator: 'ok', admin: 'ok' } },
  ],
};

let platform: TestPlatform;
let fixture: Fixture;
let ownerClient: SessionClient;
let privateThreadId: number;
let publicThreadId: number;
let counter = 0;
let passwordHash: string;

/** A user row and a session, without the cost of scrypt (the matrix needs hundreds). */
async function quickUser(role: UserRole): Promise<{ userId: string; token: string }> {
  counter += 1;
  const userId = `u_matrix_${counter}`;
  await platform.context.db
    .insert(users)
    .values({ id: userId, email: `matrix-${counter}@mep.test`, passwordHash, displayName: `Matrix ${counter}`, role, party: role === 'focal_point' ? 'party:KEN' : null, createdAt: new Date().toISOString(), emailVerifiedAt: new Date().toISOString() })
    .run();
  return { userId, token: (await createSession(platform.context.db, userId)).token };
}

/** A client for one request: a fresh user each time, so rate limits and deletions never leak between cells. */
async function clientFor(role: Role): Promise<SessionClient> {
  const client = new SessionClient(platform.url);
  if (role !== 'anonymous') {
    const { token } = await quickUser(role);
    client.cookies.set(SESSION_COOKIE, token);
    client.cookies.set('mep_csrf', csrfTokenFor(token, undefined) as string);
  }
  return client;
}

function matches(outcome: Outcome, status: number): boolean {
  if (outcome === 'ok') return status >= 200 && status < 300;
  if (outcome === 'pass') return status !== 401 && status !== 403 && status < 500;
  return status === outcome;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const { db } = platform.context;
  const now = new Date().toISOString();
  const documentId = 'abcdef0123456789';
  const { key: sha256 } = await platform.context.blobs.put(Buffer.from('Matrix document'));
  passwordHash = await hashPassword('a long enough password');
  await db.insert(documents).values({ id: documentId, sha256, fileName: 'x.txt', mime: 'text/plain', kind: 'text', sizeBytes: 1, title: 'Matrix document', language: 'en', doctype: 'doctype:guidance', pageCount: 1, year: 2020, createdAt: now, updatedAt: now }).run();
  await createUser(db, { email: 'known@mep.test', password: 'a long enough password', displayName: 'Known' });
  ownerClient = await clientFor('moderator'); // moderators are exempt from the posting rate limit
  const admin = await clientFor('admin');
  await admin.post('/api/forums', { id: 'wg-matrix', title: { en: 'Matrix working group' }, visibility: 'private' });
  privateThreadId = (await admin.post('/api/forums/wg-matrix/threads', newThreadBody())).body.thread.id;
  publicThreadId = (await ownerClient.post('/api/forums/asgm/threads', newThreadBody())).body.thread.id;
  fixture = {
    platform,
    documentId,
    async thread() {
      const { body } = await ownerClient.post('/api/forums/asgm/threads', newThreadBody());
      return { threadId: body.thread.id, postId: body.post.id };
    },
    async userId() {
      return (await quickUser('member')).userId;
    },
    async draftId() {
      counter += 1;
      const id = randomBytes(8).toString('hex');
      const { key } = await platform.context.blobs.put(Buffer.from(`Draft ${counter}`));
      await db.insert(documents).values({ id, sha256: key, fileName: 'draft.txt', mime: 'text/plain', kind: 'text', sizeBytes: 8, title: `Draft ${counter}`, language: 'en', doctype: 'doctype:guidance', pageCount: 1, status: 'draft', createdAt: now, updatedAt: now }).run();
      return id;
    },
    async surveyId(status) {
      const row = await db
        .insert(surveys)
        .values({ title: { en: 'Matrix survey' }, description: {}, questions: [{ id: 'q1', kind: 'single', required: false, text: { en: 'Which?' }, options: [{ id: 'o1', text: { en: 'One' } }, { id: 'o2', text: { en: 'Two' } }] }], status, createdBy: 'u_matrix_0', createdAt: now, updatedAt: now, openedAt: status === 'open' ? now : null })
        .returning({ id: surveys.id })
        .get();
      return row.id;
    },
  };
  // A flag for the resolve row (id 1).
  const { postId } = await fixture.thread();
  await (await clientFor('member')).post(`/api/posts/${postId}/flags`, { reason: 'for the matrix' });
}, 180_000);
afterAll(async () => platform?.close());

describe('role matrix: HTTP routes', () => {
  it('lists every route of the API, and nothing else', () => {
    const declared = listRoutes(platform.context).map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(declared.filter((key) => !(key in MATRIX)), 'routes missing from the matrix').toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !declared.includes(key)), 'matrix rows without a route').toEqual([]);
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    it(key, async () => {
      const failures: string[] = [];
      for (const role of ROLES) {
        const call = await row.call(fixture);
        const response = await (await clientFor(role)).request(call.method, call.path, call.body);
        if (!matches(row.expect[role], response.status)) failures.push(`${role}: expected ${row.expect[role]}, got ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('role matrix: socket events', () => {
  it('lists every client event', () => {
    expect(CLIENT_EVENT_NAMES.filter((name) => !(name in SOCKET_MATRIX))).toEqual([]);
  });

  for (const [event, rows] of Object.entries(SOCKET_MATRIX)) {
    for (const row of rows) {
      it(`${event} (${row.target})`, async () => {
        const failures: string[] = [];
        for (const role of ROLES) {
          const socket: ClientSocket = (await clientFor(role)).socket();
          try {
            await connected(socket);
            const threadId = row.target === 'public' ? publicThreadId : privateThreadId;
            const payload = event.startsWith('forums.') ? { forumId: row.target === 'public' ? 'asgm' : 'wg-matrix' } : { threadId };
            // Typing needs the room: join first (a denied join leaves the policy to answer the same way).
            if (event === 'typing') await emitWithAck(socket, 'threads.join', { threadId });
            const ack = await emitWithAck(socket, event, payload);
            const outcome = ack.ok ? 'ok' : ack.error.code;
            if (outcome !== row.expect[role]) failures.push(`${role}: expected ${row.expect[role]}, got ${outcome}`);
          } finally {
            socket.disconnect();
          }
        }
        expect(failures).toEqual([]);
      });
    }
  }
});
