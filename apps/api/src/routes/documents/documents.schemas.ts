import { z } from 'zod';
import { DOCUMENT_STATUSES } from '@mep/vocabulary';

export const documentIdParams = z.object({ id: z.string().regex(/^[a-f0-9]{16,64}$/, 'is not a document id') });
export const documentPageParams = documentIdParams.extend({ n: z.coerce.number().int().min(1, 'pages are numbered from 1').max(100_000) });
export const fileQuery = z.object({ download: z.enum(['0', '1', 'true', 'false']).optional() });
export const relatedQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).optional().default(5) });

const evidence = z.object({ page: z.number().int(), text: z.string() });

export const documentResponse = z.object({
  id: z.string(),
  title: z.string(),
  symbol: z.string().nullable(),
  date: z.string().nullable(),
  year: z.number().int().nullable(),
  language: z.string(),
  languageCode: z.string().describe('ISO 639-1: the language itself for the six UN languages, the detected code (e.g. `pt`) for `other`, empty when unknown.'),
  doctype: z.string(),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  pageCount: z.number().int(),
  flags: z.array(z.string()),
  fileUrl: z.string(),
  concepts: z.array(
    z.object({
      id: z.string(),
      scheme: z.string(),
      score: z.number(),
      count: z.number().int(),
      evidence: z.array(evidence),
      source: z.enum(['tagger', 'curator']).describe('`curator`: confirmed or added by a curator (kept on retagging); `tagger`: suggested by the tagger.'),
    }),
  ),
  createdAt: z.string(),
  status: z.enum(DOCUMENT_STATUSES).describe('Only curators (and a draft\'s submitter) ever see a document that is not `published`.'),
  statusReason: z.string().nullable(),
  version: z.number().int().describe('Metadata version: send it back with a correction (a stale one is a 409).'),
  summary: z.string().nullable().describe('A curator\'s summary, when one was written.'),
  ocr: z
    .object({
      status: z.enum(['queued', 'running', 'done', 'failed']),
      languages: z.string(),
      pagesTotal: z.number().int(),
      pagesDone: z.number().int(),
      lowConfidencePages: z.array(z.number().int()),
      message: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable()
    .describe('Background text recognition of image pages (OCR); null when the document needed none.'),
});

const ocrConfidence = z.number().nullable().describe('0–100 when the text was recognised from the page image (OCR); null for the file’s own text.');
export const pageResponse = z.object({ documentId: z.string(), page: z.number().int(), text: z.string(), ocrConfidence, pageCount: z.number().int() });
export const pagesResponse = z.object({ documentId: z.string(), pageCount: z.number().int(), pages: z.array(z.object({ page: z.number().int(), text: z.string(), ocrConfidence })) });
export const relatedResponse = z.object({
  documents: z.array(z.object({ documentId: z.string(), title: z.string(), doctype: z.string(), year: z.number().int().nullable(), language: z.string(), sharedConcepts: z.array(z.string()) })),
});
