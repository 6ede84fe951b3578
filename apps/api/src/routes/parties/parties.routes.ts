import { z } from 'zod';
import type { AppContext } from '../../context';
import { ValidationError } from '../../errors';
import { defineRoute } from '../../http/define-route';
import { getParty, listParties } from '../../services/parties';
import { partiesQuery, partyProfileResponse, partySummary } from './parties.schemas';

export function partyRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/parties',
      tag: 'parties',
      summary: 'Parties (193 UN Member States and the EU), filtered by M49 region or UN regional group.',
      query: partiesQuery,
      response: z.object({ parties: z.array(partySummary) }),
      errors: [400],
      handler: ({ query }) => {
        for (const id of [query.region, query.group]) if (id && !context.taxonomy.getConcept(id)) throw new ValidationError(`Unknown region or group ${id}.`);
        return listParties(context, query);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/parties/:iso3',
      tag: 'parties',
      summary: "A party's profile: counts, documents, national reports, action plans, answers article by article (and its region's), forum threads.",
      params: z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 3166-1 alpha-3 code') }),
      response: partyProfileResponse,
      errors: [400, 404],
      handler: async ({ params }) => getParty(context, params.iso3),
    }),
  ];
}
