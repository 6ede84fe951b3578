export { createOcrService, OcrService, OCR_PENDING_FLAG } from './ocr-service';
export type { OcrProgress, OcrServiceDependencies } from './ocr-service';
export { probeOcr, runBounded, renderPage, recognizeImage, OcrError } from './engine';
export type { OcrAvailability, RecognizedPage } from './engine';
export { DEFAULT_OCR_SETTINGS } from './settings';
export type { OcrSettings } from './settings';
export { normaliseOcrText, parseTsvConfidence } from './ocr-text';
