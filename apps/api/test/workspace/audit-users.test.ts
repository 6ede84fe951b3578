/**
 * The one audit log and the administrators' user management over HTTP (issue 11 §6): a publish, a
 * moderator's hide and a role change are all in the log, which filters by actor (id or name), action,
 * document and date, refuses inverted or absurd dates with a 400, and exports CSV with formulas defused.
 * Administrators list and search accounts, change roles, tie a focal point to a party; nobody else may; the
 * last administrator cannot be demoted.
 */
import { join } from 'node:path';
import { ingestFiles } from '@mep/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, SessionClient } from '../../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from '../platform';

let platform: TestPlatform;
let curator: SessionClient;
let curatorId: string;
let admin: SessionClient;
let adminId: string;
let draft: string;

interface Entry {
  action: string;
  actorId: string;
  actorName: string | null;
  targetId: string;
  details: Record<string, unknown>;
}
const entries = async (client: SessionClient, query: string): Promise<Entry[]> => {
  const answer = await client.get(`/api/workspace/audit?${query}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.entries;
};

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ client: curator, userId: curatorId } = await signedInClient(platform.context.db, platform.url, 'curator', '=Curator Quokka'));
  ({ client: admin, userId: adminId } = await signedInClient(platform.context.db, platform.url, 'admin', 'Only Admin'));
  const [outcome] = await ingestFiles([join(fixturesDir, 'es-plan-de-accion.html')], platform.context, { status: 'draft' });
  draft = outcome!.documentId!;
  expect((await curator.post(`/api/documents/${draft}/review`, { decision: 'publish' })).status).toBe(200);
}, 180_000);
afterAll(async () => platform?.close());

describe('the audit log', () => {
  it('records the publish and filters by action, document, actor id or name, and date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await entries(curator, 'action=document.published')).map((e) => e.targetId)).toContain(draft);
    expect((await entries(curator, `documentId=${draft}`)).map((e) => e.action)).toContain('document.published');
    expect((await entries(curator, `actor=${curatorId}`)).every((e) => e.actorId === curatorId)).toBe(true);
    const byName = await entries(curator, `actor=${encodeURIComponent('curator quokka')}`);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((e) => e.actorId === curatorId)).toBe(true);
    expect((await entries(curator, `from=${today}&to=${today}&action=document.`)).map((e) => e.targetId)).toContain(draft);
    expect(await entries(curator, 'from=2001-01-01&to=2001-12-31')).toEqual([]);
    expect(await entries(curator, 'actor=nobody-by-that-name')).toEqual([]);
  });

  it('refuses inverted, impossible or absurd dates and hostile filters with a 400', async () => {
    for (const query of ['from=2025-05-02&to=2025-05-01', 'from=2025-02-30', 'to=9999-01-01', 'from=0001-01-01', 'from=yesterday', `actor=${'x'.repeat(101)}`, 'action=<script>', 'documentId=../../etc', 'limit=100000']) {
      const answer = await curator.get(`/api/workspace/audit?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
    }
  });

  it('records moderators\' actions and role changes', async () => {
    const moderator = (await signedInClient(platform.context.db, platform.url, 'moderator')).client;
    const member = await signedInClient(platform.context.db, platform.url, 'member');
    const thread = await moderator.post('/api/forums/asgm/threads', { title: 'Audit me', body: 'A post to hide', concepts: [], documentIds: [] });
    const postId = thread.body.post.id as number;
    expect((await moderator.post(`/api/posts/${postId}/hide`, { reason: 'off topic' })).status).toBe(200);
    expect((await admin.put(`/api/users/${member.userId}/role`, { role: 'curator' })).status).toBe(200);
    const log = await entries(curator, 'limit=50');
    expect(log.find((e) => e.action === 'post.hide' && e.targetId === String(postId))).toBeDefined();
    expect(log.find((e) => e.action === 'user.role' && e.targetId === member.userId)).toMatchObject({ actorId: adminId, details: { from: 'member', role: 'curator' } });
  });

  it('exports CSV with formula-like cells defused', async () => {
    const answer = await curator.request('GET', `/api/workspace/audit?format=csv&actor=${curatorId}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const csv = String(answer.body);
    expect(csv.split('\r\n')[0]).toContain('id,at,actorId,actorName,action');
    expect(csv).toContain('document.published');
    // The actor's name starts with "=": never a live formula in a spreadsheet.
    expect(csv).toContain(`"'=Curator Quokka"`);
    expect(csv).not.toContain('"=Curator');
  });
});

describe('user and role management', () => {
  it('lets administrators list and search accounts, and nobody else', async () => {
    const listed = await admin.get('/api/users?q=quokka');
    expect(listed.status).toBe(200);
    expect(listed.body.users.map((u: { id: string }) => u.id)).toEqual([curatorId]);
    expect((await curator.get('/api/users')).status).toBe(403);
    expect((await new SessionClient(platform.url).get('/api/users')).status).toBe(401);
    expect((await admin.get(`/api/users?q=${'q'.repeat(101)}`)).status).toBe(400);
  });

  it('ties a focal point to a party, and refuses a focal point without one', async () => {
    const member = await signedInClient(platform.context.db, platform.url, 'member');
    expect((await admin.put(`/api/users/${member.userId}/role`, { role: 'focal_point' })).status).toBe(400);
    expect((await admin.put(`/api/users/${member.userId}/role`, { role: 'focal_point', party: 'party:<b>' })).status).toBe(400);
    expect((await admin.put(`/api/users/${member.userId}/role`, { role: 'wizard' })).status).toBe(400);
    const done = await admin.put(`/api/users/${member.userId}/role`, { role: 'focal_point', party: 'party:KEN' });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ role: 'focal_point', party: 'party:KEN' });
    // Back to member: the party goes with the role.
    expect((await admin.put(`/api/users/${member.userId}/role`, { role: 'member', party: 'party:KEN' })).body.user).toMatchObject({ role: 'member', party: null });
    expect((await admin.put('/api/users/u_nobody/role', { role: 'member' })).status).toBe(404);
  });

  it('never demotes the last administrator', async () => {
    const refused = await admin.put(`/api/users/${adminId}/role`, { role: 'member' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('last_admin');
    expect((await admin.get('/api/auth/me')).body.user.role).toBe('admin');
    // With a second administrator, the first may step down.
    const other = await signedInClient(platform.context.db, platform.url, 'member');
    expect((await admin.put(`/api/users/${other.userId}/role`, { role: 'admin' })).status).toBe(200);
    expect((await admin.put(`/api/users/${adminId}/role`, { role: 'curator' })).status).toBe(200);
    expect((await other.client.put(`/api/users/${other.userId}/role`, { role: 'member' })).body.error.code).toBe('last_admin');
  });
});
