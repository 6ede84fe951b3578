import type { Request } from 'express';
import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { siteUrlOf } from '../../http/site-url';
import { MEP_XSD } from '../../oai/formats';
import { respondToOai } from '../../oai/respond';

/** The endpoint as this request reached it: the harvester's own base URL is the one to echo. */
function siteOf(req: Request) {
  const siteUrl = siteUrlOf(req);
  return { siteUrl, baseUrl: `${siteUrl}/oai` };
}

/**
 * OAI-PMH 2.0 at /oai (GET, or POST with form arguments). Arguments are validated by the protocol
 * module, not zod: protocol errors answer HTTP 200 with an `<error>` element, as OAI-PMH requires.
 */
export function oaiRoutes(context: AppContext) {
  const handler = async ({ req, res }: { req: Request; res: import('express').Response }) => {
    const raw = req.method === 'POST' ? (req.body && typeof req.body === 'object' ? req.body : {}) : req.query;
    res.type('text/xml; charset=utf-8').send(await respondToOai(context, siteOf(req), raw as Record<string, unknown>));
    return undefined;
  };
  return [
    defineRoute({ method: 'get', path: '/oai', tag: 'oai-pmh', summary: 'OAI-PMH 2.0: Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord (oai_dc and mep).', produces: 'text/xml', handler }),
    defineRoute({ method: 'post', path: '/oai', tag: 'oai-pmh', summary: 'OAI-PMH 2.0 with application/x-www-form-urlencoded arguments.', produces: 'text/xml', handler }),
    defineRoute({
      method: 'get',
      path: '/oai/mep.xsd',
      tag: 'oai-pmh',
      summary: 'XML Schema of the mep metadata format (concept ids and URIs of the taxonomy).',
      produces: 'application/xml',
      handler: ({ res }) => {
        res.type('application/xml; charset=utf-8').send(MEP_XSD);
        return undefined;
      },
    }),
  ];
}
