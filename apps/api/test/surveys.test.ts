/**
 * Issue 14 §3 through the real API: satisfaction by thematic area checked against known feedback, and the
 * curators' survey of parties' needs — define, open, answer (one response per user, editable until closed),
 * results, CSV export without personal data and with formula-like cells neutralised — and every bad input.
 */
import { documentConcepts, documents, feedback, notifications, surveyResponses } from '@mep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../src/http/rate-limits';
import { SessionClient, signedInClient } from '../src/services/testing/forum-harness';
import { startTestPlatform, type TestPlatform } from './platform';

let platform: TestPlatform;
let curator: SessionClient;

/** A published document straight in the database, with these concepts. */
async function documentWith(id: string, concepts: string[]): Promise<void> {
  const { db, blobs } = platform.context;
  const now = new Date().toISOString();
  const { key } = await blobs.put(Buffer.from(`Survey test ${id}`));
  await db.insert(documents).values({ id, sha256: key, fileName: `${id}.txt`, mime: 'text/plain', kind: 'text', sizeBytes: 10, title: `Document ${id}`, language: 'en', doctype: 'doctype:guidance', pageCount: 1, year: 2024, createdAt: now, updatedAt: now }).run();
  for (const conceptId of concepts) await db.insert(documentConcepts).values({ documentId: id, conceptId, score: 1, count: 1, evidence: [] }).run();
}

beforeAll(async () => {
  platform = await startTestPlatform();
  ({ client: curator } = await signedInClient(platform.context.db, platform.url, 'curator'));
}, 180_000);
afterAll(async () => platform?.close());

describe('satisfaction by thematic area', () => {
  it('counts the answers on documents per theme of the document, over the chosen period, with a CSV', async () => {
    await documentWith('aaaa000000000001', ['theme:products', 'theme:asgm', 'article:4']);
    await documentWith('aaaa000000000002', ['theme:products']);
    const reader = new SessionClient(platform.url);
    const give = async (body: object) => expect((await reader.post('/api/feedback', { kind: 'useful', ...body })).status).toBe(200);
    await give({ documentId: 'aaaa000000000001', useful: false, comment: 'no annex' });
    await give({ documentId: 'aaaa000000000001', useful: true });
    await give({ documentId: 'aaaa000000000002', useful: false });
    await give({ query: 'mercury products', useful: false }); // a search: no document, so no theme
    // An answer from two years ago is outside the default period (the last 30 days).
    const old = new Date(Date.now() - 730 * 86_400_000).toISOString();
    await platform.context.db.insert(feedback).values({ kind: 'useful', documentId: 'aaaa000000000002', useful: false, comment: '', uiLang: 'en', status: 'closed', createdAt: old }).run();

    const { status, body } = await curator.get('/api/insight/satisfaction');
    expect(status).toBe(200);
    expect(body.byTheme).toEqual([
      { theme: 'theme:products', yes: 1, no: 2 },
      { theme: 'theme:asgm', yes: 1, no: 1 },
    ]);
    const month = new Date().toISOString().slice(0, 7);
    expect(body.byThemeMonth).toEqual([
      { theme: 'theme:asgm', month, yes: 1, no: 1 },
      { theme: 'theme:products', month, yes: 1, no: 2 },
    ]);
    expect(body.byMonth).toEqual([{ month, yes: 1, no: 3 }]);
    expect(body.byDocument[0]).toEqual({ documentId: 'aaaa000000000001', title: 'Document aaaa000000000001', yes: 1, no: 1 });

    // A period reaching back two years counts the old "no" too.
    const from = old.slice(0, 10);
    const wide = (await curator.get(`/api/insight/satisfaction?from=${from}`)).body;
    expect(wide.byTheme.find((r: any) => r.theme === 'theme:products')).toEqual({ theme: 'theme:products', yes: 1, no: 3 });

    const csv = (await curator.get('/api/insight/satisfaction/csv?table=theme&lang=fr')).body as string;
    expect(csv.split('\r\n')[0]).toBe('theme,label,yes,no,share_yes');
    expect(csv).toMatch(/theme:products,.+,1,2,0\.333/);
    expect((await curator.get('/api/insight/satisfaction/csv?table=theme-month')).body).toContain(`theme:asgm,`);
    expect((await curator.get('/api/insight/satisfaction/csv?table=nonsense')).status).toBe(400);
    expect((await curator.get('/api/insight/satisfaction/csv?table=theme&from=2026-05-01&to=2026-04-01')).status).toBe(400);
    const { client: member } = await signedInClient(platform.context.db, platform.url, 'member');
    expect((await member.get('/api/insight/satisfaction/csv?table=theme')).status).toBe(403);
  });
});

