import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { HighlightTerms, PageText } from '../../api/types';
import { useApi } from '../../api/useApi';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ReadableText } from '../../components/ReadableText';
import { Loading } from '../../components/Loading';
import { useT } from '../../i18n/LanguageProvider';
import { navigate } from '../../router/history';
import { Link } from '../../router/Router';
import { highlightText, listQueryTerms } from './highlight';
import { documentMessages } from './messages';

interface PageViewerProps {
  documentId: string;
  pageCount: number;
  page: number;
  q: string;
  /** True when the URL named the page (#page-N): the reader came for it, so scroll to it. */
  jumpedTo: boolean;
  pageHref: (page: number) => string;
  /** `lang`/`dir` of the document's text, for screen-reader pronunciation and Arabic shaping. */
  textProps: { lang?: string; dir: 'auto' };
}

/**
 * One page of text at a time (a whole treaty is too much for a slow link), with the query terms
 * highlighted. The page lives in the URL hash, so passages link straight to it and back works.
 */
export function PageViewer({ documentId, pageCount, page, q, jumpedTo, pageHref, textProps }: PageViewerProps) {
  const t = useT(documentMessages);
  const { state, retry } = useApi<PageText>(`/api/documents/${encodeURIComponent(documentId)}/pages/${page}`);
  // The words to highlight: the query's own and, in the document's language, the concepts it names.
  const termsApi = useApi<HighlightTerms>(q ? `/api/search/highlight-terms?${new URLSearchParams({ q, document: documentId })}` : null, { cache: true });
  const terms = termsApi.state.status === 'success' ? termsApi.state.data.terms : termsApi.state.status === 'error' ? listQueryTerms(q) : null;
  const highlighted = state.status === 'success' && q && terms ? highlightText(state.data.text, terms) : null;
  const [pageInput, setPageInput] = useState(String(page));
  const region = useRef<HTMLElement>(null);
  useEffect(() => setPageInput(String(page)), [page]);

  const loadedPage = state.status === 'success' ? state.data.page : null;
  useEffect(() => {
    if (jumpedTo && loadedPage === page && region.current) {
      region.current.scrollIntoView({ block: 'start' });
      region.current.focus({ preventScroll: true });
    }
  }, [jumpedTo, loadedPage, page]);

  function handleGo(event: FormEvent) {
    event.preventDefault();
    const target = Math.min(Math.max(Number.parseInt(pageInput, 10) || 1, 1), pageCount);
    navigate(pageHref(target));
  }

  return (
    <section id={`page-${page}`} className="page-viewer" aria-labelledby="page-viewer-heading" ref={region} tabIndex={-1}>
      <h2 id="page-viewer-heading">{t('textHeading', { page, total: pageCount })}</h2>
      {highlighted ? <p className="hint">{t(highlighted.count > 0 ? 'highlightNote' : 'noHighlightNote', { query: q })}</p> : null}
      <div className="page-controls">
        {page > 1 ? <Link href={pageHref(page - 1)}>{t('previousPage')}</Link> : <span />}
        <form className="page-jump" onSubmit={handleGo}>
          <label htmlFor="page-jump-input">{t('goToPageLabel')}</label>
          <input
            id="page-jump-input"
            type="number"
            inputMode="numeric"
            min={1}
            max={pageCount}
            value={pageInput}
            onChange={(event) => setPageInput(event.target.value)}
          />
          <button type="submit" className="button">
            {t('goButton')}
          </button>
        </form>
        {page < pageCount ? <Link href={pageHref(page + 1)}>{t('nextPage')}</Link> : <span />}
      </div>
      {state.status === 'error' ? <ErrorPanel error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'success' ? (
        state.data.text.trim() ? (
          <>
            {state.data.ocrConfidence !== null ? <p className="hint">{t('ocrPageNote', { confidence: Math.round(state.data.ocrConfidence) })}</p> : null}
            <ReadableText text={state.data.text} mark={highlighted && terms ? (text) => highlightText(text, terms).nodes : undefined} textProps={textProps} />
          </>
        ) : (
          <p className="hint">{t('emptyPage')}</p>
        )
      ) : null}
    </section>
  );
}
