export type { DocumentFacts, DocumentKind, ExtractedDocument, ExtractedPage, LanguageCode } from './types';
export type { DetectedType, TextEncodingName } from './detect';
export { detectFileType, decodeText } from './detect';
export { checkExtractable, extractDocument, DEFAULT_MAX_BYTES } from './extract';
export {
  closeSandboxPools,
  createExtractionPool,
  extractInSandbox,
  ExtractionPool,
  DEFAULT_MAX_MEMORY_MB,
  DEFAULT_TIMEOUT_MS,
} from './sandbox';
export type { ExtractionPoolOptions, ExtractionPoolStats, SandboxOptions } from './sandbox';
export type { AnalyzedDocument } from './sandbox-protocol';
export { analyzeDocument, findDate, findUnSymbol, OTHER_LANGUAGE_FLAG } from './analyze';
export { detectLanguage, detectLanguageWithConfidence } from './language';
export type { DetectedLanguage } from './language';
export { assessTextQuality, isCleanText, LOW_QUALITY_WARNING, NO_TEXT_LAYER_WARNING, REPAIRED_WARNING } from './quality';
export type { TextQuality } from './quality';
export * from '../errors';
