import { useState } from 'react';
import type { DocumentDetail } from '../../api/types';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { formatFileSize } from './format';
import { documentMessages } from './messages';

function withDownloadFlag(fileUrl: string): string {
  return `${fileUrl}${fileUrl.includes('?') ? '&' : '?'}download=1`;
}

/**
 * The original file. The PDF is only fetched when the reader asks to see it: on a slow link a
 * multi-megabyte download should be a choice, not a side effect of opening the page. It opens at the
 * page being read (`#page=N`, which browsers' PDF viewers follow).
 */
export function OriginalFile({ doc, page }: { doc: DocumentDetail; /** The page being read: the PDF opens there. */ page: number }) {
  const t = useT(documentMessages);
  const { lang } = useLanguage();
  const [showPdf, setShowPdf] = useState(false);
  const isPdf = doc.mime === 'application/pdf';
  const size = formatFileSize(lang, doc.sizeBytes);
  return (
    <section className="original" aria-labelledby="original-heading">
      <h2 id="original-heading">{t('originalHeading')}</h2>
      <p className="original-actions">
        <a className="button" href={withDownloadFlag(doc.fileUrl)} download={doc.fileName}>
          {t('download', { size })}
        </a>
        {isPdf ? (
          <button type="button" className="button" aria-expanded={showPdf} aria-controls="pdf-frame-slot" onClick={() => setShowPdf(!showPdf)}>
            {showPdf ? t('hidePdf') : t('showPdf')}
          </button>
        ) : null}
      </p>
      <div id="pdf-frame-slot">
        {isPdf && showPdf ? <iframe className="pdf-frame" src={`${doc.fileUrl}#page=${page}`} title={t('pdfFrameTitle', { title: doc.title })} /> : null}
      </div>
    </section>
  );
}
