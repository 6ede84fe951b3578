import type { OpenSurveysDto } from '@mep/api/contracts';
import { useId } from 'react';
import { useApi } from '../../api/useApi';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { surveyMessages } from './messages';
import { textIn } from './text';
import './surveys.css';

/**
 * Links to the open surveys (the dashboards page and the account page show it); nothing at all when none is
 * open or the list cannot be read — it is an invitation, not content the page depends on.
 */
export function OpenSurveys() {
  const t = useT(surveyMessages);
  const { lang } = useLanguage();
  const headingId = useId();
  const { state } = useApi<OpenSurveysDto>('/api/surveys');
  const items = state.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section className="open-surveys" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('openSurveysTitle')}</h2>
      <p>{t('openSurveysIntro')}</p>
      <ul>
        {items.map((survey) => (
          <li key={survey.id}>
            <Link href={`/surveys/${survey.id}`}>
              <span dir="auto">{textIn(survey.title, lang)}</span>
            </Link>
            {survey.answered ? <span className="hint"> ({t('answeredMark')})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
