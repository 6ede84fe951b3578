import type { Labels } from '../types';

/** Six labels in a fixed, easy-to-review order: en, fr, es, ru, ar, zh. */
export function labels(en: string, fr: string, es: string, ru: string, ar: string, zh: string): Labels {
  return { ar, en, es, fr, ru, zh };
}
