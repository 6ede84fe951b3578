import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, documents, openDatabase, pages, pingDatabase } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'mep-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('migrates a new file, survives reopening, and cascades page deletes', () => {
    const path = join(dir, 'nested', 'mep.sqlite');
    const db = openDatabase(path);
    const now = new Date().toISOString();
    db.insert(documents)
      .values({ id: 'd1', sha256: 'x', fileName: 'a.pdf', mime: 'application/pdf', kind: 'pdf', sizeBytes: 1, title: 'A', language: 'en', doctype: 'doctype:guidance', pageCount: 1, createdAt: now, updatedAt: now })
      .run();
    db.insert(pages).values({ documentId: 'd1', page: 1, text: 'mercury' }).run();
    closeDatabase(db);

    const again = openDatabase(path);
    expect(pingDatabase(again)).toBe(true);
    expect(again.select().from(documents).all()).toHaveLength(1);
    again.delete(documents).where(eq(documents.id, 'd1')).run();
    expect(again.select().from(pages).all()).toHaveLength(0);
    closeDatabase(again);
    expect(pingDatabase(again)).toBe(false);
  });
});
