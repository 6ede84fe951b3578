import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventBus, DOMAIN_EVENT_NAMES } from './events';

/** Every non-test source file of the API. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [path] : [];
  });
}

describe('domain events', () => {
  const source = sourceFiles(import.meta.dirname).map((file) => readFileSync(file, 'utf8')).join('\n');

  it('lists the declared events', () => {
    expect([...DOMAIN_EVENT_NAMES].sort()).toEqual([
      'documents.changed',
      'documents.ingested',
      'forums.member.removed',
      'notifications.created',
      'notifications.read',
      'posts.created',
      'posts.updated',
      'sessions.revoked',
      'taxonomy.retag.progress',
      'threads.created',
      'threads.updated',
      'uploads.progress',
      'users.deleted',
      'users.role.changed',
    ]);
  });

  for (const name of DOMAIN_EVENT_NAMES) {
    it(`${name} is emitted somewhere`, () => {
      expect(source.includes(`events.emit('${name}'`), `nothing emits ${name}: emit it or remove it from DomainEventMap`).toBe(true);
    });
  }

  it('dispatches after commit, and nothing when the change throws', async () => {
    const bus = createEventBus(() => undefined);
    const seen: number[] = [];
    bus.on('posts.created', (e) => {
      seen.push(e.postId);
    });
    await bus.afterCommit(async () => {
      bus.emit('posts.created', { postId: 1, threadId: 1, forumId: 'f' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([1]);
    await expect(
      bus.afterCommit(async () => {
        bus.emit('posts.created', { postId: 2, threadId: 1, forumId: 'f' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(seen).toEqual([1]);
  });

  it('keeps overlapping changes apart: a failed one never drops or sends the other one\'s events', async () => {
    const bus = createEventBus(() => undefined);
    const seen: number[] = [];
    bus.on('posts.created', (e) => {
      seen.push(e.postId);
    });
    const slow = bus.afterCommit(async () => {
      bus.emit('posts.created', { postId: 10, threadId: 1, forumId: 'f' });
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    const failing = bus.afterCommit(async () => {
      bus.emit('posts.created', { postId: 11, threadId: 1, forumId: 'f' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect(seen).toEqual([]);
    await slow;
    expect(seen).toEqual([10]);
  });
});
