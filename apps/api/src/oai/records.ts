/** What the OAI-PMH endpoint serves: documents as records, tombstones as deleted records, sets from concepts. */
import { and, asc, count, eq, exists, gt, gte, inArray, like, lte, min, or, sql, type SQL } from 'drizzle-orm';
import { documentConcepts, documents, nationalReports, oaiTombstones } from '@mep/db';
import type { AppContext } from '../context';
import type { ListFilter } from './protocol';

/** Prefix of the OAI identifiers: `oai:mep.mercuryconvention.org:<document id>`. */
export const REPOSITORY_ID = 'mep.mercuryconvention.org';
export const identifierOf = (documentId: string) => `oai:${REPOSITORY_ID}:${documentId}`;
export function documentIdOf(identifier: string): string | undefined {
  const prefix = `oai:${REPOSITORY_ID}:`;
  return identifier.startsWith(prefix) && /^[a-f0-9]{16,64}$/.test(identifier.slice(prefix.length)) ? identifier.slice(prefix.length) : undefined;
}

/** Top-level sets: their members are the records of any set below them. */
export const SET_SCHEMES = ['theme', 'doctype', 'party'] as const;

export interface OaiDocument {
  id: string;
  title: string;
  updatedAt: string;
  date: string | null;
  year: number | null;
  language: string;
  doctype: string;
  mime: string;
  symbol: string | null;
  concepts: string[];
  reportParty: string | null;
}

export interface OaiHeader {
  documentId: string;
  datestamp: string;
  sets: string[];
  deleted: boolean;
}

/** The setSpecs a live document belongs to. */
export function setsOf(doc: Pick<OaiDocument, 'doctype' | 'concepts' | 'reportParty'>): string[] {
  const sets = new Set<string>(['doctype', doc.doctype]);
  for (const id of [...doc.concepts, ...(doc.reportParty ? [doc.reportParty] : [])]) {
    const scheme = id.slice(0, id.indexOf(':'));
    if (scheme === 'theme' || scheme === 'party') sets.add(scheme).add(id);
  }
  return [...sets].sort();
}

const withdrawn = () => sql`exists (select 1 from ${oaiTombstones} where ${oaiTombstones.documentId} = ${documents.id})`;

function documentSetCondition(context: AppContext, set: string): SQL {
  if (set === 'doctype') return sql`1 = 1`;
  if (set.startsWith('doctype:')) return eq(documents.doctype, set);
  const tagged = (condition: SQL) => exists(context.db.select({ one: sql`1` }).from(documentConcepts).where(and(eq(documentConcepts.documentId, documents.id), condition)));
  const reported = (condition: SQL) => exists(context.db.select({ one: sql`1` }).from(nationalReports).where(and(eq(nationalReports.documentId, documents.id), condition)));
  if (set === 'theme') return tagged(like(documentConcepts.conceptId, 'theme:%'));
  if (set === 'party') return or(tagged(like(documentConcepts.conceptId, 'party:%')), reported(sql`${nationalReports.party} is not null`))!;
  if (set.startsWith('theme:')) return tagged(eq(documentConcepts.conceptId, set));
  if (set.startsWith('party:')) return or(tagged(eq(documentConcepts.conceptId, set)), reported(eq(nationalReports.party, set)))!;
  return sql`1 = 0`;
}

function documentConditions(context: AppContext, filter: ListFilter, after?: [string, string] | null): SQL {
  const where: SQL[] = [sql`not ${withdrawn()}`];
  if (filter.from) where.push(gte(documents.updatedAt, filter.from));
  if (filter.until) where.push(lte(documents.updatedAt, filter.until));
  if (filter.set) where.push(documentSetCondition(context, filter.set));
  if (after) where.push(or(gt(documents.updatedAt, after[0]), and(eq(documents.updatedAt, after[0]), gt(documents.id, after[1])))!);
  return and(...where)!;
}

function tombstoneConditions(filter: ListFilter, after?: [string, string] | null): SQL | undefined {
  const where: SQL[] = [];
  if (filter.from) where.push(gte(oaiTombstones.datestamp, filter.from));
  if (filter.until) where.push(lte(oaiTombstones.datestamp, filter.until));
  if (filter.set) where.push(filter.set.includes(':') ? like(oaiTombstones.sets, `%"${filter.set}"%`) : like(oaiTombstones.sets, `%"${filter.set}%`));
  if (after) where.push(or(gt(oaiTombstones.datestamp, after[0]), and(eq(oaiTombstones.datestamp, after[0]), gt(oaiTombstones.documentId, after[1])))!);
  return where.length ? and(...where) : undefined;
}

/** How many records (live and deleted) match a filter. */
export async function countRecords(context: AppContext, filter: ListFilter): Promise<number> {
  const live = (await context.db.select({ n: count() }).from(documents).where(documentConditions(context, filter)).get())?.n ?? 0;
  const dead = (await context.db.select({ n: count() }).from(oaiTombstones).where(tombstoneConditions(filter)).get())?.n ?? 0;
  return live + dead;
}

