import { count, eq } from 'drizzle-orm';
import { documentConcepts } from '@mep/db';
import { CONCEPT_SCHEMES } from '@mep/vocabulary';
import { z } from 'zod';
import { exportSkosJsonLd, exportSkosTurtle } from '@mep/taxonomy';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { defineRoute } from '../../http/define-route';
import { presentConcept, presentConceptSummary } from '../../presenters/concept';
import { SCHEME_LABELS } from './scheme-labels';
import { conceptIdParams, conceptResponse, taxonomyQuery, taxonomyResponse } from './taxonomy.schemas';

export function taxonomyRoutes(context: AppContext) {
  // The vocabulary does not change while the server runs: serialise it once, on first request.
  let turtle: string | undefined;
  let jsonLd: string | undefined;
  return [
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/skos',
      tag: 'taxonomy',
      summary: 'The whole vocabulary as SKOS: Turtle (Accept: text/turtle, the default) or JSON-LD (Accept: application/ld+json); `format=ttl|jsonld` overrides.',
      query: z.object({ format: z.enum(['ttl', 'jsonld']).optional() }),
      produces: 'text/turtle',
      errors: [400],
      handler: ({ req, res, query }) => {
        const wantsJsonLd = query.format ? query.format === 'jsonld' : req.accepts(['text/turtle', 'application/ld+json', 'application/json']) !== 'text/turtle' && Boolean(req.accepts(['application/ld+json', 'application/json']));
        res.setHeader('Vary', 'Accept');
        res.setHeader('Cache-Control', 'public, max-age=3600');
        if (wantsJsonLd) {
          jsonLd ??= JSON.stringify(exportSkosJsonLd());
          res.type('application/ld+json; charset=utf-8').send(jsonLd);
        } else {
          turtle ??= exportSkosTurtle();
          res.type('text/turtle; charset=utf-8').send(turtle);
        }
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/taxonomy',
      tag: 'taxonomy',
      summary: 'The harmonized vocabulary: concept schemes and their concepts with labels in the six UN languages.',
      query: taxonomyQuery,
      response: taxonomyResponse,
      handler: ({ query }) => ({
        schemes: CONCEPT_SCHEMES.map((id) => ({ id, label: SCHEME_LABELS[id] })),
        concepts: context.taxonomy.listConcepts(query.scheme).map(presentConceptSummary),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/concepts/:id',
      tag: 'taxonomy',
      summary: 'One concept: six labels, alternative labels, broader / narrower / related, exact matches and how many documents carry it.',
      params: conceptIdParams,
      response: conceptResponse,
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
