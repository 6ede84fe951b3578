import { availableParallelism } from 'node:os';

/** Settings of the OCR stage, read from the environment by the API's config (see the README). */
export interface OcrSettings {
  /** `MEP_OCR=off` switches OCR off; image-only PDFs then fail with 'no-text' as before. */
  enabled: boolean;
  /** `MEP_TESSERACT_PATH` (default `tesseract` on PATH). */
  tesseractPath: string;
  /** `MEP_PDFTOPPM_PATH` (default `pdftoppm` on PATH). */
  pdftoppmPath: string;
  /** `MEP_OCR_MAX_PAGES`: recognise at most the first N pages of a document; undefined = every page. */
  maxPages?: number;
  /** `MEP_OCR_PAGE_TIMEOUT_MS`: wall-clock limit of rendering or recognising one page. */
  pageTimeoutMs: number;
  /** `MEP_OCR_MAX_MEMORY_MB`: address-space limit of each pdftoppm / tesseract process. */
  maxMemoryMb: number;
  /** Rendering resolution; 200 dpi reads 10-point text well and keeps Tesseract fast. */
  dpi: number;
  /** `MEP_OCR_CONCURRENCY`: pages recognised at once (one Tesseract thread each). Default min(2, cores). */
  concurrency: number;
  /** Pages whose mean word confidence is below this (0–100) are flagged for curators. */
  lowConfidence: number;
}

export const DEFAULT_OCR_SETTINGS: OcrSettings = {
  enabled: true,
  tesseractPath: 'tesseract',
  pdftoppmPath: 'pdftoppm',
  pageTimeoutMs: 120_000,
  maxMemoryMb: 1024,
  dpi: 200,
  concurrency: Math.min(2, availableParallelism()),
  lowConfidence: 60,
};
