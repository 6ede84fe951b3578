import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, documents, openDatabase, type Db } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToText, renderMarkdown } from './markdown';
import { closeMarkdownPool, MarkdownPool, MarkdownTooComplexError } from './markdown-pool';

let db: Db;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mep-md-'));
  db = await openDatabase(await createTestDatabaseTarget(dir));
  const now = new Date().toISOString();
  await db.insert(documents)
    .values({ id: 'doc123', sha256: 'x'.repeat(64), fileName: 'c.pdf', mime: 'application/pdf', kind: 'pdf', sizeBytes: 1, title: 'Minamata Convention <on> Mercury', language: 'en', doctype: 'doctype:convention-text', pageCount: 1, year: 2013, createdAt: now, updatedAt: now })
    .run();
});
afterAll(async () => {
  await closeMarkdownPool();
  await closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const render = async (md: string) => (await renderMarkdown(db, md)).html;

/** Nothing executable may survive, whatever the trick. */
function expectInert(rendered: string): void {
  // Escaped text inside quoted attribute values is inert: look at the markup only.
  const html = rendered.replace(/"[^"]*"/g, '""').replace(/>[^<]*</g, '><');
  expect(rendered).not.toMatch(/javascript:|vbscript:|data:/i);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<style/i);
  expect(html).not.toMatch(/<iframe|<object|<embed|<form|<input|<svg|<math|<img/i);
  expect(html).not.toMatch(/\son\w+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
  expect(html).not.toMatch(/vbscript:/i);
  expect(html).not.toMatch(/data:/i);
  expect(html).not.toMatch(/style=/i);
}

describe('Markdown → sanitized HTML', () => {
  const payloads: Array<[string, string]> = [
    ['script tag', 'Hello <script>alert(1)</script> world'],
    ['event handler', '<img src=x onerror="alert(1)">'],
    ['javascript link', '[click](javascript:alert(1))'],
    ['javascript link, encoded', '[click](jav&#x61;script:alert(1))'],
    ['javascript autolink in html', '<a href="javascript:alert(1)">x</a>'],
    ['mixed-case scheme with whitespace', '<a href=" JaVaScRiPt:alert(1)">x</a>'],
    ['data URL link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data URL image', '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'],
    ['svg onload', '<svg onload=alert(1)></svg>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['style attribute and tag', '<p style="background:url(javascript:alert(1))">x</p><style>body{}</style>'],
    ['nested breakout', '<scr<script>ipt>alert(1)</scr</script>ipt>'],
    ['form', '<form action="https://evil.example"><input name=a></form>'],
    ['vbscript', '[x](vbscript:msgbox(1))'],
    ['details ontoggle', '<details open ontoggle=alert(1)>'],
    ['link title breakout', '[x](https://example.org "a\\" onmouseover=\\"alert(1)")'],
  ];
  for (const [name, payload] of payloads) {
    it(`neutralises ${name}`, async () => expectInert(await render(payload)));
  }

  it('keeps ordinary formatting and gives links rel="nofollow ugc noopener"', async () => {
    const html = await render('**Bold** and _it_ and `code`\n\n- one\n- two\n\n[UNEP](https://www.unep.org/)');
    expect(html).toContain('<strong>Bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://www.unep.org/" rel="nofollow ugc noopener">UNEP</a>');
  });

  it('renders links to repository documents as document cards from the documents table', async () => {
    const rendered = await renderMarkdown(db, 'See [the text](/documents/doc123) and [missing](/documents/nope).');
    expect(rendered.documentIds).toEqual(['doc123']);
    expect(rendered.html).toContain('class="doc-card"');
    expect(rendered.html).toContain('data-document-id="doc123"');
    expect(rendered.html).toContain('<span class="doc-card__title">the text</span>');
    expect(rendered.html).toContain('data-doctype="doctype:convention-text"');
    expect(rendered.html).toContain('<span class="doc-card__meta" data-year="2013">convention-text · 2013</span>');
    expect(rendered.html).toContain('<a href="/documents/nope" rel="nofollow ugc noopener">missing</a>');
    expectInert(rendered.html);
  });

  it('gives one card per link, keeping its page anchor and link text (the title for a bare URL)', async () => {
    const { html, documentIds } = await renderMarkdown(
      db,
      'See [Article 7, p. 12](/documents/doc123?q=asgm#page-12), https://mep.example/documents/doc123 and [again](/documents/doc123#evil"onclick).',
    );
    expect(documentIds).toEqual(['doc123']);
    const cards = [...html.matchAll(/<a class="doc-card"[^>]*>.*?<\/a>/g)].map((m) => m[0]);
    expect(cards).toHaveLength(3);
    expect(cards[0]).toContain('href="/documents/doc123#page-12"');
    expect(cards[0]).toContain('<span class="doc-card__title">Article 7, p. 12</span>');
    expect(cards[1]).toContain('href="/documents/doc123"');
    expect(cards[1]).toContain('Minamata Convention &lt;on&gt; Mercury');
    // Only `#page-N` survives as an anchor.
    expect(cards[2]).toContain('href="/documents/doc123"');
    expect(cards[2]).toContain('>again</span>');
    expectInert(html);
  });

  it('turns HTML into plain text for search and e-mails', async () => {
    expect(htmlToText(await render('# Title\n\nA &amp; B <b>bold</b>'))).toBe('Title\n\nA & B bold');
  });
});

describe('hostile Markdown cannot hold the server (finding 1)', () => {
  it("renders 20,000 characters of unclosed links ('[a](' × 5000) — 211 s on marked 16 — in seconds", async () => {
    const started = Date.now();
    const html = await render('[a]('.repeat(5000));
    expect(html).toContain('[a](');
    // Generous: the point is "not minutes"; the loaded CI machine may be slow.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('renders off the main thread: the event loop keeps turning while a text is rendered', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      await render('**bold** [link](https://example.org) '.repeat(500) + '[a]('.repeat(5000));
    } finally {
      clearInterval(ticker);
    }
    expect(ticks).toBeGreaterThan(0);
  }, 60_000);

  it('stops a rendering over its budget with 422 markdown_too_complex and keeps serving the next one', async () => {
    const pool = new MarkdownPool(1);
    try {
      const slow = pool.render('> [a](b) **c** _d_ `e`\n'.repeat(5000), {}, 1);
      await expect(slow).rejects.toBeInstanceOf(MarkdownTooComplexError);
      await expect(slow).rejects.toMatchObject({ status: 422, code: 'markdown_too_complex' });
      expect(pool.stats.terminated).toBe(1);
      const next = await pool.render('still **fine**', {}, 30_000);
      expect(next.html).toBe('<p>still <strong>fine</strong></p>\n');
      expect(pool.stats.started).toBe(2);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
