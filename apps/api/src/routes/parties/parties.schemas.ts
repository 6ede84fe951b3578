import { z } from 'zod';

const labels = z.object({ ar: z.string(), en: z.string(), es: z.string(), fr: z.string(), ru: z.string(), zh: z.string() });
export const partySummary = z.object({ id: z.string(), iso3: z.string(), labels, region: z.string().nullable(), subRegion: z.string().nullable(), group: z.string().nullable() });

const answerKind = z.enum(['yes', 'no', 'not-applicable', 'number']);
const documentItem = z.object({ documentId: z.string(), title: z.string(), doctype: z.string(), year: z.number().int().nullable(), language: z.string() });
/** GET /api/parties/:iso3 (PartyProfileDto in contracts.ts). */
export const partyProfileResponse = partySummary.extend({
  counts: z.object({ documents: z.number().int(), nationalReports: z.number().int(), actionPlans: z.number().int(), threads: z.number().int() }),
  documents: z.array(documentItem),
  nationalReports: z.array(z.object({ documentId: z.string(), title: z.string(), cycle: z.enum(['full', 'short']).nullable(), period: z.string().nullable(), year: z.number().int().nullable(), language: z.string() })),
  actionPlans: z.array(documentItem),
  answers: z.array(
    z.object({ article: z.string(), question: z.string(), questionText: z.string(), answer: answerKind.nullable(), value: z.number().nullable(), unit: z.string().nullable(), text: z.string().nullable(), documentId: z.string(), page: z.number().int(), confidence: z.number(), source: z.enum(['parser', 'curator']) }),
  ),
  regionAnswers: z.array(z.object({ article: z.string(), question: z.string(), counts: z.record(z.string(), z.number().int()) })),
  threads: z.array(z.object({ id: z.number().int(), forumId: z.string(), title: z.string(), lastPostAt: z.string() })),
});

export const partiesQuery = z.object({
  region: z.string().regex(/^(?:region:)?\d{3}$/, 'must be an M49 code such as 002 or region:002').transform((s) => `region:${s.replace('region:', '')}`).optional(),
  group: z.string().regex(/^(?:group:)?[a-z-]{2,30}$/, 'must be a UN regional group such as group:african').transform((s) => `group:${s.replace('group:', '')}`).optional(),
});

