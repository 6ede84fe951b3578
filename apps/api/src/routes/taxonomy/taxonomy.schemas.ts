import { z } from 'zod';
import { EXTENSIBLE_SCHEMES, TAXONOMY_RETAG_STAGES, UN_LANGUAGES, type Lang } from '@mep/vocabulary';
import { labelsSchema, languageSchema, objectOf, schemeSchema } from '../vocabulary.schemas';
import { conceptIdSchema } from '../workspace/workspace.schemas';

export const taxonomyQuery = z.object({ scheme: schemeSchema.optional() });
export const conceptIdParams = z.object({ id: z.string().min(3).max(80).regex(/^[a-z]+:[A-Za-z0-9-]+$/, 'must look like scheme:id') });

/** A concept as listed in the taxonomy: enough to label facets and chips in six languages. */
export const conceptSummarySchema = z.object({
  id: z.string(),
  scheme: z.string(),
  prefLabel: labelsSchema,
  broader: z.array(z.string()),
  narrower: z.array(z.string()),
  articles: z.array(z.string()),
  notation: z.string().optional(),
  /** Present on deprecated concepts only: the id keeps resolving and names its replacement. */
  deprecated: z.literal(true).optional(),
  replacedBy: z.string().optional(),
});

export const taxonomyResponse = z.object({
  /** The taxonomy's version: it changes with every curator edit. */
  version: z.number().int(),
  schemes: z.array(z.object({ id: z.string(), label: labelsSchema })),
  concepts: z.array(conceptSummarySchema),
});

/** A concept with everything the vocabulary knows of it. */
export const conceptResponse = conceptSummarySchema.extend({
  altLabels: z.partialRecord(languageSchema, z.array(z.string())),
  related: z.array(z.string()),
  exactMatch: z.array(z.string()),
  documentCount: z.number().int(),
  /** The concept's version, named by an edit (0: as committed, never edited). */
  version: z.number().int(),
});

// ------------------------------------------------------------------------------------------------
// Curators' edits (issue 11 §4)

/** C0 controls (tab and line breaks included: a label is one line) and DEL. */
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127);

/** A label as typed: trimmed, one line. HTML is allowed as text (stored as typed, rendered inert). */
const label = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'a label cannot be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !hasControl(s), 'contains control characters or line breaks');

const articleIdSchema = z.string().regex(/^(article:([1-9]|[12][0-9]|3[0-5])|annex:[A-E])$/, 'must be article:1 … article:35 or annex:A … annex:E');
/** An IRI written into Turtle as <…>: http(s) only, none of the characters an IRI reference may not hold. */
const exactMatchSchema = z
  .string()
  .max(300)
  .regex(/^https?:\/\/[^\s<>"{}|\\^`]+$/, 'must be an http(s) URI')
  .refine((s) => URL.canParse(s), 'must be an http(s) URI');

const unique = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max, `at most ${max}`)
    .default([])
    .transform((list) => [...new Set(list)]);

/** What a curator edits: six preferred labels, alternative labels, broader / related, articles, exactMatch. */
const conceptContent = z.object({
  prefLabel: objectOf<Lang, ReturnType<typeof label>>(UN_LANGUAGES, label(200)).strict(),
  altLabels: z.partialRecord(languageSchema, unique(label(100), 30)).default({}),
  broader: unique(conceptIdSchema, 20),
  related: unique(conceptIdSchema, 50),
  articles: unique(articleIdSchema, 40),
  exactMatch: unique(exactMatchSchema, 20),
});
export type ConceptContent = z.infer<typeof conceptContent>;

export const newConceptBody = conceptContent
  .extend({
    scheme: z.enum(EXTENSIBLE_SCHEMES),
    slug: z.string().min(2).max(60).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens, like mercury-cell-phase-out'),
  })
  .strict();

export const conceptEditBody = conceptContent.extend({ version: z.number().int().min(0).describe('The version the edit was made on (0: the committed concept).') }).strict();

export const deprecateBody = z.object({ version: z.number().int().min(0), replacedBy: conceptIdSchema }).strict();

export const retagJobSchema = z.object({
  id: z.string(),
  conceptId: z.string(),
  stage: z.enum(TAXONOMY_RETAG_STAGES),
  total: z.number().int(),
  done: z.number().int(),
  message: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const conceptEditResponse = z.object({ concept: conceptResponse, job: retagJobSchema });
export const retagJobsResponse = z.object({ jobs: z.array(retagJobSchema) });
