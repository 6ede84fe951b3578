import type { TranslateFn } from '../../i18n/LanguageProvider';
import type { AccountKey } from './messages';
import { SendFailed } from './session';

/** A failed request in the reader's language: known API codes get their own sentence. */
export function errorText(t: TranslateFn<AccountKey>, error: unknown): string {
  if (error instanceof SendFailed) {
    const key = `error_${error.detail.code}` as AccountKey;
    if (key === 'error_invalid_credentials' || key === 'error_email_taken' || key === 'error_rate_limited') return t(key);
    return t('error_generic', { message: error.detail.message });
  }
  return t('error_generic', { message: String((error as Error)?.message ?? error) });
}
