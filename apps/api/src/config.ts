import { resolve } from 'node:path';
import { DEFAULT_OCR_SETTINGS, readS3ConfigFromEnv, type BlobStoreConfig, type OcrSettings } from '@mep/ingest';
import { z } from 'zod';
import { CSRF_COOKIE } from '@mep/vocabulary';
import { LOG_LEVELS, type LogLevel } from './observability/logger';
import { SESSION_COOKIE } from './services/sessions';

export interface Config {
  dataDir: string;
  /** Where the source of truth lives: a PostgreSQL URL (`DATABASE_URL`), else `<dataDir>/mep.sqlite`. */
  database: string;
  /** PostgreSQL connections per process (`MEP_DATABASE_POOL`). */
  databasePoolSize: number;
  port: number;
  /** External Meilisearch; when absent the platform starts its own child process. */
  meiliUrl?: string;
  meiliMasterKey?: string;
  blobStore: BlobStoreConfig;
  /** Several API nodes share Socket.IO events through Redis when set. */
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  /** Public origin of the site, used in e-mails. */
  publicUrl: string;
  webDistDir: string;
  /** Cookies get the Secure flag when the site is served over HTTPS. */
  secureCookies: boolean;
  /**
   * Cookie names: with secure cookies they carry the `__Host-` prefix, which browsers accept only
   * when Secure, host-only and Path=/, so a sibling subdomain or plain-HTTP page cannot plant them.
   */
  cookieNames: { session: string; csrf: string };
  /**
   * Express `trust proxy`: which reverse proxies may tell the client address (X-Forwarded-For).
   * false (the default) trusts none; a hop count, or addresses / subnets / loopback, linklocal, uniquelocal.
   */
  trustProxy: boolean | number | string[];
  /** Multiplies every request limit of rate-limits.ts (benchmarks that hammer one endpoint raise it). */
  rateLimitScale: number;
  /** Wall-clock budget of rendering one user text's Markdown (worker thread); over it → 422. */
  markdownBudgetMs: number;
  /** pino level; when unset, `mep serve` logs at info and other commands at warn (their output is the table). */
  logLevel?: LogLevel;
  /** Bearer token that opens GET /metrics; without one the endpoint answers 404. */
  metricsToken?: string;
  /** SIGTERM: how long /api/ready answers 503 before the listener closes, and the bound on in-flight requests. */
  shutdown: { delayMs: number; timeoutMs: number };
  /** Records per OAI-PMH list response (the rest follows through resumption tokens). */
  oaiPageSize: number;
  /** Identify's adminEmail; `.invalid` until an operator sets a real one. */
  oaiAdminEmail: string;
  /** Background OCR of image-only and unreadable PDF pages. */
  ocr: OcrSettings;
  /** Longest wait between two tries of a search index update while Meilisearch is away (`MEP_SEARCH_RETRY_MAX_MS`). */
  searchRetryMaxMs: number;
  /** Anonymous search analytics (issue 14): recorded unless `MEP_SEARCH_ANALYTICS=off`; events older than `retentionDays` are deleted daily. */
  searchAnalytics: { enabled: boolean; retentionDays: number };
}

