import { CONCEPT_SCHEMES } from '@mep/vocabulary';
import { z } from 'zod';
import { exportSkosJsonLd, exportSkosTurtle } from '@mep/taxonomy';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../errors';
import { readConcept } from '../../services/taxonomy/edit-concepts';
import { syncTaxonomy } from '../../services/taxonomy/taxonomy-sync';
import { defineRoute } from '../../http/define-route';
import { presentConceptSummary } from '../../presenters/concept';
import { SCHEME_LABELS } from './scheme-labels';
import { taxonomyEditRoutes } from './taxonomy-edit.routes';
import { conceptIdParams, conceptResponse, taxonomyQuery, taxonomyResponse } from './taxonomy.schemas';
import type { Request } from 'express';

/** The RDF serialisation asked for (`format` wins over Accept), or undefined when HTML is preferred. */
function rdfFormat(req: Request, format?: 'ttl' | 'jsonld'): 'ttl' | 'jsonld' | undefined {
  if (format) return format;
  const best = req.accepts(['text/html', 'text/turtle', 'application/ld+json', 'application/json']);
  if (best === 'text/turtle') return 'ttl';
  if (best === 'application/ld+json' || best === 'application/json') return 'jsonld';
  return undefined;
}

/** The web page of a concept: its article, annex or party page, else a search filtered by it. */
function conceptPagePath(id: string, englishLabel: string): string {
  const [scheme, slug] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (scheme === 'article') return `/articles/${slug}`;
  if (scheme === 'annex') return `/annexes/${slug}`;
  if (scheme === 'party') return `/parties/${slug}`;
  if (scheme === 'theme' || scheme === 'doctype' || scheme === 'region') return `/search?${scheme}=${encodeURIComponent(id)}`;
  return `/search?q=${encodeURIComponent(englishLabel)}`;
}


export function taxonomyRoutes(context: AppContext) {
  // Serialised once per taxonomy version: a curator's edit (on any node) shows in the next answer.
  let serialised: { version: number; turtle?: string; jsonLd?: string } = { version: -1 };
  const current = async () => {
    await syncTaxonomy(context.db, context.taxonomy);
    if (serialised.version !== context.taxonomy.version) serialised = { version: context.taxonomy.version };
    return serialised;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/skos',
      tag: 'taxonomy',
      summary: 'The whole vocabulary as SKOS: Turtle (Accept: text/turtle, the default) or JSON-LD (Accept: application/ld+json); `format=ttl|jsonld` overrides.',
      query: z.object({ format: z.enum(['ttl', 'jsonld']).optional() }),
      produces: 'text/turtle',
      errors: [400],
      handler: async ({ req, res, query }) => {
        const rdf = rdfFormat(req, query.format) ?? 'ttl';
        const cache = await current();
        res.setHeader('Vary', 'Accept');
        // Short: curators' edits must show at once (the ETag lets clients revalidate cheaply).
        res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
        if (rdf === 'jsonld') res.type('application/ld+json; charset=utf-8').send((cache.jsonLd ??= JSON.stringify(exportSkosJsonLd())));
        else res.type('text/turtle; charset=utf-8').send((cache.turtle ??= exportSkosTurtle()));
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/taxonomy/:scheme/:slug',
      tag: 'taxonomy',
      summary:
        "A concept's IRI path (BASE_IRI + scheme/slug): its SKOS description for Accept: text/turtle or application/ld+json, otherwise a 303 redirect to its page.",
      params: z.object({ scheme: z.enum(CONCEPT_SCHEMES), slug: z.string().min(1).max(80).regex(/^[A-Za-z0-9-]+$/, 'is not a concept slug') }),
      query: z.object({ format: z.enum(['ttl', 'jsonld']).optional() }),
      produces: 'text/turtle',
      errors: [400, 404],
      handler: async ({ req, res, params, query }) => {
        await current();
        const concept = context.taxonomy.getConcept(`${params.scheme}:${params.slug}`);
        if (!concept) throw new NotFoundError(`Concept ${params.scheme}:${params.slug}`);
        res.setHeader('Vary', 'Accept');
        const rdf = rdfFormat(req, query.format);
        if (rdf === 'jsonld') res.type('application/ld+json; charset=utf-8').send(JSON.stringify(exportSkosJsonLd([concept.id])));
        else if (rdf === 'ttl') res.type('text/turtle; charset=utf-8').send(exportSkosTurtle([concept.id]));
        else res.redirect(303, conceptPagePath(concept.id, concept.prefLabel.en));
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
      handler: async ({ query }) => {
        await current();
        return {
          version: context.taxonomy.version,
          schemes: CONCEPT_SCHEMES.map((id) => ({ id, label: SCHEME_LABELS[id] })),
          concepts: context.taxonomy.listConcepts(query.scheme).map(presentConceptSummary),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/taxonomy/concepts/:id',
      tag: 'taxonomy',
      summary: 'One concept: six labels, alternative labels, broader / narrower / related, exact matches, how many documents carry it and its version; a deprecated one names its replacement.',
      params: conceptIdParams,
      response: conceptResponse,
      errors: [404],
      handler: async ({ params }) => readConcept(context, params.id),
    }),
    ...taxonomyEditRoutes(context),
  ];
}
