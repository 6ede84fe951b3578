import type { ApiError } from '../api/client';
import { commonMessages, type CommonKey } from '../app/messages';
import { useT } from '../i18n/LanguageProvider';

const MESSAGE_BY_KIND: Record<ApiError['kind'], CommonKey> = {
  network: 'errorNetwork',
  timeout: 'errorTimeout',
  http: 'errorHttp',
  'not-found': 'errorNotFound',
  invalid: 'errorInvalid',
};

/** Says what failed in the reader's language and offers a Retry: a failed request never leaves a blank page. */
export function ErrorPanel({ error, onRetry, message }: { error: ApiError; onRetry?: () => void; message?: string }) {
  const t = useT(commonMessages);
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{t('errorTitle')}</p>
      <p>{message ?? t(MESSAGE_BY_KIND[error.kind], { status: String(error.status ?? '') })}</p>
      {onRetry && error.kind !== 'not-found' ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}
