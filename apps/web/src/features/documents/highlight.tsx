import type { ReactNode } from 'react';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Scripts written without spaces between words: a term there has no word edges to respect. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * The words of a query worth highlighting when the API's list is unavailable (one-letter words would
 * light up everything).
 */
export function listQueryTerms(q: string): string[] {
  const terms = q
    .split(/[\s,;:"“”«»()]+/u)
    .map((term) => term.trim())
    .filter((term) => [...term].length >= 2 || UNSPACED.test(term));
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/** A pattern for one term: whole words only ("de" never inside "devices"), except in unspaced scripts. */
function termPattern(term: string): string {
  const escaped = escapeRegExp(term);
  return UNSPACED.test(term) ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`;
}

/**
 * Text with every whole-word occurrence of a term wrapped in <mark>, built as React nodes (no HTML
 * injection), and how many were marked: the page says words are highlighted only when some are.
 */
export function highlightText(text: string, terms: readonly string[]): { nodes: ReactNode[]; count: number } {
  const usable = [...new Set(terms.filter((term) => term.trim()))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return { nodes: [text], count: 0 };
  const pattern = new RegExp(`(${usable.map(termPattern).join('|')})`, 'giu');
  const parts = text.split(pattern);
  const nodes = parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part));
  return { nodes, count: Math.floor(parts.length / 2) };
}
