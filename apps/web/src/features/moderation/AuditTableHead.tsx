import { useT } from '../../i18n/LanguageProvider';
import { moderationMessages } from './messages';

/** The audit log's column headings, shared by the moderation page and the workspace's audit page. */
export function AuditTableHead() {
  const t = useT(moderationMessages);
  return (
    <thead>
      <tr>
        <th scope="col">{t('colWhen')}</th>
        <th scope="col">{t('colWho')}</th>
        <th scope="col">{t('colAction')}</th>
        <th scope="col">{t('colTarget')}</th>
        <th scope="col">{t('colDetails')}</th>
      </tr>
    </thead>
  );
}
