import type { DocumentCardDto, PostDto } from '@mep/api/realtime-events';
import type { DocumentDetail } from '../../api/types';
import { useApi } from '../../api/useApi';
import { MetaLine } from '../../i18n/bidi';
import { useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { doctypeConceptId } from '../search/searchState';
import { forumMessages } from './messages';

function CardBody({ card }: { card: DocumentCardDto }) {
  const conceptLabel = useConceptLabel();
  return (
    <>
      <span className="doc-card__title" dir="auto">
        {card.title}
      </span>{' '}
      <MetaLine className="doc-card__meta" parts={[conceptLabel(doctypeConceptId(card.doctype)), card.year ? String(card.year) : null]} />
    </>
  );
}

/** A card for a document no post has rendered: its title and type come from the document API. */
function FetchedCard({ id }: { id: string }) {
  const { state } = useApi<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`, { cache: true });
  const doc = state.data;
  return doc ? <CardBody card={{ id: doc.id, title: doc.title, doctype: doc.doctype, year: doc.year }} /> : <span className="doc-card__title">{id}</span>;
}

/**
 * The documents a thread discusses, as cards with their titles. The posts already carry cards for the
 * documents they link to; only documents attached without a link in any loaded post are fetched.
 */
export function LinkedDocuments({ documentIds, posts, postsLoaded }: { documentIds: string[]; posts: Iterable<PostDto>; postsLoaded: boolean }) {
  const t = useT(forumMessages);
  if (!documentIds.length) return null;
  const cards = new Map<string, DocumentCardDto>();
  for (const post of posts) for (const card of post.documents ?? []) cards.set(card.id, card);
  return (
    <section aria-labelledby="linked-heading">
      <h2 id="linked-heading">{t('linkedDocuments')}</h2>
      <ul className="linked-documents">
        {documentIds.map((id) => {
          const card = cards.get(id);
          return (
            <li key={id}>
              <Link href={`/documents/${encodeURIComponent(id)}`} className="doc-card" data-document-id={id}>
                {card ? <CardBody card={card} /> : postsLoaded ? <FetchedCard id={id} /> : <span className="doc-card__title">{id}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
