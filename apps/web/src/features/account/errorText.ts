import type { TranslateFn } from '../../i18n/LanguageProvider';
import type { AccountKey } from './messages';
import { ApiError } from '../../api/client';

const KNOWN = new Set<AccountKey>(['error_invalid_credentials', 'error_email_taken', 'error_rate_limited', 'error_weak_password', 'error_display_name_invalid', 'error_display_name_reserved']);

/** A failed request in the reader's language: known API codes get their own sentence. */
export function errorText(t: TranslateFn<AccountKey>, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `error_${error.code}` as AccountKey;
    if (KNOWN.has(key)) return t(key);
    return t('error_generic', { message: error.message });
  }
  return t('error_generic', { message: String((error as Error)?.message ?? error) });
}
