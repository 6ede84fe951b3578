import type { ReactNode } from 'react';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of a query worth highlighting (one-letter words would light up everything). */
export function listQueryTerms(q: string): string[] {
  const terms = q
    .split(/[\s,;:"“”«»()]+/u)
    .map((term) => term.trim())
    .filter((term) => [...term].length >= 2 || /[\u3400-\u9fff]/u.test(term));
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/** Text with every query term wrapped in <mark>, built as React nodes (no HTML injection). */
export function highlightText(text: string, q: string): ReactNode[] {
  const terms = listQueryTerms(q);
  if (terms.length === 0) return [text];
  const pattern = new RegExp(`(${terms.map(escapeRegExp).join('|')})`, 'giu');
  return text.split(pattern).map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part));
}
