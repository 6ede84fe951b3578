import type { SearchHit } from '../../api/types';
import { commonMessages } from '../../app/messages';
import { MetaLine } from '../../i18n/bidi';
import { formatDocumentDate } from '../../i18n/dates';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link } from '../../router/Router';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { reportOpened } from './analytics';
import { searchMessages } from './messages';
import { doctypeConceptId, documentHref } from './searchState';
import { toSafeSnippetHtml } from './snippet';
import { useDocumentLanguageName } from './useFacetLabel';

/** Passages shown under a hit; more would push the next result off a phone screen. */
const MAX_PASSAGES = 3;

function ResultItem({ hit, q, onOpen }: { hit: SearchHit; q: string; onOpen: () => void }) {
  const t = useT(searchMessages);
  const tc = useT(commonMessages);
  const conceptLabel = useConceptLabel();
  const languageName = useDocumentLanguageName();
  const { lang } = useLanguage();
  const themes = hit.concepts.filter((id) => id.startsWith('theme:'));
  const meta = [hit.symbol, conceptLabel(doctypeConceptId(hit.doctype)), languageName(hit.language), formatDocumentDate(lang, hit.date, hit.year, 'medium')];
  const passages = hit.passages.slice(0, MAX_PASSAGES);
  return (
    <li className="result">
      <h3 className="result-title">
        <Link href={documentHref(hit.documentId, q)} onClick={onOpen} {...documentTextProps(hit.language)}>
          {hit.title}
        </Link>
      </h3>
      <p className="result-meta">
        <MetaLine parts={meta} />
      </p>
      {hit.snippet ? <p className="snippet" {...documentTextProps(hit.language)} dangerouslySetInnerHTML={{ __html: toSafeSnippetHtml(hit.snippet) }} /> : null}
      {passages.length > 0 ? (
        <div className="passages">
          <p className="passages-title">{t('passagesTitle')}</p>
          <ul>
            {passages.map((passage) => (
              <li key={passage.page}>
                <Link href={documentHref(hit.documentId, q, passage.page)} className="passage-page" onClick={onOpen}>
                  {tc('pageN', { n: passage.page })}
                </Link>{' '}
                <span className="snippet" {...documentTextProps(hit.language)} dangerouslySetInnerHTML={{ __html: toSafeSnippetHtml(passage.snippet) }} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {themes.length > 0 ? (
        <ul className="tag-list" aria-label={t('themesOfResult')}>
          {themes.map((id) => (
            <li key={id} className="tag">
              {conceptLabel(id)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The hits of one results page; opening one reports its rank to search analytics when `searchId` is known. */
export function ResultList({ hits, q, startIndex, searchId }: { hits: SearchHit[]; q: string; startIndex: number; searchId?: string | null }) {
  return (
    <ol className="results" start={startIndex}>
      {hits.map((hit, i) => (
        <ResultItem key={hit.documentId} hit={hit} q={q} onOpen={() => searchId && reportOpened(searchId, hit.documentId, startIndex + i)} />
      ))}
    </ol>
  );
}
