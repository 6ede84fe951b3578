import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, forums, openDatabase, outbox, type Db } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../../test/smtp-capture';
import type { Config } from '../config';
import { createEventBus } from '../events';
import { createUser } from './accounts';
import { claimQueuedEmails, queueDailyDigests, sendQueuedEmails } from './digest';
import { setFollow } from './forums';
import { viewerForUser } from './sessions';
import { createReply, createThread } from './threads';

let dir: string;
let target: string;
let db: Db;
let smtp: SmtpCapture;
let smtpPort: number;
let received: CapturedMail[];
const log = { info: () => {}, error: (m: string, e?: unknown) => console.error(m, e) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mep-digest-'));
  target = await createTestDatabaseTarget(dir);
  db = await openDatabase(target);
  smtp = await startSmtpCapture();
  received = smtp.received;
  smtpPort = Number(new URL(smtp.url).port);
});
afterAll(async () => {
  await smtp.close();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const config = (smtpUrl?: string) => ({ smtpUrl, mailFrom: 'MEP <no-reply@mep.test>', publicUrl: 'https://mep.test' }) as Config;

describe('daily digest e-mails through the outbox and a real SMTP server', () => {
  it('queues one digest per follower and day, and sends it over SMTP', async () => {
    const events = createEventBus((name, error) => console.error(name, error));
    await db.insert(forums).values({ id: 'asgm', title: { en: 'ASGM' }, createdAt: new Date().toISOString() }).run();
    const alice = await createUser(db, { email: 'alice@mep.test', password: 'correct horse battery', displayName: 'Alice' });
    const bob = await createUser(db, { email: 'bob@mep.test', password: 'correct horse battery', displayName: 'Bob' });
    const aliceViewer = await viewerForUser(db, alice);
    const bobViewer = await viewerForUser(db, bob);
    await setFollow(db, bobViewer, 'forum', 'asgm', true);

    const { thread } = await createThread({ db, events }, aliceViewer, 'asgm', { title: 'Mercury-free gold <processing>', body: 'How do you phase out whole-ore amalgamation?', concepts: [], documentIds: [] });
    await setFollow(db, bobViewer, 'thread', String(thread.id), true);
    await createReply({ db, events }, aliceViewer, thread.id, 'Retorts first.');

    const now = new Date();
    expect(await queueDailyDigests({ db, config: config(), log }, now)).toBe(1);
    // Idempotent for the day: running again queues nothing new.
    expect(await queueDailyDigests({ db, config: config(), log }, now)).toBe(0);

    // Without SMTP the e-mail waits in the outbox.
    expect(await sendQueuedEmails({ db, config: config(), log })).toEqual({ sent: 0, failed: 0, skipped: true });
    expect(await db.select().from(outbox).all()).toHaveLength(1);

    const result = await sendQueuedEmails({ db, config: config(`smtp://127.0.0.1:${smtpPort}`), log });
    expect(result).toEqual({ sent: 1, failed: 0, skipped: false });
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual(['bob@mep.test']);
    expect(mail.from).toBe('no-reply@mep.test');
    expect(mail.raw).toContain('Subject: Minamata Exchange Platform: 2 new');
    expect(mail.raw).toContain('https://mep.test/forums/threads/');
    // The HTML part escapes thread titles.
    expect(mail.raw).toContain('Mercury-free gold &lt;processing&gt;');
    expect((await db.select().from(outbox).get())?.sentAt).toBeTruthy();

    // Sent e-mails are not sent twice.
    expect((await sendQueuedEmails({ db, config: config(`smtp://127.0.0.1:${smtpPort}`), log })).sent).toBe(0);
  });

  it('records SMTP failures on the row and retries later', async () => {
    await db.insert(outbox).values({ dedupeKey: 'test:unreachable', toAddress: 'x@mep.test', subject: 's', text: 't', createdAt: new Date().toISOString() }).run();
    const result = await sendQueuedEmails({ db, config: config('smtp://127.0.0.1:1'), log: { info: () => {}, error: () => {} } });
    expect(result.failed).toBe(1);
    const row = (await db.select().from(outbox).all()).find((r) => r.dedupeKey === 'test:unreachable');
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toBeTruthy();
    expect(row?.sentAt).toBeNull();
  });

  it('gives each queued e-mail to one flusher when several processes claim at once', async () => {
    const now = new Date().toISOString();
    await db.insert(outbox).values(Array.from({ length: 40 }, (_, i) => ({ dedupeKey: `test:claim:${i}`, toAddress: `c${i}@mep.test`, subject: 's', text: 't', createdAt: now }))).run();
    // Separate connections, as separate processes or nodes would have.
    const others = await Promise.all([openDatabase(target), openDatabase(target)]);
    try {
      const claims = await Promise.all([db, ...others].flatMap((handle) => [claimQueuedEmails(handle, 9), claimQueuedEmails(handle, 9)]));
      const ids = claims.flat().filter((row) => row.dedupeKey.startsWith('test:claim:')).map((row) => row.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Claimed rows are not claimed again while their lease runs.
      expect((await claimQueuedEmails(db, 500)).filter((row) => ids.includes(row.id))).toEqual([]);
    } finally {
      await Promise.all(others.map((handle) => closeDatabase(handle)));
    }
  });
});