describe('answers to problem reports', () => {
  it('notify the reporter once, even when a "Close" repeats the answer', async () => {
    const { client: reader, userId } = await signedInClient(platform.context.db, platform.url, 'member');
    const report = await reader.post('/api/feedback', { kind: 'problem', documentId: 'aaaa000000000001', category: 'metadata', comment: 'Wrong year' });
    expect(report.status).toBe(200);
    expect((await curator.post(`/api/insight/feedback/${report.body.id}`, { answer: 'Fixed.' })).body.status).toBe('answered');
    const closed = await curator.post(`/api/insight/feedback/${report.body.id}`, { answer: 'Fixed.', close: true });
    expect(closed.body).toMatchObject({ status: 'closed', answer: 'Fixed.' });
    const notes = await platform.context.db.select().from(notifications).where(eq(notifications.userId, userId)).all();
    expect(notes.filter((n) => n.kind === 'feedback.answered')).toHaveLength(1);
    const listed = (await reader.get('/api/notifications')).body.items;
    expect(listed[0]).toMatchObject({ kind: 'feedback.answered', threadTitle: 'Fixed.' });
  });
});

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const definition = () => ({
  title: { en: `Needs and priorities ${HOSTILE}`, fr: 'Besoins et priorités' },
  description: { en: 'Tell the secretariat what your party needs.' },
  questions: [
    { kind: 'single', required: true, text: { en: 'Which area first?', es: '¿Qué área primero?' }, options: [{ text: { en: 'ASGM' } }, { text: { en: `Products ${HOSTILE}` } }] },
    { kind: 'multiple', text: { en: 'Which support?' }, options: [{ text: { en: 'Training' } }, { text: { en: 'Funding' } }, { text: { en: 'Tools' } }] },
    { kind: 'scale', required: true, text: { en: 'How urgent (1–5)?' } },
    { kind: 'text', text: { en: 'Anything else?' } },
  ],
});

