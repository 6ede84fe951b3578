import { useState } from 'react';
import type { ConventionSection } from '../../api/types';
import { ReadableText } from '../../components/ReadableText';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { documentTextProps } from '../../i18n/languages';
import { Link } from '../../router/Router';
import { documentHref } from '../search/searchState';
import { useDocumentLanguageName } from '../search/useFacetLabel';
import { exploreMessages } from './messages';

type SectionText = NonNullable<ConventionSection['text']>;

/** One page of the article's text, with its own "Show PDF here": the PDF opens at that page (#page=N). */
function SectionPage({ text, page }: { text: SectionText; page: SectionText['pages'][number] }) {
  const t = useT(exploreMessages);
  const [showPdf, setShowPdf] = useState(false);
  const frameId = `pdf-page-${page.page}`;
  return (
    <section className="section-page" aria-labelledby={`${frameId}-heading`}>
      <h3 id={`${frameId}-heading`}>
        <Link href={documentHref(text.documentId, '', page.page)}>{t('textPage', { page: page.page })}</Link>
        <button type="button" className="button" aria-expanded={showPdf} aria-controls={frameId} onClick={() => setShowPdf(!showPdf)}>
          {showPdf ? t('hidePdf') : t('showPdfAtPage', { page: page.page })}
        </button>
      </h3>
      <div id={frameId}>
        {showPdf ? <iframe className="pdf-frame" src={`${text.fileUrl}#page=${page.page}`} title={t('pdfFrameTitle', { title: text.title, page: page.page })} /> : null}
      </div>
      <ReadableText text={page.text} textProps={documentTextProps(text.language)} />
    </section>
  );
}

/** The article's or annex's own text from the Convention, in the reader's language where the repository holds it. */
export function ConventionText({ section }: { section: ConventionSection }) {
  const t = useT(exploreMessages);
  const { lang } = useLanguage();
  const languageName = useDocumentLanguageName();
  const { text } = section;
  return (
    <section className="convention-text" aria-labelledby="ref-text-heading">
      <h2 id="ref-text-heading">{t('textHeading')}</h2>
      {text ? (
        <>
          <p className="hint">
            {t('textSource', { from: text.fromPage, to: text.toPage, title: text.title })}
            {text.language !== lang ? ` ${t('textFallback', { language: languageName(text.language) })}` : null}
          </p>
          {text.pages.map((page) => (
            <SectionPage key={page.page} text={text} page={page} />
          ))}
        </>
      ) : (
        <p>{t('textMissing')}</p>
      )}
    </section>
  );
}
