/** The two-stage language identifier: script first, then the n-gram detector within the script. */
import { describe, expect, it } from 'vitest';
import { analyzeDocument } from './analyze';
import { detectLanguageWithConfidence } from './language';
import type { ExtractedDocument } from './types';

const SAMPLES: Record<string, string> = {
  es: 'El presente informe describe las medidas que el Gobierno adoptará para reducir y, cuando sea viable, eliminar el uso de mercurio en la minería de oro artesanal y en pequeña escala.',
  pt: 'O presente relatório descreve as medidas que o Governo adotará para reduzir e, quando viável, eliminar o uso de mercúrio na mineração de ouro artesanal e em pequena escala.',
  ca: "Aquest informe descriu les mesures que el Govern adoptarà per reduir i, quan sigui viable, eliminar l'ús de mercuri en la mineria d'or artesanal i a petita escala.",
  ru: 'В настоящем докладе описываются меры, которые правительство примет для сокращения и, где это возможно, прекращения использования ртути в кустарной золотодобыче.',
  uk: 'У цій доповіді описано заходи, яких уряд вживатиме для скорочення і, де це можливо, припинення використання ртуті у кустарному видобутку золота.',
  ar: 'يصف هذا التقرير التدابير التي ستتخذها الحكومة للحد من استخدام الزئبق في تعدين الذهب الحرفي والضيق النطاق، والقضاء عليه حيثما أمكن.',
  fa: 'این گزارش اقداماتی را که دولت برای کاهش و در صورت امکان حذف استفاده از جیوه در استخراج طلای صنعتگرانه و در مقیاس کوچک انجام خواهد داد، شرح می‌دهد.',
  fr: 'Le présent rapport décrit les mesures que le Gouvernement prendra pour réduire et, si possible, éliminer l’utilisation du mercure dans l’extraction minière artisanale et à petite échelle d’or.',
  en: 'This report describes the measures the Government will take to reduce and, where feasible, eliminate the use of mercury in artisanal and small-scale gold mining.',
};

describe('language detection', () => {
  it.each(['es', 'ru', 'ar', 'fr', 'en'])('keeps %s as that UN language', (lang) => {
    expect(detectLanguageWithConfidence(SAMPLES[lang]!)).toMatchObject({ language: lang, code: lang });
  });

  it.each([
    ['pt', 'Spanish'],
    ['ca', 'Spanish'],
    ['uk', 'Russian'],
    ['fa', 'Arabic'],
  ])('files %s as other with its ISO code, not as %s', (lang) => {
    expect(detectLanguageWithConfidence(SAMPLES[lang]!)).toMatchObject({ language: 'other', code: lang });
  });

  it('puts the ISO code of an `other` document in its facts and flags', () => {
    const doc: ExtractedDocument = { kind: 'text', mime: 'text/plain', pageCount: 1, pages: [{ page: 1, text: `Relatório nacional\n\n${SAMPLES.pt}` }], warnings: [] };
    const facts = analyzeDocument(doc, 'relatorio.txt');
    expect(facts.language).toBe('other');
    expect(facts.otherLanguage).toBe('pt');
    expect(facts.flags).toContain('language-other: pt');
  });
});
