import type { TranslateFn } from '../../i18n/LanguageProvider';
import type { AccountKey } from './messages';
import { ApiError } from '../../api/client';

/** A failed request in the reader's language: known API codes get their own sentence. */
export function errorText(t: TranslateFn<AccountKey>, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error_${error.code}`;
    if (key === 'error_invalid_credentials' || key === 'error_email_taken' || key === 'error_rate_limited') return t(key);
    return t('error_generic', { message: error.message });
  }
  return t('error_generic', { message: String((error as Error)?.message ?? error) });
}
