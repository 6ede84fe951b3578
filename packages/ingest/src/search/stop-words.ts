import type { Lang } from '@mep/vocabulary';

/**
 * Function words of the six UN languages: they never carry a match. Without them a Spanish query for
 * "plan de acción nacional" found the French BBNJ treaty through "de", and "conference of the parties"
 * scored every page that has "of the". Only grammatical words: nothing a reader could mean as a subject.
 * Accented and unaccented forms both, since Meilisearch compares stop words with the normalised token.
 */
export const STOP_WORDS: Record<Lang, readonly string[]> = {
  en: ['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'is', 'are', 'be', 'been', 'was', 'were', 'that', 'this', 'these', 'those', 'it', 'its', 'into', 'which', 'such', 'than', 'their'],
  fr: ['le', 'la', 'les', 'l', 'de', 'des', 'du', 'd', 'un', 'une', 'et', 'en', 'à', 'a', 'au', 'aux', 'pour', 'par', 'sur', 'dans', 'que', 'qu', 'qui', 'ou', 'avec', 'ce', 'cet', 'cette', 'ces', 'se', 'sa', 'son', 'ses', 'leur', 'leurs', 'est', 'sont', 'ne', 'pas'],
  es: ['de', 'del', 'la', 'las', 'el', 'los', 'lo', 'un', 'una', 'unos', 'unas', 'y', 'e', 'o', 'u', 'en', 'a', 'al', 'que', 'por', 'para', 'con', 'se', 'su', 'sus', 'como', 'es', 'son', 'este', 'esta', 'estos', 'estas', 'entre', 'sobre'],
  ru: ['и', 'в', 'во', 'не', 'на', 'с', 'со', 'по', 'к', 'ко', 'о', 'об', 'от', 'до', 'из', 'для', 'за', 'что', 'как', 'а', 'но', 'или', 'у', 'же', 'это', 'при', 'его', 'ее', 'её', 'их'],
  ar: ['في', 'من', 'على', 'إلى', 'الى', 'عن', 'مع', 'و', 'أو', 'او', 'أن', 'ان', 'إن', 'التي', 'الذي', 'هذا', 'هذه', 'ذلك', 'تلك', 'بين'],
  zh: ['的', '和', '与', '及', '在', '或', '了', '是', '对', '为', '之'],
};

/** Every language's stop words, once each (the index settings take one list). */
export const ALL_STOP_WORDS: readonly string[] = [...new Set(Object.values(STOP_WORDS).flat())];

const stopWordSet = new Set(ALL_STOP_WORDS.map((word) => word.toLocaleLowerCase()));

/** True for a word that never carries a match in any of the six languages. */
export function isStopWord(word: string): boolean {
  return stopWordSet.has(word.toLocaleLowerCase());
}
