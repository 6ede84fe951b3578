/**
 * Uploads from the web over real HTTP and Socket.IO: live per-file progress, the same pipeline as
 * `mep ingest` (a corrupt file fails with its reason, a duplicate links to the existing document), state
 * that survives a reload (the jobs API), focal points' uploads as drafts, and hostile uploads — oversized,
 * mislabelled, cut off midway, too many at once, by someone who may not — answered with a 4xx that leaves
 * nothing behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { uploadJobs } from '@mep/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@mep/vocabulary';
import type { UploadJobDto } from '../../src/contracts';
import { UPLOAD_MAX_ACTIVE, UPLOAD_MAX_BYTES } from '../../src/services/repository/uploads';
import { connected, signedInClient, SessionClient, type ClientSocket } from '../../src/services/testing/forum-harness';
import { fixturesDir, startTestPlatform, type TestPlatform } from '../platform';

let platform: TestPlatform;
let curator: SessionClient;
let curatorId: string;

const FINAL = new Set(['indexed', 'duplicate', 'failed']);
const upload = (client: SessionClient, name: string, bytes: Buffer, status?: string) =>
  client.post(`/api/workspace/uploads?name=${encodeURIComponent(name)}${status ? `&status=${status}` : ''}`, bytes);
const uploadsDir = () => {
  try {
    return readdirSync(join(platform.dataDir, 'uploads'));
  } catch {
    return [];
  }
};

/** Collects every progress event of a socket, and resolves once the given jobs have all ended. */
function follow(socket: ClientSocket) {
  const seen = new Map<string, string[]>();
  const last = new Map<string, UploadJobDto>();
  socket.on('uploads.progress', ({ job }: { job: UploadJobDto }) => {
    seen.set(job.id, [...(seen.get(job.id) ?? []), job.stage]);
    last.set(job.id, job);
  });
  return {
    seen,
    last,
    async until(ids: string[], timeoutMs = 120_000) {
      const started = Date.now();
      while (!ids.every((id) => FINAL.has(last.get(id)?.stage ?? ''))) {
        if (Date.now() - started > timeoutMs) throw new Error(`uploads did not finish: ${JSON.stringify([...last.values()].map((j) => j.stage))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** A raw request whose body we control byte by byte (fetch cannot lie about Content-Length or cut a body). */
function rawUpload(client: SessionClient, csrf: string, name: string, declared: number, send: Buffer, cut: boolean): Promise<number | 'cut'> {
  const url = new URL(`${platform.url}/api/workspace/uploads?name=${encodeURIComponent(name)}`);
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': String(declared), cookie: client.cookieHeader, [CSRF_HEADER]: csrf } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('cut'));
    req.write(send, () => {
      if (cut) setTimeout(() => req.destroy(), 100);
    });
  });
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const signed = await signedInClient(platform.context.db, platform.url, 'curator');
  curator = signed.client;
  curatorId = signed.userId;
}, 180_000);
afterAll(async () => platform?.close());

describe('uploads from the web', () => {
  it('shows live progress per file; a corrupt one fails with its reason; the state survives a reload', async () => {
    const socket = curator.socket();
    await connected(socket);
    const progress = follow(socket);
    try {
      const files = ['fr-orientations.docx', 'corrupt.pdf', 'ar-mercury.txt'];
      const jobs = [];
      for (const name of files) {
        const response = await upload(curator, name, readFileSync(join(fixturesDir, name)));
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect(response.body.stage).toBe('queued');
        jobs.push(response.body as UploadJobDto);
      }
      await progress.until(jobs.map((j) => j.id));
      const [docx, corrupt, text] = jobs.map((j) => progress.last.get(j.id)!);
      expect(progress.seen.get(docx!.id)).toEqual(expect.arrayContaining(['extracting', 'tagging', 'stored', 'indexed']));
      expect(docx!.stage).toBe('indexed');
      expect(text!.stage).toBe('indexed');
      expect(corrupt!.stage).toBe('failed');
      expect(corrupt!.errorCode).toBeTruthy();
      // A reload reads the same state back from the jobs API.
      const listed = (await curator.get('/api/workspace/uploads')).body;
      expect(listed.maxBytes).toBe(UPLOAD_MAX_BYTES);
      expect(listed.jobs.find((j: UploadJobDto) => j.id === corrupt!.id)).toMatchObject({ stage: 'failed', errorCode: corrupt!.errorCode });
      expect(listed.jobs.find((j: UploadJobDto) => j.id === docx!.id).documentTitle).toBeTruthy();
      // Curators' uploads are published at once.
      expect((await new SessionClient(platform.url).get(`/api/documents/${docx!.documentId}`)).status).toBe(200);

      const again = (await upload(curator, 'copy-of-ar-mercury.txt', readFileSync(join(fixturesDir, 'ar-mercury.txt')))).body as UploadJobDto;
      await progress.until([again.id]);
      expect(progress.last.get(again.id)).toMatchObject({ stage: 'duplicate', documentId: text!.documentId });
      expect(uploadsDir()).toEqual([]);
    } finally {
      socket.disconnect();
    }
  }, 240_000);

  it("a focal point's upload is a draft in the review queue; members may not upload", async () => {
    const { client: focal } = await signedInClient(platform.context.db, platform.url, 'focal_point');
    const socket = focal.socket();
    await connected(socket);
    const progress = follow(socket);
    try {
      const job = (await upload(focal, 'es-plan-de-accion.html', readFileSync(join(fixturesDir, 'es-plan-de-accion.html')), 'published')).body as UploadJobDto;
      expect(job.targetStatus).toBe('draft');
      await progress.until([job.id]);
      const documentId = progress.last.get(job.id)!.documentId!;
      expect((await curator.get(`/api/documents/${documentId}`)).body.status).toBe('draft');
      expect((await new SessionClient(platform.url).get(`/api/documents/${documentId}`)).status).toBe(404);
      expect((await curator.get('/api/workspace/queue?status=draft')).body.items.map((i: { id: string }) => i.id)).toContain(documentId);
    } finally {
      socket.disconnect();
    }
    const { client: member } = await signedInClient(platform.context.db, platform.url, 'member');
    expect((await upload(member, 'x.txt', Buffer.from('Mercury text'))).status).toBe(403);
    expect((await upload(new SessionClient(platform.url), 'x.txt', Buffer.from('Mercury text'))).status).toBe(401);
  }, 240_000);

  it('a mislabelled file is read by its bytes; HTML in a file name is kept as text', async () => {
    const socket = curator.socket();
    await connected(socket);
    const progress = follow(socket);
    try {
      const name = '<img src=x onerror=alert(1)>.pdf';
      const job = (await upload(curator, name, readFileSync(join(fixturesDir, 'mislabelled', 'html-bytes.pdf')))).body as UploadJobDto;
      expect(job.fileName).toBe(name);
      await progress.until([job.id]);
      // Its bytes are an HTML page (the same as a fixture uploaded before, so possibly a duplicate): never a crash.
      expect(['indexed', 'failed', 'duplicate']).toContain(progress.last.get(job.id)!.stage);
      if (progress.last.get(job.id)!.stage === 'indexed') expect((await curator.get(`/api/documents/${progress.last.get(job.id)!.documentId}`)).body.mime).toContain('html');
    } finally {
      socket.disconnect();
    }
  }, 120_000);

  it('refuses oversized, empty, nameless and too many uploads, and a cut-off upload leaves nothing behind', async () => {
    const before = (await platform.context.db.select().from(uploadJobs).all()).length;
    const csrf = await curator.csrfToken();
    expect(await rawUpload(curator, csrf, 'huge.pdf', UPLOAD_MAX_BYTES + 1, Buffer.alloc(10), false)).toBe(413);
    // A body longer than it said: stopped at the declared length.
    const cut = await rawUpload(curator, csrf, 'cut.pdf', 1_000_000, Buffer.alloc(64 * 1024, 65), true);
    expect(cut === 'cut' || cut >= 400).toBe(true);
    expect((await upload(curator, 'empty.txt', Buffer.alloc(0))).status).toBe(400);
    expect((await curator.post('/api/workspace/uploads?name=', Buffer.from('x'))).status).toBe(400);
    expect((await curator.post('/api/workspace/uploads', Buffer.from('x'))).status).toBe(400);
    expect((await upload(curator, '../../etc/passwd', Buffer.from('Mercury'))).body.fileName).toBe('passwd');
    await new Promise((r) => setTimeout(r, 500));
    // Only the accepted `passwd` upload added a row; the refused and the cut ones left no row and no file.
    const after = await platform.context.db.select().from(uploadJobs).all();
    expect(after.length).toBe(before + 1);
    const deadline = Date.now() + 60_000;
    while (uploadsDir().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(uploadsDir()).toEqual([]);

    // Hundreds at once: past the number in progress, a 429 until some finish.
    const now = new Date().toISOString();
    const flood = Array.from({ length: UPLOAD_MAX_ACTIVE }, (_, i) => ({ id: `flood-${i}`, userId: curatorId, fileName: `f${i}.txt`, sizeBytes: 1, stage: 'queued' as const, targetStatus: 'published' as const, createdAt: now, updatedAt: now }));
    for (let i = 0; i < flood.length; i += 100) await platform.context.db.insert(uploadJobs).values(flood.slice(i, i + 100)).run();
    expect((await upload(curator, 'one-more.txt', Buffer.from('Mercury once more'))).status).toBe(429);
    await platform.context.db.delete(uploadJobs).where(eq(uploadJobs.userId, curatorId)).run();
  }, 180_000);
});
