import { z } from 'zod';
import { languageSchema } from '../vocabulary.schemas';

/** `article:1` … `article:35`, `annex:A` … `annex:E`: the Convention's own structure, nothing else. */
export const conventionSectionId = z
  .string()
  .regex(/^(?:article:(?:[1-9]|[12]\d|3[0-5])|annex:[A-E])$/, 'must be article:1 … article:35 or annex:A … annex:E');

export const conventionParams = z.object({ id: conventionSectionId });
export const conventionQuery = z.object({
  lang: languageSchema.optional().describe("The reader's language: the Convention's text in it where the repository holds that language."),
  limit: z.coerce.number().int().min(1).max(50).optional().default(20),
});

const evidence = z.object({ page: z.number().int(), text: z.string() });

export const conventionSectionResponse = z.object({
  id: z.string(),
  text: z
    .object({
      documentId: z.string(),
      title: z.string(),
      language: z.string(),
      fileUrl: z.string(),
      fromPage: z.number().int(),
      toPage: z.number().int(),
      pages: z.array(z.object({ page: z.number().int(), text: z.string() })),
    })
    .nullable()
    .describe('The article’s or annex’s own text in a copy of the Convention, from its heading to the next; null when the repository holds no copy in which it was found.'),
  languages: z.array(z.string()).describe('Languages of the copies of the Convention in the repository.'),
  referring: z
    .array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        symbol: z.string().nullable(),
        doctype: z.string(),
        language: z.string(),
        year: z.number().int().nullable(),
        score: z.number(),
        evidence: z.array(evidence),
      }),
    )
    .describe('Other documents that refer to it, best first (tag score), with the pages that do.'),
  referringTotal: z.number().int().describe('How many other documents refer to it (the list stops at `limit`).'),
});