/**
 * The next page of record headers after a (datestamp, id) position, in (datestamp, id) order: live
 * documents and tombstones merged. Returns one extra header when more follow.
 */
export async function listHeaders(context: AppContext, filter: ListFilter, after: [string, string] | null, limit: number): Promise<(OaiHeader & { position: [string, string] })[]> {
  const live = await context.db
    .select({ id: documents.id, updatedAt: documents.updatedAt })
    .from(documents)
    .where(documentConditions(context, filter, after))
    .orderBy(asc(documents.updatedAt), asc(documents.id))
    .limit(limit + 1)
    .all();
  const dead = await context.db
    .select()
    .from(oaiTombstones)
    .where(tombstoneConditions(filter, after))
    .orderBy(asc(oaiTombstones.datestamp), asc(oaiTombstones.documentId))
    .limit(limit + 1)
    .all();
  const docs = await loadDocuments(context, live.map((r) => r.id));
  const merged = [
    ...live.map((r) => ({ documentId: r.id, datestamp: r.updatedAt, sets: setsOf(docs.get(r.id)!), deleted: false, position: [r.updatedAt, r.id] as [string, string] })),
    ...dead.map((t) => ({ documentId: t.documentId, datestamp: t.datestamp, sets: t.sets, deleted: true, position: [t.datestamp, t.documentId] as [string, string] })),
  ];
  merged.sort((a, b) => (a.datestamp < b.datestamp ? -1 : a.datestamp > b.datestamp ? 1 : a.documentId < b.documentId ? -1 : 1));
  return merged.slice(0, limit + 1);
}

/** Documents with their concepts and report party, by id. */
export async function loadDocuments(context: AppContext, ids: readonly string[]): Promise<Map<string, OaiDocument>> {
  const out = new Map<string, OaiDocument>();
  if (ids.length === 0) return out;
  const rows = await context.db
    .select({ id: documents.id, title: documents.title, updatedAt: documents.updatedAt, date: documents.date, year: documents.year, language: documents.language, doctype: documents.doctype, mime: documents.mime, symbol: documents.symbol, reportParty: nationalReports.party })
    .from(documents)
    .leftJoin(nationalReports, eq(nationalReports.documentId, documents.id))
    .where(inArray(documents.id, [...ids]))
    .all();
  for (const r of rows) out.set(r.id, { ...r, concepts: [] });
  for (const c of (await context.db.select({ documentId: documentConcepts.documentId, conceptId: documentConcepts.conceptId }).from(documentConcepts).where(inArray(documentConcepts.documentId, [...ids])).orderBy(asc(documentConcepts.conceptId)).all())) {
    out.get(c.documentId)?.concepts.push(c.conceptId);
  }
  return out;
}

/** One record's header (live or deleted), or undefined when the repository never had it. */
export async function findRecord(context: AppContext, documentId: string): Promise<{ header: OaiHeader; document?: OaiDocument } | undefined> {
  const tombstone = await context.db.select().from(oaiTombstones).where(eq(oaiTombstones.documentId, documentId)).get();
  if (tombstone) return { header: { documentId, datestamp: tombstone.datestamp, sets: tombstone.sets, deleted: true } };
  const document = (await loadDocuments(context, [documentId])).get(documentId);
  if (!document) return undefined;
  return { header: { documentId, datestamp: document.updatedAt, sets: setsOf(document), deleted: false }, document };
}

/** The oldest datestamp the repository can answer for. */
export async function earliestDatestamp(context: AppContext): Promise<string> {
  const a = (await context.db.select({ d: min(documents.updatedAt) }).from(documents).get())?.d;
  const b = (await context.db.select({ d: min(oaiTombstones.datestamp) }).from(oaiTombstones).get())?.d;
  return [a, b].filter((d): d is string => Boolean(d)).sort()[0] ?? '2000-01-01T00:00:00.000Z';
}

/**
 * The hook for withdrawing a document from the public record (documents have no status yet; the
 * helper adding statuses calls this): from now on OAI-PMH reports it as deleted, for ever, in the sets
 * it was in. Returns false when the document does not exist.
 */
export async function withdrawFromOai(context: AppContext, documentId: string, now = new Date().toISOString()): Promise<boolean> {
  const found = await findRecord(context, documentId);
  if (!found || found.header.deleted) return Boolean(found);
  await context.db.insert(oaiTombstones).values({ documentId, datestamp: now, sets: found.header.sets }).run();
  return true;
}

/** Undoes {@link withdrawFromOai} when a document is published again (its record gets a new datestamp). */
export async function restoreToOai(context: AppContext, documentId: string, now = new Date().toISOString()): Promise<void> {
  await context.db.delete(oaiTombstones).where(eq(oaiTombstones.documentId, documentId)).run();
  await context.db.update(documents).set({ updatedAt: now }).where(eq(documents.id, documentId)).run();
}

