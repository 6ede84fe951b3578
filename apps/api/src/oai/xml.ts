/** A few XML helpers: escaping (and dropping characters XML 1.0 forbids), elements with attributes. */

// eslint-disable-next-line no-control-regex -- naming the control characters XML allows (tab, LF, CR) is the point
const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text safe inside an element or a double-quoted attribute. */
export function xmlEscape(value: string | number): string {
  return String(value)
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** `<name a="…">text</name>`; attributes with undefined values are left out. */
export function el(name: string, attributes: Record<string, string | number | undefined>, content = ''): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v!)}"`)
    .join('');
  return content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** An element whose content is escaped text. */
export const textEl = (name: string, text: string | number, attributes: Record<string, string | number | undefined> = {}) => el(name, attributes, xmlEscape(text));