/** Every environment variable the API reads itself (object storage settings: readS3ConfigFromEnv). */
export const configEnvSchema = z.object({
  MEP_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/i, 'DATABASE_URL must be a postgres:// or postgresql:// URL').optional(),
  MEP_DATABASE_POOL: z.coerce.number().int().min(1).max(200).default(10),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Minamata Exchange Platform <no-reply@localhost>'),
  MEP_PUBLIC_URL: z.url().optional(),
  MEP_WEB_DIST: z.string().optional(),
  MEP_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  MEP_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/, 'MEP_TRUST_PROXY must be true, false, a hop count or a comma-separated list of addresses, subnets or loopback / linklocal / uniquelocal')
    .optional(),
  MEP_RATE_LIMIT_SCALE: z.coerce.number().min(1).max(100_000).default(1),
  MEP_MARKDOWN_BUDGET_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  MEP_SEARCH_RETRY_MAX_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  MEP_METRICS_TOKEN: z.string().min(16, 'MEP_METRICS_TOKEN must be at least 16 characters').optional(),
  MEP_SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
  MEP_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  MEP_OAI_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  MEP_OAI_ADMIN_EMAIL: z.email().default('admin@mep.invalid'),
  MEP_OCR: z.enum(['on', 'off']).default('on'),
  MEP_TESSERACT_PATH: z.string().min(1).default(DEFAULT_OCR_SETTINGS.tesseractPath),
  MEP_PDFTOPPM_PATH: z.string().min(1).default(DEFAULT_OCR_SETTINGS.pdftoppmPath),
  MEP_OCR_MAX_PAGES: z.coerce.number().int().min(1).max(100_000).optional(),
  MEP_OCR_PAGE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(DEFAULT_OCR_SETTINGS.pageTimeoutMs),
  MEP_OCR_MAX_MEMORY_MB: z.coerce.number().int().min(64).max(65_536).default(DEFAULT_OCR_SETTINGS.maxMemoryMb),
  MEP_OCR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(DEFAULT_OCR_SETTINGS.concurrency),
  MEP_SEARCH_ANALYTICS: z.enum(['on', 'off']).default('on'),
  MEP_SEARCH_ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
});

export class ConfigError extends Error {
  readonly code = 'invalid_config';
}

/** Reads settings from the environment; unknown or malformed values fail fast with the variable's name. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configEnvSchema.safeParse(blank);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid settings: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.MEP_DATA_DIR);
  const s3 = readS3ConfigFromEnv(env);
  const publicUrl = e.MEP_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const secureCookies = e.MEP_SECURE_COOKIES ? e.MEP_SECURE_COOKIES === 'true' : publicUrl.startsWith('https:');
  return {
    dataDir,
    database: e.DATABASE_URL ?? resolve(dataDir, 'mep.sqlite'),
    databasePoolSize: e.MEP_DATABASE_POOL,
    port: e.PORT,
    meiliUrl: e.MEILI_URL,
    meiliMasterKey: e.MEILI_MASTER_KEY,
    blobStore: s3 ?? { kind: 'local', dir: resolve(dataDir, 'blobs') },
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl,
    webDistDir: resolve(e.MEP_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    secureCookies,
    cookieNames: secureCookies ? { session: `__Host-${SESSION_COOKIE}`, csrf: `__Host-${CSRF_COOKIE}` } : { session: SESSION_COOKIE, csrf: CSRF_COOKIE },
    trustProxy: parseTrustProxy(e.MEP_TRUST_PROXY),
    rateLimitScale: e.MEP_RATE_LIMIT_SCALE,
    markdownBudgetMs: e.MEP_MARKDOWN_BUDGET_MS,
    searchRetryMaxMs: e.MEP_SEARCH_RETRY_MAX_MS,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.MEP_METRICS_TOKEN,
    shutdown: { delayMs: e.MEP_SHUTDOWN_DELAY_MS, timeoutMs: e.MEP_SHUTDOWN_TIMEOUT_MS },
    oaiPageSize: e.MEP_OAI_PAGE_SIZE,
    oaiAdminEmail: e.MEP_OAI_ADMIN_EMAIL,
    ocr: {
      ...DEFAULT_OCR_SETTINGS,
      enabled: e.MEP_OCR === 'on',
      tesseractPath: e.MEP_TESSERACT_PATH,
      pdftoppmPath: e.MEP_PDFTOPPM_PATH,
      maxPages: e.MEP_OCR_MAX_PAGES,
      pageTimeoutMs: e.MEP_OCR_PAGE_TIMEOUT_MS,
      maxMemoryMb: e.MEP_OCR_MAX_MEMORY_MB,
      concurrency: e.MEP_OCR_CONCURRENCY,
    },
    searchAnalytics: { enabled: e.MEP_SEARCH_ANALYTICS === 'on', retentionDays: e.MEP_SEARCH_ANALYTICS_RETENTION_DAYS },
  };
}

/** MEP_TRUST_PROXY → the value Express's `trust proxy` setting takes. */
function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}
