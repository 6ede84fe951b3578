/**
 * The words national reports are written with, in the six UN languages: article headings, answer
 * options, checkbox marks, labels of the cover page, prompts, units. Kept apart from the parser so a
 * new wording is one line here, not a new branch there.
 */

/** Answer options a checkbox or an "Answer:" label can carry. */
export type OptionWord = 'yes' | 'no' | 'not-applicable';

/**
 * Option words, longest first within a language so "No se aplica" wins over "No" and
 * "Non applicable" over "Non". Compared on folded text (lower case, no diacritics).
 */
export const OPTION_WORDS: readonly (readonly [string, OptionWord])[] = [
  ['not applicable', 'not-applicable'],
  ['non applicable', 'not-applicable'],
  ['sans objet', 'not-applicable'],
  ['no se aplica', 'not-applicable'],
  ['no aplicable', 'not-applicable'],
  ['no procede', 'not-applicable'],
  ['не применимо', 'not-applicable'],
  ['неприменимо', 'not-applicable'],
  ['لا ينطبق', 'not-applicable'],
  ['غير منطبق', 'not-applicable'],
  ['不适用', 'not-applicable'],
  ['n/a', 'not-applicable'],
  ['yes', 'yes'],
  ['oui', 'yes'],
  ['si', 'yes'],
  ['да', 'yes'],
  ['نعم', 'yes'],
  ['是', 'yes'],
  ['non', 'no'],
  ['no', 'no'],
  ['нет', 'no'],
  ['لا', 'no'],
  ['否', 'no'],
];

/** Marks that tick a box. `X` alone is only a mark when it stands before an option word. */
export const CHECKED_MARKS = ['☒', '☑', '■', '✓', '✔', '⊠', '▣'];
export const UNCHECKED_MARKS = ['☐', '□', '▢', '◻'];

/** Labels introducing a written answer ("Answer: Yes", "Réponse : 12 t"). */
export const ANSWER_LABEL = /^(?:answer|response|reply|réponse|respuesta|ответ|الإجابة|الاجابة|الرد|答复|回答|答案)\s*[:：]\s*/iu;

/** Labels introducing a quantity. */
export const QUANTITY_LABEL = /^(?:quantity|amount|total|quantité|montant|cantidad|количество|объем|الكمية|数量|总量)\s*(?:\([^)]*\))?\s*[:：]\s*/iu;

/** Prompts that ask for details: the line is an instruction, not the party's words (text after its colon is). */
export const DETAIL_PROMPT =
  /^(?:if (?:yes|no|so)(?!\p{L})|please (?:provide|describe|specify|explain|give)|details(?!\p{L})|explanation(?!\p{L})|si (?:oui|non)(?!\p{L})|veuillez(?!\p{L})|précisez(?!\p{L})|détails(?!\p{L})|en caso (?:afirmativo|negativo)(?!\p{L})|sírvase(?!\p{L})|sirvase(?!\p{L})|por favor(?!\p{L})|detalles(?!\p{L})|если (?:да|нет)(?!\p{L})|просьба(?!\p{L})|укажите(?!\p{L})|пожалуйста(?!\p{L})|подробности(?!\p{L})|إذا كانت الإجابة|يرجى|التفاصيل|如果是|如果否|请提供|请说明|详情)/iu;

/** Cover-page label of the reporting party. */
export const PARTY_LABEL =
  /^(?:name of (?:the )?party|reporting party|party|nom de la partie|partie (?:déclarante)?|partie|nombre de la parte|parte (?:informante)?|parte|наименование стороны|сторона|اسم الطرف|الطرف|缔约方名称|缔约方)\s*[:：]\s*(.+)$/iu;

/** Cover-page label of the reporting period. */
export const PERIOD_LABEL =
  /^(?:reporting period|period covered|période (?:de référence|couverte|considérée)|período (?:del informe|de presentación de informes|abarcado)|отчетный период|отчётный период|الفترة المشمولة بالتقرير|فترة الإبلاغ|报告期|报告所涉期间)\s*[:：]\s*(.+)$/iu;

/** Cover-page label of the submission year or date. */
export const YEAR_LABEL = /^(?:year of (?:submission|report)|date of submission|submission date|année|date de (?:soumission|présentation)|año|fecha de presentación|год|дата представления|سنة|تاريخ التقديم|年份|提交日期)\s*[:：]\s*(.+)$/iu;

/** Words naming the reporting cycle: full reports every four years, short ones in between. */
export const FULL_CYCLE = /(?<!\p{L})(?:full report|full national report|rapport complet|rapport national complet|informe completo|informe nacional completo|полный (?:национальный )?доклад|полный отчет)(?!\p{L})|التقرير (?:الوطني )?الكامل|تقرير (?:وطني )?كامل|(?:完整|全面)(?:国家)?报告/iu;
export const SHORT_CYCLE = /(?<!\p{L})(?:short report|short national report|rapport abrégé|rapport national abrégé|informe abreviado|informe nacional abreviado|краткий (?:национальный )?доклад|краткий отчет)(?!\p{L})|التقرير (?:الوطني )?الموجز|تقرير (?:وطني )?موجز|(?:简要|简短)(?:国家)?报告/iu;

/** Article headings: "Article 17", "Artículo 17", "Статья 17", "المادة 17", "第17条" / "第十七条". */
export const ARTICLE_HEADING = /^(?:article|art\.|artículo|articulo|статья|المادة)\s*(\d{1,3}|[٠-٩]{1,3})/iu;
/** What may follow the number of a heading: nothing, punctuation or a capitalised title — not "of the Convention". */
export const AFTER_ARTICLE_NUMBER = /^(?:\s*$|\s*[:.\-–—(]|\s+\p{Lu}|\s+[\u0600-\u06ff])/u;
export const ARTICLE_HEADING_ZH = /^第\s*([0-9〇零一二两三四五六七八九十百]{1,5})\s*条/u;

/** Units a quantity may carry, folded to one spelling each. */
export const UNITS: readonly (readonly [RegExp, string])[] = [
  [/^(?:metric tonnes?|metric tons?|tonnes? m[ée]triques?|tonnes?|tons?|t|toneladas?( métricas)?|тонн[аы]?|т|طن|أطنان|吨|公吨)$/iu, 't'],
  [/^(?:kilogrammes?|kilograms?|kilogramos?|kg|кг|килограмм(?:ов|а)?|كغ|كجم|كيلوغرام|千克|公斤)$/iu, 'kg'],
  [/^(?:grammes?|grams?|gramos?|g|г|грамм(?:ов|а)?|غرام|克)$/iu, 'g'],
  [/^(?:%|per ?cent|pour ?cent|por ?ciento|процент(?:ов|а)?|في المائة)$/iu, '%'],
  [/^(?:facilities|installations|instalaciones|объект(?:ов|а|ы)?|مرافق|设施)$/iu, 'facilities'],
  [/^(?:sites?|emplacements?|sitios?|участк(?:ов|а|и)|مواقع|场地)$/iu, 'sites'],
];

/** Chinese numerals up to 99 (enough for article numbers). */
export function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const digits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? digits[text] : undefined;
  const tens = ten === 0 ? 1 : digits[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : digits[text.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

/** Western digits for Arabic-Indic ones. */
export function westernDigits(text: string): string {
  return text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The canonical unit for a unit word, or undefined when the word is no unit. */
export function canonicalUnit(word: string): string | undefined {
  const w = word.trim().replace(/[.)(]/g, '').trim();
  for (const [pattern, unit] of UNITS) if (pattern.test(w)) return unit;
  return undefined;
}
