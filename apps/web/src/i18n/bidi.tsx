import { Fragment, type ReactNode } from 'react';

/**
 * Mixed-direction text. Strings we do not write ourselves (names, titles, symbols, dates) are
 * isolated in `<bdi>`, so a Latin name does not drag the punctuation and numbers around it to the
 * wrong side of an Arabic sentence ("02 · Jean Dupont/2026/12"), and vice versa.
 */

/**
 * Fills a translated message's `{name}` placeholders with React nodes, e.g.
 * `fillMessage(t('byAuthor'), { name: <bdi>{author}</bdi> })`. Call `t(key)` without the node
 * variables (plain ones such as `count` may be passed): unknown placeholders stay in the text.
 */
export function fillMessage(message: string, nodes: Record<string, ReactNode>): ReactNode {
  const parts = message.split(/\{(\w+)\}/);
  return parts.map((part, index) => (index % 2 === 1 ? <Fragment key={index}>{part in nodes ? nodes[part] : `{${part}}`}</Fragment> : part));
}

/** Parts of a meta line (symbol · type · language · date), each isolated, joined by a middle dot. */
export function MetaLine({ parts, className }: { parts: Array<string | null | undefined | false>; className?: string }) {
  const shown = parts.filter((part): part is string => Boolean(part));
  return (
    <span className={className}>
      {shown.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? ' · ' : null}
          <bdi>{part}</bdi>
        </Fragment>
      ))}
    </span>
  );
}
