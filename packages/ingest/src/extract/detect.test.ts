import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFileType } from './detect';
import { CORPUS, FIXTURES } from './paths.test-support';

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectFileType', () => {
  it('recognises the corpus formats from the bytes', () => {
    expect(detectFileType(read(`${CORPUS}minamata/minamata-convention.pdf`)).kind).toBe('pdf');
    expect(detectFileType(read(`${CORPUS}mea/stockholm-convention.docx`)).kind).toBe('docx');
    expect(detectFileType(read(`${CORPUS}mea/basel-convention.html`)).kind).toBe('html');
  });

  it('trusts bytes over names: PDF named .docx, HTML named .pdf', () => {
    expect(detectFileType(read(`${FIXTURES}mislabelled/pdf-bytes.docx`)).kind).toBe('pdf');
    expect(detectFileType(read(`${FIXTURES}mislabelled/html-bytes.pdf`)).kind).toBe('html');
  });

  it('finds the PDF header after leading junk within the first kilobyte, not beyond', () => {
    const pdf = read(`${FIXTURES}en-products-guide.pdf`);
    const junk = new Uint8Array(700).fill(0x41);
    const shifted = new Uint8Array([...junk, ...pdf]);
    expect(detectFileType(shifted)).toMatchObject({ kind: 'pdf', offset: 700 });
    const far = new Uint8Array([...new Uint8Array(5000).fill(0x41), ...pdf.subarray(0, 200)]);
    expect(detectFileType(far).kind).not.toBe('pdf');
  });

  it('refuses images, archives, legacy Office and binaries with a reason', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('mimetypeapplication/vnd.oasis.opendocument.text')]);
    const bin = new Uint8Array(512).map((_, i) => (i * 37) % 256);
    for (const [bytes, mime] of [[png, 'image/png'], [ole, 'application/x-ole-storage'], [zip, 'application/vnd.oasis.opendocument.text'], [bin, 'application/octet-stream']] as const) {
      const t = detectFileType(bytes);
      expect(t.supported).toBe(false);
      expect(t.mime).toBe(mime);
      if (!t.supported) expect(t.reason.length).toBeGreaterThan(10);
    }
  });

  it('tells Markdown from plain text and decodes UTF-16', () => {
    expect(detectFileType(read(`${FIXTURES}ru-mercury.md`)).kind).toBe('markdown');
    expect(detectFileType(read(`${FIXTURES}ar-mercury.txt`)).kind).toBe('text');
    expect(detectFileType(text('A plain note.\nIt uses * once and has no # heading at line start.')).kind).toBe('text');
    const utf16 = Buffer.from('\ufeffMercury in products, a plain text note.', 'utf16le');
    expect(detectFileType(new Uint8Array(utf16))).toMatchObject({ kind: 'text', encoding: 'utf-16le' });
    const noBom = Buffer.from('Mercury in products, a plain text note.', 'utf16le');
    expect(detectFileType(new Uint8Array(noBom))).toMatchObject({ kind: 'text', encoding: 'utf-16le' });
  });

  it('calls an empty file unsupported', () => {
    expect(detectFileType(new Uint8Array(0))).toMatchObject({ supported: false, kind: 'unsupported' });
  });
});
