import type { AppContext } from '../context';
import { queueDailyDigests, sendQueuedEmails } from './digest';
import { seedThemeForums } from './forums';
import { ensurePostsIndex, subscribePostIndexer } from './post-search';

export interface ForumRuntime {
  /** Resolves once every queued search-index update is applied. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * Start-up work of the discussion features for one API process: seed the thematic forums (idempotent),
 * prepare the posts index, keep it in step with committed changes, and queue / send digests hourly
 * (at most one digest per user and day, see queueDailyDigests).
 */
export async function startForumRuntime(context: AppContext, options: { digests?: boolean } = {}): Promise<ForumRuntime> {
  await seedThemeForums(context.db, context.taxonomy);
  await ensurePostsIndex(context.search);
  const indexer = subscribePostIndexer(context);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  if (options.digests !== false) {
    const tick = () => {
      running = (async () => {
        try {
          await queueDailyDigests(context);
          await sendQueuedEmails(context);
        } catch (error) {
          context.log.error('Digest run failed', error);
        }
      })();
    };
    timer = setInterval(tick, HOUR);
    timer.unref();
  }
  return {
    idle: () => indexer.idle(),
    async stop() {
      if (timer) clearInterval(timer);
      indexer.stop();
      await running;
      // Pending index updates are rows in the search outbox: the next worker (any node) applies them.
    },
  };
}
