import { z } from 'zod';
import { DOCTYPE_IDS, DOCUMENT_STATUSES, NEW_DOCUMENT_STATUSES, type NewDocumentStatus } from '@mep/vocabulary';
import { documentLanguageSchema } from '../vocabulary.schemas';

/** Text a person typed: trimmed, no control characters. HTML is allowed as text (stored as typed, rendered inert). */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((s) => ![...s].some(isControl), 'contains control characters');

/** C0 controls other than tab, line feed and carriage return, and DEL. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
}

const reason = plainText(1000).pipe(z.string().min(3, 'give a reason of at least 3 characters'));

export const reviewBody = z
  .object({ decision: z.enum(['publish', 'reject', 'withdraw']), reason: reason.optional() })
  .strict()
  .refine((b) => b.decision === 'publish' || b.reason !== undefined, { message: 'rejecting or withdrawing needs a reason', path: ['reason'] });

export const partyIdSchema = z.string().regex(/^party:[A-Z]{3}$/, 'must look like party:KEN');
export const conceptIdSchema = z.string().min(3).max(80).regex(/^[a-z]+:[A-Za-z0-9-]+$/, 'must look like scheme:id');

export const metadataBody = z
  .object({
    version: z.number().int().min(1),
    title: plainText(500).pipe(z.string().min(1, 'a title cannot be empty')).optional(),
    symbol: plainText(100).nullable().optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'is not a date').nullable().optional(),
    doctype: z.enum(DOCTYPE_IDS as [string, ...string[]]).optional(),
    language: documentLanguageSchema.optional(),
    parties: z.array(partyIdSchema).max(200).optional(),
    summary: plainText(4000).nullable().optional(),
  })
  .strict();

export const tagParams = z.object({ id: z.string().regex(/^[a-f0-9]{16,64}$/, 'is not a document id'), conceptId: conceptIdSchema });
export const tagBody = z.object({ decision: z.enum(['confirmed', 'rejected']), page: z.number().int().min(1).max(100_000).optional() }).strict();

export const queueQuery = z.object({
  status: z.enum(['draft', 'flagged', 'withdrawn']).optional(),
  party: partyIdSchema.optional(),
  sort: z.enum(['newest', 'oldest', 'title']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** An audit date (a day, or an ISO instant): a real calendar date between 2000 and 2100, else 400. */
const auditDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/, 'must be an ISO date (YYYY-MM-DD)')
  .refine((s) => {
    const day = s.slice(0, 10);
    const parsed = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed) && new Date(parsed).toISOString().slice(0, 10) === day && day >= '2000-01-01' && day <= '2100-12-31';
  }, 'is not a plausible date (a calendar date between 2000 and 2100)');

export const auditQuery = z
  .object({
    /** An actor's user id, or part of their display name. */
    actor: plainText(100).optional(),
    action: z.string().max(60).regex(/^[a-z_.]+$/, 'is not an action name').optional(),
    documentId: z.string().regex(/^[a-f0-9]{16,64}$/, 'is not a document id').optional(),
    from: auditDate.optional(),
    to: auditDate.optional(),
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(5000).default(100),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from.slice(0, 10) <= q.to.slice(0, 10), { message: 'the dates are inverted: "from" must not be after "to"', path: ['to'] });

export const reviewResponse = z.object({ id: z.string(), status: z.enum(DOCUMENT_STATUSES), statusReason: z.string().nullable() });
export const okResponse = z.object({ ok: z.literal(true) });
export const retagResponse = z.object({ concepts: z.number().int() });

const metadata = z.record(z.string(), z.unknown());
export const revisionsResponse = z.object({ revisions: z.array(z.object({ version: z.number().int(), actorId: z.string(), at: z.string(), before: metadata, after: metadata })) });

export const queueResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      fileName: z.string(),
      doctype: z.string(),
      language: z.string(),
      status: z.enum(DOCUMENT_STATUSES),
      statusReason: z.string().nullable(),
      flags: z.array(z.string()),
      submittedForParty: z.string().nullable(),
      createdAt: z.string(),
      version: z.number().int(),
    }),
  ),
});

export const auditResponse = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actorId: z.string(),
      actorName: z.string().nullable(),
      action: z.string(),
      targetType: z.string(),
      targetId: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const uploadQuery = z.object({
  name: z.string().min(1, 'name the file').max(400),
  status: z.enum(NEW_DOCUMENT_STATUSES as [NewDocumentStatus, ...NewDocumentStatus[]]).optional().describe("Curators choose; a focal point's upload is always a draft."),
});

const uploadStage = z.enum(['queued', 'extracting', 'tagging', 'stored', 'indexed', 'duplicate', 'failed']);
export const uploadJobSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  stage: uploadStage,
  targetStatus: z.enum(NEW_DOCUMENT_STATUSES as [NewDocumentStatus, ...NewDocumentStatus[]]),
  errorCode: z.string().nullable().describe('Why it failed (stable code, e.g. `corrupt`, `unsupported-type`, `too-large`); the web app words it in the reader\'s language.'),
  message: z.string().nullable(),
  documentId: z.string().nullable().describe('The new document, or the existing one for a duplicate.'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const uploadsResponse = z.object({
  maxBytes: z.number().int(),
  jobs: z.array(uploadJobSchema.extend({ documentTitle: z.string().nullable() })),
});
