import type { DocumentDetail, PageText, RelatedResponse, SearchResponse, TaxonomyResponse } from '../src/api/types';

const labels = (en: string, ar: string, fr = en) => ({ en, ar, fr, es: en, ru: en, zh: en });

export const taxonomyFixture: TaxonomyResponse = {
  version: 0,
  schemes: [],
  concepts: [
    { id: 'theme:asgm', scheme: 'theme', prefLabel: labels('Artisanal and small-scale gold mining', 'تعدين الذهب الحرفي والضيق النطاق', 'Extraction minière artisanale et à petite échelle d’or'), broader: [], narrower: ['topic:whole-ore-amalgamation'], articles: ['article:7', 'annex:C'] },
    { id: 'theme:products', scheme: 'theme', prefLabel: labels('Mercury-added products', 'المنتجات المضاف إليها زئبق'), broader: [], narrower: ['topic:dental-amalgam'], articles: ['article:4', 'annex:A'] },
    { id: 'topic:dental-amalgam', scheme: 'topic', prefLabel: labels('Dental amalgam', 'ملغم الأسنان'), broader: ['theme:products'], narrower: [], articles: ['article:4'] },
    { id: 'topic:whole-ore-amalgamation', scheme: 'topic', prefLabel: labels('Whole ore amalgamation', 'ملغمة الخام بأكمله'), broader: ['theme:asgm'], narrower: [], articles: ['annex:C'] },
    { id: 'article:4', scheme: 'article', prefLabel: labels('Article 4: Mercury-added products', 'المادة 4: المنتجات المضاف إليها زئبق'), broader: [], narrower: [], articles: [], notation: '4' },
    { id: 'article:7', scheme: 'article', prefLabel: labels('Article 7: Artisanal and small-scale gold mining', 'المادة 7: تعدين الذهب الحرفي والضيق النطاق'), broader: [], narrower: [], articles: [], notation: '7' },
    { id: 'doctype:convention-text', scheme: 'doctype', prefLabel: labels('Convention text', 'نص الاتفاقية'), broader: [], narrower: [], articles: [] },
    { id: 'party:FRA', scheme: 'party', prefLabel: labels('France', 'فرنسا'), broader: [], narrower: [], articles: [] },
  ],
};

export const searchFixture: SearchResponse = {
  searchId: null,
  query: 'amalgam',
  total: 12,
  page: 1,
  pageSize: 10,
  totalPages: 2,
  hits: [
    {
      documentId: 'doc-convention',
      title: 'Minamata Convention on Mercury',
      doctype: 'doctype:convention-text',
      language: 'en',
      year: 2013,
      date: '2013-10-10',
      symbol: null,
      concepts: ['theme:products', 'theme:asgm', 'article:4'],
      snippet: 'Phase down the use of dental <mark>amalgam</mark> &lt;script&gt;',
      passages: [{ page: 12, snippet: 'Measures to phase down dental <mark>amalgam</mark>' }],
    },
  ],
  facets: {
    theme: { 'theme:products': 3, 'theme:asgm': 2 },
    article: { 'article:7': 2, 'article:4': 3 },
    doctype: { 'doctype:convention-text': 1 },
    party: { 'party:FRA': 1 },
    region: {},
    lang: { en: 9, fr: 1, ar: 1 },
    year: { '2013': 1, '2023': 4 },
  },
  relatedConcepts: ['topic:dental-amalgam'],
};

export const emptySearchFixture: SearchResponse = {
  ...searchFixture,
  query: 'zzz',
  total: 0,
  totalPages: 0,
  hits: [],
  facets: { theme: {}, article: {}, doctype: {}, party: {}, region: {}, lang: {}, year: {} },
  relatedConcepts: ['topic:dental-amalgam'],
};

export const documentFixture: DocumentDetail = {
  id: 'doc-convention',
  title: 'Minamata Convention on Mercury',
  symbol: 'UNEP(DTIE)/Hg/CONF/4',
  date: '2013-10-10',
  year: 2013,
  language: 'en',
  languageCode: 'en',
  doctype: 'doctype:convention-text',
  fileName: 'minamata-convention.pdf',
  mime: 'application/pdf',
  sizeBytes: 1_234_567,
  pageCount: 70,
  flags: [],
  fileUrl: '/api/documents/doc-convention/file',
  concepts: [
    { id: 'theme:products', scheme: 'theme', score: 0.9, count: 14, evidence: [{ page: 12, text: 'mercury-added products listed in Part I of Annex A' }], source: 'tagger' },
    { id: 'topic:dental-amalgam', scheme: 'topic', score: 0.5, count: 3, evidence: [{ page: 48, text: 'Dental amalgam: measures to phase down' }], source: 'tagger' },
    { id: 'party:FRA', scheme: 'party', score: 0.1, count: 1, evidence: [{ page: 2, text: 'France' }], source: 'tagger' },
  ],
  createdAt: '2026-01-01T00:00:00Z',
  status: 'published',
  statusReason: null,
  version: 1,
  summary: null,
  ocr: null,
};

export function pageFixture(page: number): PageText {
  return { documentId: 'doc-convention', page, pageCount: 70, text: `Text of page ${page}. Dental amalgam shall be phased down.`, ocrConfidence: null };
}

export const relatedFixture: RelatedResponse = {
  documents: [{ documentId: 'doc-cop6', title: 'COP-6 note on dental amalgam', doctype: 'doctype:meeting-document', year: 2025, language: 'en', sharedConcepts: ['topic:dental-amalgam'] }],
};
