import type { AnswerKind } from '@mep/api/contracts';
import { formatNumber } from '../../i18n/catalog';
import type { Lang } from '../../i18n/languages';
import type { TranslateFn } from '../../i18n/LanguageProvider';
import type { reportMessages } from './messages';

type ReportKey = keyof (typeof reportMessages)['catalog']['en'] & string;

/** An answer in the reader's language: Yes / No / Not applicable, a number with its unit, or "Not stated". */
export function answerLabel(t: TranslateFn<ReportKey>, lang: Lang, answer: { answer: AnswerKind | null; value: number | null; unit: string | null }): string {
  switch (answer.answer) {
    case 'yes':
      return t('yes');
    case 'no':
      return t('no');
    case 'not-applicable':
      return t('notApplicable');
    case 'number':
      return `${formatNumber(lang, answer.value ?? 0)}${answer.unit && answer.unit !== 'facilities' && answer.unit !== 'sites' ? ` ${answer.unit}` : ''}`;
    default:
      return t('notStated');
  }
}
