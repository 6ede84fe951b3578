import type { AppContext } from '../../context';
import { ServiceUnavailableError } from '../../errors';
import { defineRoute } from '../../http/define-route';
import { getDocument, getDocumentPage, getDocumentRow, listDocumentPages, listRelatedDocuments } from '../../services/read-documents';
import { documentIdParams, documentPageParams, documentResponse, fileQuery, pageResponse, pagesResponse, relatedQuery, relatedResponse } from './documents.schemas';

export function documentRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/documents/:id',
      tag: 'documents',
      summary: 'A document: metadata, concepts with their evidence, page count and the URL of its original.',
      params: documentIdParams,
      response: documentResponse,
      errors: [404],
      handler: async ({ params }) => getDocument(context, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/file',
      tag: 'documents',
      summary: 'The original file, with its content type (inline; `download=1` for an attachment).',
      params: documentIdParams,
      query: fileQuery,
      produces: 'application/octet-stream',
      errors: [404, 503],
      handler: async ({ params, query, res }) => {
        const row = await getDocumentRow(context, params.id);
        let bytes: Buffer;
        try {
          bytes = await context.blobs.get(row.sha256);
        } catch (error) {
          // The cause names the blob store's path or bucket: logged, never sent.
          context.log.error(`Reading the original of ${row.id} failed`, error);
          throw new ServiceUnavailableError('storage_unavailable', 'The original could not be read from storage; try again later.');
        }
        const attachment = query.download === '1' || query.download === 'true';
        res.setHeader('Content-Type', row.mime);
        res.setHeader('Content-Length', String(bytes.length));
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        // Our own document page shows PDFs in a frame: same-origin framing only (the rest of the site: none).
        res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'");
        res.setHeader('X-Frame-Options', 'SAMEORIGIN');
        res.attachment(row.fileName);
        if (!attachment) res.setHeader('Content-Disposition', res.getHeader('Content-Disposition')!.toString().replace(/^attachment/, 'inline'));
        res.end(bytes);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/pages',
      tag: 'documents',
      summary: 'The text of every page, in order.',
      params: documentIdParams,
      response: pagesResponse,
      errors: [404],
      handler: async ({ params }) => listDocumentPages(context, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/pages/:n',
      tag: 'documents',
      summary: 'The text of one page (numbered from 1).',
      params: documentPageParams,
      response: pageResponse,
      errors: [404],
      handler: async ({ params }) => getDocumentPage(context, params.id, params.n),
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/related',
      tag: 'documents',
      summary: 'Documents that share the most themes, topics and articles with this one.',
      params: documentIdParams,
      query: relatedQuery,
      response: relatedResponse,
      errors: [404],
      handler: async ({ params, query }) => listRelatedDocuments(context, params.id, query.limit),
    }),
  ];
}
