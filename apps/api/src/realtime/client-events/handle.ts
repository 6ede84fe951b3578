/** The one way a client event is handled: validate, re-read the viewer, run, always acknowledge, never throw. */
import type { ZodType } from 'zod';
import type { AppContext } from '../../context';
import { ApiError } from '../../errors';
import type { Viewer } from '../../policies';
import type { Ack, ClientEventMap, ClientEventName, ErrorBody } from '../events';
import type { Presence } from '../rooms';
import type { RealtimeServer, RealtimeSocket } from '../types';

/** What a client event handler may use besides its payload and viewer. */
export interface ClientEventContext {
  db: AppContext['db'];
  io: RealtimeServer;
  socket: RealtimeSocket;
  presence: Presence;
}

type Payload<E extends ClientEventName> = ClientEventMap[E]['payload'];
type Result<E extends ClientEventName> = ClientEventMap[E]['result'];

/** One client event: the schema its payload must pass and what it does (its return value is the acknowledgement). */
export interface ClientEventHandler<E extends ClientEventName> {
  schema: ZodType<Payload<E>>;
  run(payload: Payload<E>, viewer: Viewer, context: ClientEventContext): Result<E> | Promise<Result<E>>;
}

/** A handler for every client event: a new entry in ClientEventMap does not compile until it has one. */
export type ClientEventHandlers = { [E in ClientEventName]: ClientEventHandler<E> };

function toErrorBody(error: unknown, log: AppContext['log']): ErrorBody {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  log.error('Unhandled error in a socket handler', error);
  return { code: 'internal_error', message: 'Something went wrong on our side.' };
}

/**
 * Listens for `event` on the socket. The payload is validated first (a hostile client sends anything),
 * the viewer is re-read for every event (a session ended or a role changed takes effect at once), the
 * acknowledgement, if the client asked for one, always gets an answer, and nothing ever throws.
 */
export function listen<E extends ClientEventName>(
  event: E,
  handler: ClientEventHandler<E>,
  context: ClientEventContext,
  currentViewer: () => Promise<Viewer>,
  log: AppContext['log'],
): void {
  const listener = async (payload: unknown, ack?: unknown): Promise<void> => {
    const reply = (result: Ack<Result<E>>) => {
      if (typeof ack === 'function') ack(result);
    };
    const parsed = handler.schema.safeParse(payload);
    if (!parsed.success) {
      reply({ ok: false, error: { code: 'invalid_payload', message: `Invalid ${event} payload: ${parsed.error.issues[0]?.message ?? 'malformed'}` } });
      return;
    }
    try {
      const result = await handler.run(parsed.data, await currentViewer(), context);
      reply({ ...result, ok: true });
    } catch (error) {
      reply({ ok: false, error: toErrorBody(error, log) });
    }
  };
  // Named as the whole union: Socket.IO's listener type cannot be resolved for a generic event name, and
  // a listener taking `unknown` fits every client event.
  context.socket.on<ClientEventName>(event, listener);
}
