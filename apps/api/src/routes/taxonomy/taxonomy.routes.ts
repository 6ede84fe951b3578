import { count, eq } from 'drizzle-orm';
import { documentConcepts } from '@mep/db';
import { z } from 'zod';
import { CONCEPT_SCHEMES } from '@mep/vocabulary';
import type { TaxonomyResponse } from '../../contracts';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { defineRoute } from '../../http/define-route';
import { presentConcept, presentConceptSummary } from '../../presenters/concept';
import { labelsSchema, schemeSchema } from '../vocabulary.schemas';
import { SCHEME_LABELS } from './scheme-labels';

const summary = z.object({ id: z.string(), scheme: z.string(), prefLabel: labelsSchema, broader: z.array(z.string()), narrower: z.array(z.string()), articles: z.array(z.string()), notation: z.string().optional() });

export function taxonomyRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/taxonomy',
      tag: 'taxonomy',
      summary: 'The harmonized vocabulary: concept schemes and their concepts with labels in the six UN languages.',
      query: z.object({ scheme: schemeSchema.optional() }),
      response: z.object({ schemes: z.array(z.object({ id: z.string(), label: labelsSchema })), concepts: z.array(summary) }),
      handler: ({ query }): TaxonomyResponse => ({
        schemes: CONCEPT_SCHEMES.map((id) => ({ id, label: SCHEME_LABELS[id] })),
        concepts: context.taxonomy.listConcepts(query.scheme).map(presentConceptSummary),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/concepts/:id',
      tag: 'taxonomy',
      summary: 'One concept: six labels, alternative labels, broader / narrower / related, exact matches and how many documents carry it.',
      params: z.object({ id: z.string().min(3).max(80).regex(/^[a-z]+:[A-Za-z0-9-]+$/, 'must look like scheme:id') }),
      response: summary.extend({ altLabels: z.record(z.string(), z.array(z.string())), related: z.array(z.string()), exactMatch: z.array(z.string()), documentCount: z.number().int() }),
      errors: [404],
      handler: ({ params }) => {
        const concept = context.taxonomy.getConcept(params.id);
        if (!concept) throw new NotFoundError(`Concept ${params.id}`);
        const documentCount = context.db.select({ n: count() }).from(documentConcepts).where(eq(documentConcepts.conceptId, concept.id)).get()?.n ?? 0;
        return presentConcept(concept, documentCount);
      },
    }),
  ];
}