describe('surveys', () => {
  it('go from definition to answers, results and a CSV without personal data', async () => {
    const created = await curator.post('/api/insight/surveys', definition());
    expect(created.status).toBe(200);
    const survey = created.body;
    expect(survey.status).toBe('draft');
    expect(survey.title.en).toBe(`Needs and priorities ${HOSTILE}`); // stored as text, rendered inert by clients
    expect(survey.questions.map((q: any) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(survey.questions[0].options.map((o: any) => o.id)).toEqual(['o1', 'o2']);

    const { client: focal, userId: focalId } = await signedInClient(platform.context.db, platform.url, 'focal_point');
    const { client: member, userId: memberId } = await signedInClient(platform.context.db, platform.url, 'member');
    // A draft is invisible to readers and cannot be answered.
    expect((await focal.get(`/api/surveys/${survey.id}`)).status).toBe(404);
    expect((await focal.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o1', q3: 4 } })).status).toBe(404);
    expect((await new SessionClient(platform.url).get('/api/surveys')).body.items.some((s: any) => s.id === survey.id)).toBe(false);

    expect((await curator.post(`/api/insight/surveys/${survey.id}/status`, { status: 'open' })).body.status).toBe('open');
    const open = (await new SessionClient(platform.url).get('/api/surveys')).body.items.find((s: any) => s.id === survey.id);
    expect(open).toMatchObject({ answered: false });
    expect((await new SessionClient(platform.url).put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o1', q3: 4 } })).status).toBe(401);

    expect((await focal.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o2', q2: ['o3', 'o1'], q3: 5, q4: '=HYPERLINK("http://evil")' } })).status).toBe(200);
    expect((await member.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o1', q2: ['o1'], q3: 2, q4: `  ${HOSTILE}  ` } })).status).toBe(200);
    // One response per user: the focal point changes theirs while the survey is open.
    const changed = await focal.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o2', q2: ['o1', 'o3'], q3: 4, q4: '=HYPERLINK("http://evil")' } });
    expect(changed.body.answers).toEqual({ q1: 'o2', q2: ['o1', 'o3'], q3: 4, q4: '=HYPERLINK("http://evil")' });
    expect((await focal.get(`/api/surveys/${survey.id}`)).body.response.answers.q3).toBe(4);
    expect((await focal.get('/api/surveys')).body.items.find((s: any) => s.id === survey.id).answered).toBe(true);
    // Their own answers are in "download my data".
    expect((await focal.get('/api/users/me/export')).body.surveyResponses).toEqual([expect.objectContaining({ surveyId: survey.id, party: 'party:BRA', answers: changed.body.answers })]);
    const rows = await platform.context.db.select().from(surveyResponses).all();
    expect(rows.filter((r) => r.surveyId === survey.id)).toHaveLength(2);
    expect(rows.find((r) => r.userId === focalId)?.party).toBe('party:BRA');
    expect(rows.find((r) => r.userId === memberId)?.party).toBeNull();

    const results = (await curator.get(`/api/insight/surveys/${survey.id}/results`)).body;
    expect(results.responses).toBe(2);
    expect(results.parties).toEqual([{ party: 'party:BRA', responses: 1 }]);
    const [q1, q2, q3, q4] = results.questions;
    expect(q1.counts).toEqual([{ value: 'o1', count: 1 }, { value: 'o2', count: 1 }]);
    expect(q2.counts).toEqual([{ value: 'o1', count: 2 }, { value: 'o2', count: 0 }, { value: 'o3', count: 1 }]);
    expect(q3.counts).toEqual([{ value: '1', count: 0 }, { value: '2', count: 1 }, { value: '3', count: 0 }, { value: '4', count: 1 }, { value: '5', count: 0 }]);
    expect(q3.mean).toBe(3);
    expect(q4.texts).toEqual(['=HYPERLINK("http://evil")', HOSTILE]);
    expect((await curator.get('/api/insight/surveys')).body.items.find((s: any) => s.id === survey.id).responses).toBe(2);

    const csvResponse = await curator.request('GET', `/api/insight/surveys/${survey.id}/csv?lang=en`);
    expect(csvResponse.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = csvResponse.body as string;
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('response,party,updated_at,q1: Which area first?,q2: Which support?,q3: How urgent (1–5)?,q4: Anything else?');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines.some((line) => /^[=+\-@]/.test(line) || /,[=+\-@]/.test(line))).toBe(false);
    expect(lines[1]).toMatch(/^1,party:BRA,.+,Products <script>alert\(1\)<\/script><img src=x onerror=alert\(2\)>,Training; Tools,4,/);
    for (const secret of [focalId, memberId, '@mep.test', 'focal_point']) expect(csv).not.toContain(secret);

    // Closed: no more answers or changes (409), the answers are kept.
    expect((await curator.post(`/api/insight/surveys/${survey.id}/status`, { status: 'closed' })).body.status).toBe('closed');
    const late = await member.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o2', q3: 1 } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('survey_closed');
    expect((await member.get(`/api/surveys/${survey.id}`)).body.response.answers.q3).toBe(2);
    expect((await curator.put(`/api/insight/surveys/${survey.id}`, definition())).status).toBe(409);
    expect((await new SessionClient(platform.url).get('/api/surveys')).body.items.some((s: any) => s.id === survey.id)).toBe(false);
  });

  it('once answered, keep their questions: texts may change, structure may not', async () => {
    const survey = (await curator.post('/api/insight/surveys', definition())).body;
    await curator.post(`/api/insight/surveys/${survey.id}/status`, { status: 'open' });
    const { client: member } = await signedInClient(platform.context.db, platform.url, 'member');
    expect((await member.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o1', q3: 3 } })).status).toBe(200);
    const retitled = { ...survey, title: { en: 'Renamed' }, questions: survey.questions.map((q: any) => ({ ...q, text: { ...q.text, ar: 'سؤال' } })) };
    const edited = await curator.put(`/api/insight/surveys/${survey.id}`, retitled);
    expect(edited.status).toBe(200);
    expect(edited.body.questions[0].text.ar).toBe('سؤال');
    const dropped = await curator.put(`/api/insight/surveys/${survey.id}`, { ...retitled, questions: retitled.questions.slice(1) });
    expect(dropped.status).toBe(409);
    expect(dropped.body.error.code).toBe('survey_answered');
    // A draft cannot be closed before it was opened.
    const draft = (await curator.post('/api/insight/surveys', definition())).body;
    expect((await curator.post(`/api/insight/surveys/${draft.id}/status`, { status: 'closed' })).status).toBe(409);
  });

  it('reject bad definitions and bad answers with a clear 4xx, losing nothing', async () => {
    const { client: member } = await signedInClient(platform.context.db, platform.url, 'member');
    const { client: moderator } = await signedInClient(platform.context.db, platform.url, 'moderator');
    expect((await member.post('/api/insight/surveys', definition())).status).toBe(403);
    expect((await moderator.post('/api/insight/surveys', definition())).status).toBe(403);
    expect((await new SessionClient(platform.url).post('/api/insight/surveys', definition())).status).toBe(401);
    const bad = async (change: (d: any) => void) => {
      const body = definition() as any;
      change(body);
      return (await curator.post('/api/insight/surveys', body)).status;
    };
    expect(await bad((d) => (d.title = { en: 'x'.repeat(201) }))).toBe(400);
    expect(await bad((d) => (d.title = { en: '   ' }))).toBe(400);
    expect(await bad((d) => (d.title = { xx: 'Klingon' }))).toBe(400);
    expect(await bad((d) => (d.questions[0].text = { en: 'q'.repeat(1001) }))).toBe(400);
    expect(await bad((d) => (d.questions[0].options = [{ text: { en: 'Only one' } }]))).toBe(400);
    expect(await bad((d) => (d.questions[2].options = [{ text: { en: 'A scale has none' } }]))).toBe(400);
    expect(await bad((d) => (d.questions[0].kind = 'ranking'))).toBe(400);
    expect(await bad((d) => (d.questions = []))).toBe(400);
    expect(await bad((d) => (d.questions = Array.from({ length: 31 }, () => d.questions[3])))).toBe(400);
    expect(await bad((d) => (d.questions[0].id = 'q<1>'))).toBe(400);
    expect(await bad((d) => ((d.questions[0].id = 'same'), (d.questions[1].id = 'same')))).toBe(400);
    expect((await curator.get('/api/insight/surveys/abc/results')).status).toBe(400);
    expect((await curator.get('/api/insight/surveys/99999/results')).status).toBe(404);

    const survey = (await curator.post('/api/insight/surveys', definition())).body;
    await curator.post(`/api/insight/surveys/${survey.id}/status`, { status: 'open' });
    const url = `/api/surveys/${survey.id}/response`;
    expect((await member.put(url, { answers: { q1: 'o1', q3: 3, q4: 'first' } })).status).toBe(200);
    const refused = async (answers: unknown, code?: string) => {
      const r = await member.put(url, { answers });
      expect(r.status, JSON.stringify(answers).slice(0, 60)).toBe(400);
      if (code) expect(r.body.error.code).toBe(code);
      return r;
    };
    await refused({ q1: 'o1', q3: 3, q9: 'x' }, 'unknown_question');
    await refused({ q1: 'o7', q3: 3 }, 'unknown_option');
    await refused({ q1: 'o1', q2: ['o1', 'nope'], q3: 3 }, 'unknown_option');
    await refused({ q1: 'o1', q3: 6 }, 'invalid_answer');
    await refused({ q1: 'o1', q3: 2.5 }, 'invalid_answer');
    await refused({ q1: ['o1'], q3: 3 }, 'invalid_answer');
    const missing = await refused({ q3: 3 }, 'answer_required');
    expect(missing.body.error.details).toEqual({ questions: ['q1'] });
    await refused({ q1: 'o1', q3: 3, q4: 'y'.repeat(2001) });
    await refused('not an object');
    // Nothing lost: the first answer stands.
    expect((await member.get(`/api/surveys/${survey.id}`)).body.response.answers).toEqual({ q1: 'o1', q3: 3, q4: 'first' });
  });

  it('stops a flood of answers with 429', async () => {
    const survey = (await curator.post('/api/insight/surveys', definition())).body;
    await curator.post(`/api/insight/surveys/${survey.id}/status`, { status: 'open' });
    const { client } = await signedInClient(platform.context.db, platform.url, 'member');
    let last = 0;
    for (let i = 0; i <= RATE_LIMITS.surveyAnswer.limit; i++) ({ status: last } = await client.put(`/api/surveys/${survey.id}/response`, { answers: { q1: 'o1', q3: (i % 5) + 1 } }));
    expect(last).toBe(429);
  });
});
