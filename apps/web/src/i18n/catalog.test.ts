import { describe, expect, it } from 'vitest';
// every catalog in the app, present and future (a new feature's messages.ts, or a second catalog named *Messages.ts, is covered automatically)
import.meta.glob(['../app/messages.ts', '../features/*/messages.ts', '../features/*/*Messages.ts'], { eager: true });
import { listRegisteredBundles, registerMessages, translate } from './catalog';
import { LANGUAGES } from './languages';

describe('message catalogs', () => {
  it('translate every key in all six languages, with the same placeholders as English', () => {
    const bundles = listRegisteredBundles();
    expect(bundles.map((b) => b.namespace)).toEqual(expect.arrayContaining(['common', 'documents', 'explore', 'search']));
    for (const bundle of bundles) {
      for (const [key, source] of Object.entries(bundle.catalog.en)) {
        const sourceText = typeof source === 'string' ? source : source.other;
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        for (const lang of LANGUAGES) {
          const message = bundle.catalog[lang][key];
          expect(message, `${bundle.namespace}.${key} [${lang}]`).toBeTruthy();
          const text = typeof message === 'string' ? message : (message?.other ?? '');
          expect(text.trim(), `${bundle.namespace}.${key} [${lang}]`).not.toBe('');
          // plural forms such as Arabic "one" may spell the number out; "other" must keep every placeholder
          expect(placeholders(text), `${bundle.namespace}.${key} [${lang}] placeholders`).toEqual(placeholders(sourceText));
        }
      }
    }
  });

  it('chooses plural forms by language rules and formats numbers', () => {
    const bundle = registerMessages('test-plural', {
      en: { docs: { one: '{count} document', other: '{count} documents' } },
      fr: { docs: { one: '{count} document', other: '{count} documents' } },
      es: { docs: { other: '{count} documentos' } },
      ru: { docs: { one: '{count} документ', few: '{count} документа', many: '{count} документов', other: '{count} документа' } },
      ar: { docs: { two: 'وثيقتان', other: '{count} وثيقة' } },
      zh: { docs: { other: '{count} 份文件' } },
    });
    expect(translate(bundle, 'en', 'docs', { count: 1 })).toBe('1 document');
    expect(translate(bundle, 'en', 'docs', { count: 1200 })).toBe('1,200 documents');
    expect(translate(bundle, 'ru', 'docs', { count: 3 })).toBe('3 документа');
    expect(translate(bundle, 'ru', 'docs', { count: 5 })).toBe('5 документов');
    expect(translate(bundle, 'ar', 'docs', { count: 2 })).toBe('وثيقتان');
  });

  it('rejects at compile time a catalog that misses a key in one language', () => {
    // @ts-expect-error: 'fr' lacks the key 'b'
    registerMessages('test-incomplete', { en: { a: 'A', b: 'B' }, fr: { a: 'A' }, es: { a: 'A', b: 'B' }, ru: { a: 'A', b: 'B' }, ar: { a: 'A', b: 'B' }, zh: { a: 'A', b: 'B' } });
  });
});
