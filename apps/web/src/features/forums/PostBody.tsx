import { useMemo } from 'react';
import { useConceptLabel } from '../../taxonomy/TaxonomyProvider';
import { doctypeConceptId } from '../search/searchState';
import { preparePostHtml } from './postHtml';

/**
 * A post's HTML (sanitized by the server: scripts, handlers, javascript: URLs removed), readied for
 * the reader by preparePostHtml: its own direction per block, document types in the reader's language.
 */
export function PostBody({ html, className = 'post-body' }: { html: string; className?: string }) {
  const conceptLabel = useConceptLabel();
  const prepared = useMemo(() => preparePostHtml(html, (doctype) => conceptLabel(doctypeConceptId(doctype))), [html, conceptLabel]);
  return <div className={className} dir="auto" dangerouslySetInnerHTML={{ __html: prepared }} />;
}
