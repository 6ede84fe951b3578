import { useT } from '../../i18n/LanguageProvider';
import { documentMessages, type DocumentKey } from './messages';

/**
 * What the ingest pipeline noted about a document (`flags`, e.g. `low-quality-text: could not extract
 * clean text (3 of 40 pages…)`), as short notices in the reader's language. Only the code before the
 * colon counts; codes that say nothing useful to a reader (metadata-unreadable, leading-junk) and
 * unknown codes are left out, so a raw code never reaches the page.
 */
const NOTICE_BY_CODE: Record<string, DocumentKey> = {
  'ocr-pending': 'flag_ocrPending',
  ocr: 'flag_ocr',
  'ocr-low-confidence': 'flag_ocrLowConfidence',
  'ocr-partial': 'flag_ocrPartial',
  'ocr-unavailable': 'flag_ocrUnavailable',
  'no-text': 'flag_noText',
  'low-quality-text': 'flag_lowQualityText',
  'repaired-text': 'flag_repairedText',
  truncated: 'flag_truncated',
  'title-from-file-name': 'flag_titleFromFileName',
  'symbol-from-file-name': 'flag_symbolFromFileName',
  'language-from-metadata': 'flag_languageGuessed',
  'language-from-file-name': 'flag_languageGuessed',
  'encoding-guessed': 'flag_encodingGuessed',
  'not-indexed': 'flag_notIndexed',
};

/** The notices for a document's flags, most important first, one per message. */
export function noticeKeys(flags: readonly string[]): DocumentKey[] {
  const codes = new Set(flags.map((flag) => flag.split(':', 1)[0]?.trim().toLowerCase() ?? ''));
  const keys = Object.entries(NOTICE_BY_CODE).flatMap(([code, key]) => (codes.has(code) ? [key] : []));
  return [...new Set(keys)];
}

export function DocumentNotices({ flags }: { flags: readonly string[] }) {
  const t = useT(documentMessages);
  const keys = noticeKeys(flags);
  if (!keys.length) return null;
  return (
    <div className="document-notices" role="note" aria-label={t('noticesLabel')}>
      <ul>
        {keys.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </div>
  );
}
