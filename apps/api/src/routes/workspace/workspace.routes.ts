import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { auditToCsv, listAudit } from '../../services/repository/audit-log';
import { correctMetadata, decideTag, listRevisions, retag } from '../../services/repository/corrections';
import { listReviewQueue, reviewDocument } from '../../services/repository/review';
import { listUploads, receiveUpload } from '../../services/repository/uploads';
import { viewerOf } from '../auth/auth.middleware';
import { documentIdParams } from '../documents/documents.schemas';
import {
  auditQuery,
  auditResponse,
  metadataBody,
  okResponse,
  queueQuery,
  queueResponse,
  retagResponse,
  reviewBody,
  reviewResponse,
  revisionsResponse,
  tagBody,
  tagParams,
  uploadJobSchema,
  uploadQuery,
  uploadsResponse,
} from './workspace.schemas';

/** The secretariat's workspace: review queue, publish / reject / withdraw, corrections, audit log. */
export function workspaceRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/workspace/queue',
      tag: 'workspace',
      summary: "The curators' queue: drafts and flagged documents, sortable and filterable.",
      query: queueQuery,
      response: queueResponse,
      errors: [401, 403],
      handler: async ({ req, query }) => listReviewQueue(context, viewerOf(req), query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/documents/:id/review',
      tag: 'workspace',
      summary: 'Publish a draft, reject it, or withdraw a published document (with a reason); the submitter is notified.',
      params: documentIdParams,
      body: reviewBody,
      response: reviewResponse,
      errors: [401, 403, 404, 409],
      handler: async ({ req, params, body }) => {
        const row = await reviewDocument(context, viewerOf(req), params.id, body.decision, body.reason);
        return { id: row.id, status: row.status, statusReason: row.statusReason };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/documents/:id',
      tag: 'workspace',
      summary: 'Correct metadata (title, symbol, date, type, language, parties, summary) of the given version; a stale version is a 409 with the other change.',
      params: documentIdParams,
      body: metadataBody,
      response: okResponse,
      errors: [401, 403, 404, 409],
      handler: async ({ req, params, body }) => {
        const { version, ...patch } = body;
        await correctMetadata(context, viewerOf(req), params.id, version, patch);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/documents/:id/revisions',
      tag: 'workspace',
      summary: "A document's metadata corrections: who, when, before and after.",
      params: documentIdParams,
      response: revisionsResponse,
      errors: [401, 403],
      handler: async ({ req, params }) => listRevisions(context, viewerOf(req), params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/documents/:id/concepts/:conceptId',
      tag: 'workspace',
      summary: 'Confirm, reject or add a concept (optionally with the page that shows it); retagging honours the decision.',
      params: tagParams,
      body: tagBody,
      response: okResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params, body }) => {
        await decideTag(context, viewerOf(req), params.id, params.conceptId, body.decision, body.page);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/documents/:id/retag',
      tag: 'workspace',
      summary: 'Run the tagger again on a document; curators’ tag decisions hold.',
      params: documentIdParams,
      response: retagResponse,
      errors: [401, 403, 404],
      handler: async ({ req, params }) => retag(context, viewerOf(req), params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/workspace/uploads',
      tag: 'workspace',
      summary: 'Upload one file (the raw bytes as the body, with Content-Length); it is queued for the ingest pipeline and its progress follows over Socket.IO (`uploads.progress`) and GET /api/workspace/uploads.',
      query: uploadQuery,
      response: uploadJobSchema,
      errors: [401, 403, 411, 413, 429],
      handler: async ({ req, query }) => receiveUpload(context, viewerOf(req), req, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/workspace/uploads',
      tag: 'workspace',
      summary: "The viewer's uploads of the last day with their stage (what a reloaded page shows), and the size limit.",
      response: uploadsResponse,
      errors: [401, 403],
      handler: async ({ req }) => listUploads(context, viewerOf(req)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/workspace/audit',
      tag: 'workspace',
      summary: 'The audit log of curator and moderator actions, filterable by actor, action, document and date (JSON, or CSV with format=csv).',
      query: auditQuery,
      response: auditResponse,
      errors: [401, 403],
      handler: async ({ req, query, res }) => {
        const result = await listAudit(context, viewerOf(req), query);
        if (query.format === 'csv') {
          res.setHeader('Content-Type', 'text/csv; charset=utf-8');
          res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
          res.send('\ufeff' + auditToCsv(result.entries));
          return undefined as never;
        }
        return result;
      },
    }),
  ];
}
