/**
 * The API promises snippets that are HTML-escaped apart from <mark>. We still re-escape any other
 * angle bracket before injecting, so a regression on the server can never become script injection.
 */
export function toSafeSnippetHtml(snippet: string): string {
  return snippet
    .split(/(<\/?mark>)/)
    .map((part) => (part === '<mark>' || part === '</mark>' ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')))
    .join('');
}
