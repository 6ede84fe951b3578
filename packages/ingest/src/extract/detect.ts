/**
 * File type detection from the bytes alone. The file name lies too often (a `.pdf` that is an HTML
 * error page, a `.txt` that is a PDF) to be trusted.
 */

/** What the bytes are. `supported: false` carries a human reason. */
export type DetectedType =
  | { supported: true; kind: 'pdf'; mime: 'application/pdf'; offset: number }
  | {
      supported: true;
      kind: 'docx';
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
  | { supported: true; kind: 'html'; mime: 'text/html'; encoding: TextEncodingName }
  | { supported: true; kind: 'text'; mime: 'text/plain'; encoding: TextEncodingName }
  | { supported: true; kind: 'markdown'; mime: 'text/markdown'; encoding: TextEncodingName }
  | { supported: false; kind: 'unsupported'; mime: string; reason: string };

/** Text encodings we decode. `windows-1252` is the fallback for 8-bit text that is not UTF-8. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const SNIFF_WINDOW = 1024;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

function indexOfAscii(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): number {
  const first = needle.charCodeAt(0);
  const end = Math.min(to, bytes.length) - needle.length;
  outer: for (let i = from; i <= end; i++) {
    if (bytes[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

function unsupported(mime: string, reason: string): DetectedType {
  return { supported: false, kind: 'unsupported', mime, reason };
}

/** Binary formats we recognise only to refuse them with a precise reason. */
const BINARY_SIGNATURES: { sig: readonly number[]; at?: number; mime: string; reason: string }[] = [
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], mime: 'application/x-ole-storage', reason: 'a legacy Microsoft Office file (.doc/.xls/.ppt); save it as DOCX or PDF' },
  { sig: [0x89, 0x50, 0x4e, 0x47], mime: 'image/png', reason: 'a PNG image; images need OCR, which is not supported' },
  { sig: [0xff, 0xd8, 0xff], mime: 'image/jpeg', reason: 'a JPEG image; images need OCR, which is not supported' },
  { sig: [0x47, 0x49, 0x46, 0x38], mime: 'image/gif', reason: 'a GIF image; images need OCR, which is not supported' },
  { sig: [0x49, 0x49, 0x2a, 0x00], mime: 'image/tiff', reason: 'a TIFF image; images need OCR, which is not supported' },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], mime: 'image/tiff', reason: 'a TIFF image; images need OCR, which is not supported' },
  { sig: [0x42, 0x4d], mime: 'image/bmp', reason: 'a BMP image; images need OCR, which is not supported' },
  { sig: [0x57, 0x45, 0x42, 0x50], at: 8, mime: 'image/webp', reason: 'a WebP image; images need OCR, which is not supported' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], mime: 'application/x-executable', reason: 'an executable program, not a document' },
  { sig: [0x4d, 0x5a], mime: 'application/x-msdownload', reason: 'a Windows executable, not a document' },
  { sig: [0x1f, 0x8b], mime: 'application/gzip', reason: 'a gzip archive; unpack it first' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], mime: 'application/x-7z-compressed', reason: 'a 7-Zip archive; unpack it first' },
  { sig: [0x52, 0x61, 0x72, 0x21], mime: 'application/vnd.rar', reason: 'a RAR archive; unpack it first' },
  { sig: [0x7b, 0x5c, 0x72, 0x74, 0x66], mime: 'application/rtf', reason: 'an RTF document; save it as DOCX or PDF' },
];

