import type { DocumentLanguage, DoctypeId } from '@mep/vocabulary';

/** Formats the extractors produce. */
export type DocumentKind = 'pdf' | 'docx' | 'html' | 'text' | 'markdown';

/** One page of extracted text; `page` is 1-based. */
export interface ExtractedPage {
  page: number;
  text: string;
}

/** What an extractor makes of a file: page texts plus whatever metadata the file itself carries. */
export interface ExtractedDocument {
  kind: DocumentKind;
  mime: string;
  pageCount: number;
  pages: ExtractedPage[];
  embeddedTitle?: string;
  /** ISO 8601 date (yyyy-mm-dd) taken from the file's own metadata, when it has any. */
  embeddedDate?: string;
  /** BCP 47 language tag the file declares about itself (PDF /Lang, `<html lang>`), when present. */
  embeddedLanguage?: string;
  /** Human-readable notes such as `low-quality-text: could not extract clean text`. */
  warnings: string[];
}

/** Six UN languages, or 'other' when the text is too short or in another language. */
export type LanguageCode = DocumentLanguage;

/** Metadata inferred from an extracted document by {@link analyzeDocument}. */
export interface DocumentFacts {
  title: string;
  symbol?: string;
  date?: string;
  year?: number;
  language: LanguageCode;
  /** ISO 639-1 code of the detected language when `language` is `other` (e.g. `pt`, `uk`, `fa`). */
  otherLanguage?: string;
  doctypeHint?: DoctypeId;
  flags: string[];
}
