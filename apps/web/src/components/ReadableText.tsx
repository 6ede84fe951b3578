import { Fragment, useMemo, type ReactNode } from 'react';
import { parseInline, parsePageBlocks } from './pageBlocks';

interface ReadableTextProps {
  text: string;
  /** Wraps words to highlight (e.g. the query's) in <mark>; plain text otherwise. */
  mark?: (text: string) => ReactNode[];
  /** `lang`/`dir` of the document's text. */
  textProps?: { lang?: string; dir: 'auto' };
  className?: string;
}

function Inline({ text, mark }: { text: string; mark?: (text: string) => ReactNode[] }) {
  return (
    <>
      {parseInline(text).map((piece, index) => {
        const content = mark ? mark(piece.text) : piece.text;
        if (piece.kind === 'sup') return <sup key={index}>{content}</sup>;
        if (piece.kind === 'strong') return <strong key={index}>{content}</strong>;
        return <Fragment key={index}>{content}</Fragment>;
      })}
    </>
  );
}

/**
 * A page's extracted text as paragraphs and tables. Everything is rendered as React text nodes:
 * markup in a document (a `<script>` in an HTML file's text) is shown, never run.
 */
export function ReadableText({ text, mark, textProps, className = 'page-text' }: ReadableTextProps) {
  const blocks = useMemo(() => parsePageBlocks(text), [text]);
  return (
    <div className={className} {...textProps}>
      {blocks.map((block, index) =>
        block.kind === 'paragraph' ? (
          <p key={index}>
            <Inline text={block.text} mark={mark} />
          </p>
        ) : (
          <div key={index} className="table-scroll">
            <table>
              {block.header ? (
                <thead>
                  <tr>
                    {block.header.map((cell, c) => (
                      <th key={c} scope="col">
                        <Inline text={cell} mark={mark} />
                      </th>
                    ))}
                  </tr>
                </thead>
              ) : null}
              <tbody>
                {block.rows.map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) =>
                      // Without a header row, each row's first cell names the row (a product, a waste
                      // category, a chemical): every data cell then has a header, as assistive technology expects.
                      c === 0 && !block.header ? (
                        <th key={c} scope="row">
                          <Inline text={cell} mark={mark} />
                        </th>
                      ) : (
                        <td key={c}>
                          <Inline text={cell} mark={mark} />
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ),
      )}
    </div>
  );
}