function detectZip(bytes: Uint8Array): DetectedType {
  // Entry names appear in both local headers and the central directory, so a plain search is
  // enough and survives a truncated central directory.
  if (indexOfAscii(bytes, 'word/document.xml') >= 0) {
    return {
      supported: true,
      kind: 'docx',
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
  }
  if (indexOfAscii(bytes, 'xl/workbook.xml') >= 0) {
    return unsupported('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'an Excel spreadsheet (XLSX); only PDF, DOCX, HTML and text are supported');
  }
  if (indexOfAscii(bytes, 'ppt/presentation.xml') >= 0) {
    return unsupported('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'a PowerPoint presentation (PPTX); save it as PDF');
  }
  if (indexOfAscii(bytes, 'application/vnd.oasis.opendocument', 0, 200) >= 0) {
    return unsupported('application/vnd.oasis.opendocument.text', 'an OpenDocument file; save it as DOCX or PDF');
  }
  if (indexOfAscii(bytes, 'application/epub+zip', 0, 200) >= 0) {
    return unsupported('application/epub+zip', 'an EPUB book; only PDF, DOCX, HTML and text are supported');
  }
  return unsupported('application/zip', 'a ZIP archive that is not a Word document; unpack it first');
}

function detectBom(bytes: Uint8Array): { encoding: TextEncodingName; skip: number } | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', skip: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
  return undefined;
}

/** UTF-16 without a BOM shows as NUL bytes at every other position in ASCII-heavy text. */
function guessUtf16(bytes: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(bytes.length, SNIFF_WINDOW) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Share of bytes that would not appear in any text file (controls other than tab/CR/LF/FF/ESC). */
function controlByteRatio(bytes: Uint8Array, limit: number): number {
  const n = Math.min(bytes.length, limit);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) bad++;
  }
  return bad / n;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes text bytes with the detected encoding, dropping a BOM. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  const text = new TextDecoder(encoding).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/i;
const HTML_TAGS = /<(?:html|head|body|div|p|h[1-6]|table|br|span|a\s+href|script|style)\b[^>]*>/gi;

function looksLikeHtml(head: string): boolean {
  if (HTML_START.test(head)) return true;
  const tags = head.match(HTML_TAGS);
  return (tags?.length ?? 0) >= 3 && /^\s*</.test(head);
}

/**
 * Markdown signals, counted per kind so that one stray `#` or `*` does not turn prose into Markdown.
 */
function looksLikeMarkdown(text: string): boolean {
  const sample = text.slice(0, 20_000);
  const signals = [
    /^#{1,6}\s+\S/m, // ATX heading
    /^\s{0,3}[-*+]\s+\S/m, // bullet list
    /^\s{0,3}\d+\.\s+\S/m, // ordered list
    /\[[^\]\n]+\]\([^)\s]+\)/, // link
    /^```/m, // fence
    /\*\*[^*\n]+\*\*|__[^_\n]+__/, // strong
    /^\s{0,3}>\s+\S/m, // blockquote
    /^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}/m, // table
    /^[^\n]+\n(?:=+|-+)\s*$/m, // setext heading
  ];
  const hits = signals.filter((re) => re.test(sample)).length;
  if (/^#{1,6}\s+\S/.test(sample.trimStart())) return hits >= 1;
  return hits >= 2;
}

/**
 * Detects the type of a file from its bytes.
 *
 * PDF is recognised even after leading junk in the first kilobyte (as PDF readers do); DOCX is a ZIP
 * holding `word/document.xml`; HTML is sniffed; text may be UTF-8, UTF-16 (with or without BOM) or
 * 8-bit. Images, archives, legacy Office files and binaries come back `supported: false` with a reason.
 */
export function detectFileType(bytes: Uint8Array): DetectedType {
  if (bytes.length === 0) return unsupported('application/x-empty', 'the file is empty');

  const pdfAt = indexOfAscii(bytes, '%PDF-', 0, SNIFF_WINDOW + 5);
  if (pdfAt >= 0) return { supported: true, kind: 'pdf', mime: 'application/pdf', offset: pdfAt };

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return detectZip(bytes);
  }
  for (const s of BINARY_SIGNATURES) {
    if (startsWith(bytes, s.sig, s.at ?? 0)) {
      // RIFF/WebP needs its container tag too; a lone "BM" or "MZ" must not match prose.
      if (s.mime === 'image/webp' && !startsWith(bytes, [0x52, 0x49, 0x46, 0x46])) continue;
      if ((s.mime === 'image/bmp' || s.mime === 'application/x-msdownload') && controlByteRatio(bytes, 256) < 0.05) continue;
      return unsupported(s.mime, `the file is ${s.reason}`);
    }
  }

  const bom = detectBom(bytes);
  let encoding: TextEncodingName | undefined = bom?.encoding ?? guessUtf16(bytes);
  if (!encoding) {
    if (controlByteRatio(bytes, 64 * 1024) > 0.01 || indexOfAscii(bytes, '\0', 0, 64 * 1024) >= 0) {
      return unsupported('application/octet-stream', 'the file is binary data of an unknown format, not a document');
    }
    encoding = isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
  }

  const head = decodeText(bytes.subarray(0, 64 * 1024), encoding);
  if (/^\s*%PDF-/.test(head)) return { supported: true, kind: 'pdf', mime: 'application/pdf', offset: 0 };
  if (looksLikeHtml(head.slice(0, 4096))) return { supported: true, kind: 'html', mime: 'text/html', encoding };
  if (/^\s*<\?xml/.test(head)) {
    return unsupported('application/xml', 'the file is an XML document that is not HTML; only PDF, DOCX, HTML and text are supported');
  }
  if (/^\s*\{\\rtf/.test(head)) return unsupported('application/rtf', 'the file is an RTF document; save it as DOCX or PDF');
  if (looksLikeMarkdown(head)) return { supported: true, kind: 'markdown', mime: 'text/markdown', encoding };
  return { supported: true, kind: 'text', mime: 'text/plain', encoding };
}
