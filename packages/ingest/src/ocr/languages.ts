/** Which Tesseract languages to recognise a document with, from its language or the script of a page. */
import type { Lang } from '@mep/vocabulary';

/** Tesseract traineddata per UN language (typed by the vocabulary: a new language needs its entry here). */
const BY_LANGUAGE: Record<Lang, string> = { ar: 'ara', en: 'eng', es: 'spa', fr: 'fra', ru: 'rus', zh: 'chi_sim' };

/** Tesseract OSD script names → languages. Latin text in an unknown language gets the three UN Latin languages. */
const BY_SCRIPT: Record<string, string> = { Arabic: 'ara', Han: 'chi_sim', HanS: 'chi_sim', HanT: 'chi_sim', Cyrillic: 'rus', Latin: 'eng+fra+spa' };

/** The Tesseract language of a document language (`ar` → `ara`), undefined for `other` or unknown codes. */
export function tesseractLanguageFor(language: string): string | undefined {
  return (BY_LANGUAGE as Record<string, string | undefined>)[language];
}

/** Tesseract languages for a script reported by OSD (`Arabic` → `ara`), undefined when unknown. */
export function tesseractLanguagesForScript(script: string | undefined): string | undefined {
  return script ? BY_SCRIPT[script] : undefined;
}

/** Keeps only the languages that are installed; falls back to `eng` (then to anything installed). */
export function installedOnly(languages: string, installed: readonly string[]): string {
  const kept = languages.split('+').filter((l) => installed.includes(l));
  if (kept.length > 0) return kept.join('+');
  return installed.includes('eng') ? 'eng' : (installed.find((l) => l !== 'osd') ?? 'eng');
}
