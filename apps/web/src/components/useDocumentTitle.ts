import { useEffect } from 'react';
import { commonMessages } from '../app/messages';
import { useT } from '../i18n/LanguageProvider';

export function useDocumentTitle(title: string | null): void {
  const t = useT(commonMessages);
  const site = t('siteName');
  useEffect(() => {
    document.title = title ? `${title} — ${site}` : site;
  }, [title, site]);
}
