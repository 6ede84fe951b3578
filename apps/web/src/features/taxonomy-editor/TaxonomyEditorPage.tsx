// The workspace's form styles, and this page's own.
import '../workspace/workspace.css';
import './taxonomy-editor.css';
import { useMemo, useState } from 'react';
import type { ConceptEditResult, RetagJobDto } from '@mep/api/contracts';
import { CONCEPT_SCHEMES, type ConceptScheme } from '@mep/vocabulary';
import { clearApiCache } from '../../api/useApi';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { Link } from '../../router/Router';
import { labelConcept, useTaxonomy } from '../../taxonomy/TaxonomyProvider';
import { isCurator, useSession } from '../account/session';
import { ConceptForm } from './ConceptForm';
import { taxonomyEditorMessages } from './messages';
import { RetagJobs } from './RetagJobs';

/** The list shows this many concepts at most; a search narrows it. */
const SHOWN = 60;

/** Folded for matching: case and diacritics ignored. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The curators' taxonomy editor (its own lazy chunk): browse and search concepts by scheme, add and edit concepts,
 * deprecate them with a replacement, and follow the background retag of each change live.
 */
export default function TaxonomyEditorPage() {
  const t = useT(taxonomyEditorMessages);
  const { lang } = useLanguage();
  const session = useSession();
  const taxonomy = useTaxonomy();
  const [scheme, setScheme] = useState<ConceptScheme>('topic');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [fresh, setFresh] = useState<RetagJobDto[]>([]);
  useDocumentTitle(t('title'));

  const all = useMemo(() => taxonomy.state.data?.concepts ?? [], [taxonomy.state.data]);
  const matches = useMemo(() => {
    const q = fold(query.trim());
    return all.filter((c) => c.scheme === scheme && (!q || fold(c.id).includes(q) || Object.values(c.prefLabel).some((l) => fold(l).includes(q))));
  }, [all, scheme, query]);

  if (session.status === 'loading') return <Loading />;
  if (!isCurator(session.user)) {
    return (
      <>
        <PageHeading>{t('title')}</PageHeading>
        <p>{session.user ? t('notAllowed') : t('signInRequired')}</p>
      </>
    );
  }

  const schemeLabel = (id: string) => taxonomy.state.data?.schemes.find((s) => s.id === id)?.label[lang] ?? id;
  const onSaved = (result: ConceptEditResult, message: string) => {
    setStatus(message);
    setFresh((current) => [result.job, ...current]);
    setSelected(result.concept.id);
    // The whole site labels concepts from /api/taxonomy: load it again.
    clearApiCache();
    taxonomy.retry();
  };

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p>{t('intro')}</p>
      <p>
        <Link href="/workspace">{t('backToWorkspace')}</Link>
      </p>
      <p role="status" className="workspace-notice">
        {status}
      </p>
      <div className="taxonomy-editor">
        <section aria-labelledby="browse-heading" className="workspace-section taxonomy-browse">
          <h2 id="browse-heading">{t('browseHeading')}</h2>
          <div className="browse-controls">
            <label>
              {t('scheme')}
              <select value={scheme} onChange={(event) => setScheme(event.target.value as ConceptScheme)}>
                {CONCEPT_SCHEMES.map((s) => (
                  <option key={s} value={s}>
                    {schemeLabel(s)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('searchConcepts')}
              <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
            </label>
            <button type="button" className="button" onClick={() => setSelected(null)}>
              {t('newConcept')}
            </button>
          </div>
          {taxonomy.state.status === 'loading' && !taxonomy.state.data ? <Loading /> : null}
          <p aria-live="polite">{matches.length ? t('found', { count: matches.length }) : t('noResults')}</p>
          {matches.length > SHOWN ? <p className="hint">{t('moreResults', { shown: SHOWN })}</p> : null}
          <ul className="concept-list">
            {matches.slice(0, SHOWN).map((c) => (
              <li key={c.id}>
                <button type="button" className="link-button" aria-current={selected === c.id ? 'true' : undefined} onClick={() => setSelected(c.id)}>
                  <span dir="auto">{labelConcept(c, c.id, lang)}</span> <code>{c.id}</code>
                  {c.deprecated ? <span className="badge"> {t('deprecatedMark')}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </section>
        {selected !== undefined ? <ConceptForm key={selected ?? 'new'} id={selected} concepts={all} onSaved={onSaved} /> : null}
      </div>
      <RetagJobs fresh={fresh} />
    </>
  );
}
