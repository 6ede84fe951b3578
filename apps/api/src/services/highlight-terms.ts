import { eq } from 'drizzle-orm';
import { documents } from '@mep/db';
import { findConceptsInQuery } from '@mep/taxonomy';
import type { AppContext } from '../context';
import { NotFoundError } from '../errors';
import { conceptLabelsIn, meaningfulWords } from './search-ranking';

/**
 * What a document page highlights for the query that led to it: the query's own words that carry
 * meaning, and — so an Arabic, Russian or Chinese query that reached an English text through a concept
 * still lights up something true — the labels of the concepts the query names in the document's language.
 */
export async function listHighlightTerms(context: AppContext, q: string, documentId: string): Promise<{ terms: string[] }> {
  const row = (await context.db.select({ language: documents.language }).from(documents).where(eq(documents.id, documentId)).limit(1))[0];
  if (!row) throw new NotFoundError(`Document ${documentId}`);
  // one-letter words of spaced scripts would light up everything; a Chinese character is a word
  const words = meaningfulWords(q).filter((word) => [...word].length >= 2 || /\p{Script=Han}/u.test(word));
  const labels = conceptLabelsIn(context.taxonomy, findConceptsInQuery(q).map((match) => match.conceptId), row.language);
  return { terms: [...new Set([...words, ...labels])].sort((a, b) => b.length - a.length) };
}
