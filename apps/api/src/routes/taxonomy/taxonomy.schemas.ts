import { z } from 'zod';
import { labelsSchema, languageSchema, schemeSchema } from '../vocabulary.schemas';

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
});

export const taxonomyResponse = z.object({ schemes: z.array(z.object({ id: z.string(), label: labelsSchema })), concepts: z.array(conceptSummarySchema) });

/** A concept with everything the vocabulary knows of it. */
export const conceptResponse = conceptSummarySchema.extend({
  altLabels: z.partialRecord(languageSchema, z.array(z.string())),
  related: z.array(z.string()),
  exactMatch: z.array(z.string()),
  documentCount: z.number().int(),
});
