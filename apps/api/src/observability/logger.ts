import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Level, type Logger as PinoLogger } from 'pino';

/** What every part of the platform logs through (a plain object works too: tests pass quiet ones). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  debug?(message: string, fields?: Record<string, unknown>): void;
}

/** A Logger backed by pino; `pino` is what pino-http writes request lines through. */
export interface StructuredLogger extends Logger {
  warn(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  pino: PinoLogger;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Fields of the unit of work in progress (an HTTP request, a socket event, an ingest run). Every log
 * line written while it runs carries them, whichever module logs: a service called by a route handler
 * does not need the request passed down to log its id.
 */
export interface LogScope {
  requestId?: string;
  socketId?: string;
  event?: string;
  ingestRunId?: string;
}

const scope = new AsyncLocalStorage<LogScope>();

/** Runs `fn` with these fields added (to the enclosing scope's) on every log line it causes. */
export function withLogScope<T>(fields: LogScope, fn: () => T): T {
  return scope.run({ ...scope.getStore(), ...fields }, fn);
}

/** The fields of the unit of work in progress, if any. */
export function currentLogScope(): LogScope | undefined {
  return scope.getStore();
}

/**
 * JSON lines (pino) at `level`, with the current log scope mixed into every line. Errors are
 * serialised with their stack and cause under `err`.
 */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream; name?: string } = {}): StructuredLogger {
  const logger = pino(
    {
      name: options.name ?? 'mep',
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...scope.getStore() }),
      serializers: { err: pino.stdSerializers.errWithCause },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
  return wrapPino(logger);
}

function wrapPino(logger: PinoLogger): StructuredLogger {
  const at = (level: Level) => (message: string, fields?: Record<string, unknown>) => logger[level](fields ?? {}, message);
  return {
    pino: logger,
    info: at('info'),
    warn: at('warn'),
    debug: at('debug'),
    error: (message, error) => (error === undefined ? logger.error(message) : logger.error({ err: error }, message)),
  };
}

/** The pino behind a logger, or a silent one for plain loggers (pino-http then only assigns request ids). */
export function pinoOf(log: Logger): PinoLogger {
  return (log as Partial<StructuredLogger>).pino ?? pino({ level: 'silent' });
}

/**
 * The logger of a one-shot command (`mep ingest`, `mep reindex`): stderr, warnings and errors only
 * unless LOG_LEVEL says otherwise, so stdout stays the command's own table.
 */
export function createCommandLogger(level: LogLevel | undefined): StructuredLogger {
  return createLogger({ level: level ?? 'warn', destination: pino.destination({ fd: 2, sync: true }) });
}
