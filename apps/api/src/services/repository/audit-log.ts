/** The one audit log, read by curators: filterable by actor, action, document and date; exportable as CSV. */
import { and, desc, eq, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { auditLog, likeInsensitive, users } from '@mep/db';
import type { AppContext } from '../../context';
import { authorize, canCurate, isModerator, type Viewer } from '../../policies';
import { csvCell } from '../../presenters/answers';

export interface AuditFilters {
  actor?: string;
  action?: string;
  documentId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

/** Curators, moderators and admins read it (each side's actions are in the same log). */
export async function listAudit(context: AppContext, viewer: Viewer, filters: AuditFilters) {
  authorize(canCurate(viewer) || isModerator(viewer), viewer);
  const where: SQL[] = [];
  // An actor is named by id (a link from another entry) or by part of their display name (the web filter).
  if (filters.actor) where.push(or(eq(auditLog.actorId, filters.actor), likeInsensitive(context.db, users.displayName, `%${filters.actor.replace(/[%_\\]/g, '')}%`))!);
  // `document.` matches every document action; an exact name matches itself.
  if (filters.action) where.push(filters.action.endsWith('.') ? like(auditLog.action, `${filters.action}%`) : eq(auditLog.action, filters.action));
  if (filters.documentId) where.push(and(eq(auditLog.targetType, 'document'), eq(auditLog.targetId, filters.documentId))!);
  if (filters.from) where.push(gte(auditLog.createdAt, filters.from));
  if (filters.to) where.push(lte(auditLog.createdAt, `${filters.to}\uffff`));
  if (filters.before) where.push(lt(auditLog.id, filters.before));
  const rows = await context.db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(filters.limit)
    .all();
  return {
    entries: rows.map(({ entry, actorName }) => ({
      id: entry.id,
      at: entry.createdAt,
      actorId: entry.actorId,
      actorName: actorName ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details,
    })),
  };
}

const COLUMNS = ['id', 'at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'details'] as const;

/** The entries as CSV (RFC 4180, CRLF); cells that look like formulas are defused by csvCell. */
export function auditToCsv(entries: Awaited<ReturnType<typeof listAudit>>['entries']): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) lines.push(COLUMNS.map((c) => csvCell(c === 'details' ? JSON.stringify(e.details) : e[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}
