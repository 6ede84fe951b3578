import { useEffect, useState } from 'react';
import { commonMessages } from '../app/messages';
import { useT } from '../i18n/LanguageProvider';

/** After this long the reader is told the connection is slow rather than left wondering. */
const SLOW_AFTER_MS = 4000;

export function Loading({ label }: { label?: string }) {
  const t = useT(commonMessages);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {slow ? t('slow') : (label ?? t('loading'))}
    </p>
  );
}
