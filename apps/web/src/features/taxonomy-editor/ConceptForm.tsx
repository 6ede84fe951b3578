import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ConceptDetail, ConceptEditResult, TaxonomyConcept } from '@mep/api/contracts';
import { EXTENSIBLE_SCHEMES, LANGUAGE_INFO, UN_LANGUAGES, type Lang } from '@mep/vocabulary';
import { ApiError, send } from '../../api/client';
import { useApi } from '../../api/useApi';
import { commonMessages } from '../../app/messages';
import { ConflictAlert } from '../../components/ConflictAlert';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Loading } from '../../components/Loading';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { labelConcept } from '../../taxonomy/TaxonomyProvider';
import { ConceptPicker, resolvePick } from './ConceptPicker';
import { taxonomyEditorMessages } from './messages';

interface Draft {
  slug: string;
  prefLabel: Record<Lang, string>;
  /** One textarea per language: a label per line. */
  altLabels: Record<Lang, string>;
  broader: string[];
  related: string[];
  articles: string[];
  exactMatch: string;
}

const perLanguage = (value: (lang: Lang) => string) => Object.fromEntries(UN_LANGUAGES.map((l) => [l, value(l)])) as Record<Lang, string>;
const emptyDraft = (): Draft => ({ slug: '', prefLabel: perLanguage(() => ''), altLabels: perLanguage(() => ''), broader: [], related: [], articles: [], exactMatch: '' });
const draftOf = (c: ConceptDetail): Draft => ({
  slug: c.id.slice(c.id.indexOf(':') + 1),
  prefLabel: { ...c.prefLabel },
  altLabels: perLanguage((l) => (c.altLabels[l] ?? []).join('\n')),
  broader: [...c.broader],
  related: [...c.related],
  articles: [...c.articles],
  exactMatch: c.exactMatch.join('\n'),
});
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The request body of a draft (the API validates everything again; this only shapes it). */
function contentOf(draft: Draft) {
  return {
    prefLabel: perLanguage((l) => draft.prefLabel[l].trim()),
    altLabels: Object.fromEntries(UN_LANGUAGES.map((l): [Lang, string[]] => [l, lines(draft.altLabels[l])]).filter(([, list]) => list.length > 0)),
    broader: draft.broader,
    related: draft.related,
    articles: draft.articles,
    exactMatch: lines(draft.exactMatch),
  };
}

/** A stale save's other change, as the 409 carries it. */
interface StaleDetails {
  currentVersion?: number;
  change?: { after?: { prefLabel?: { en?: string } } };
}

/**
 * Adds a concept (`id` null) or edits one: six preferred labels, alternative labels, broader / related, articles,
 * exactMatch; an existing concept of an extensible scheme can be deprecated in favour of a replacement.
 */
export function ConceptForm({ id, concepts, onSaved }: { id: string | null; concepts: readonly TaxonomyConcept[]; onSaved: (result: ConceptEditResult, message: string) => void }) {
  const t = useT(taxonomyEditorMessages);
  const common = useT(commonMessages);
  const { lang } = useLanguage();
  const { state, retry } = useApi<ConceptDetail>(id ? `/api/taxonomy/concepts/${encodeURIComponent(id)}` : null, { cache: false });
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [error, setError] = useState('');
  const [conflict, setConflict] = useState('');
  const [replacement, setReplacement] = useState('');
  const [busy, setBusy] = useState(false);
  const slugId = useId();
  const concept = id ? state.data : null;

  useEffect(() => {
    if (!id) setDraft(emptyDraft());
    else if (state.data) setDraft(draftOf(state.data));
    setError('');
    setConflict('');
  }, [id, state.data]);

  if (id && state.status === 'error') return <ErrorPanel error={state.error} onRetry={retry} />;
  if (id && !concept) return <Loading />;

  const active = concepts.filter((c) => !c.deprecated);
  const linkable = active.filter((c) => c.scheme !== 'article' && c.scheme !== 'annex' && c.id !== id);
  const articles = active.filter((c) => c.scheme === 'article' || c.scheme === 'annex');
  const extensible = (EXTENSIBLE_SCHEMES as readonly string[]).includes(concept?.scheme ?? EXTENSIBLE_SCHEMES[0]);
  const title = concept ? t('editHeading', { label: labelConcept(concept, concept.id, lang) }) : t('newHeading');

  const explain = (failure: unknown) => {
    if (failure instanceof ApiError && failure.code === 'stale_version') {
      const details = failure.details as StaleDetails | undefined;
      setConflict(t('conflict', { version: details?.currentVersion ?? '?', label: details?.change?.after?.prefLabel?.en ?? '…' }));
      return;
    }
    const message = (failure as Error).message;
    if (failure instanceof ApiError && failure.code === 'taxonomy_cycle') setError(t('errorCycle'));
    else if (failure instanceof ApiError && failure.code === 'unknown_concept') setError(t('errorUnknown', { message }));
    else if (failure instanceof ApiError && failure.code === 'concept_exists') setError(t('errorExists'));
    else setError(t('failed', { message }));
  };

  const run = async (call: () => Promise<ConceptEditResult>, message: string) => {
    setBusy(true);
    setError('');
    setConflict('');
    try {
      onSaved(await call(), message);
      if (id) retry();
    } catch (failure) {
      explain(failure);
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const content = contentOf(draft);
    void run(
      () =>
        concept
          ? send<ConceptEditResult>('PUT', `/api/taxonomy/concepts/${encodeURIComponent(concept.id)}`, { version: concept.version, ...content })
          : send<ConceptEditResult>('POST', '/api/taxonomy/concepts', { scheme: EXTENSIBLE_SCHEMES[0], slug: draft.slug.trim(), ...content }),
      t('saved'),
    );
  };

  const deprecate = (event: FormEvent) => {
    event.preventDefault();
    if (!concept) return;
    const target = resolvePick(replacement, active.filter((c) => c.scheme === concept.scheme && c.id !== concept.id), lang);
    if (!target) {
      setError(t('unknownPick', { value: replacement }));
      return;
    }
    void run(() => send<ConceptEditResult>('POST', `/api/taxonomy/concepts/${encodeURIComponent(concept.id)}/deprecate`, { version: concept.version, replacedBy: target.id }), t('deprecatedDone'));
  };

  const setLabel = (field: 'prefLabel' | 'altLabels', l: Lang, value: string) => setDraft({ ...draft, [field]: { ...draft[field], [l]: value } });

  return (
    <section aria-labelledby="concept-form-heading" className="workspace-section concept-form">
      <h2 id="concept-form-heading" dir="auto">
        {title}
      </h2>
      {concept?.deprecated ? (
        <p className="notice">{t('deprecatedNotice', { replacement: concept.replacedBy ? labelConcept(concepts.find((c) => c.id === concept.replacedBy), concept.replacedBy, lang) : '…' })}</p>
      ) : null}
      <ConflictAlert message={conflict} reloadLabel={t('reload')} onReload={retry} />
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <form className="editor-form" onSubmit={save}>
        {concept ? (
          <p>
            <code>{concept.id}</code>
          </p>
        ) : (
          <label htmlFor={slugId}>
            {t('slug')}
            <input id={slugId} name="slug" value={draft.slug} required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={60} dir="ltr" onChange={(event) => setDraft({ ...draft, slug: event.target.value })} />
            <span className="hint">{t('slugHint')}</span>
          </label>
        )}
        <fieldset>
          <legend>{t('prefLabels')}</legend>
          {UN_LANGUAGES.map((l) => (
            <label key={l}>
              {t('prefLabel', { language: common(`lang_${l}`) })}
              <input name={`prefLabel-${l}`} lang={l} dir={LANGUAGE_INFO[l].dir} value={draft.prefLabel[l]} required maxLength={200} onChange={(event) => setLabel('prefLabel', l, event.target.value)} />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('altLabels')}</legend>
          {UN_LANGUAGES.map((l) => (
            <label key={l}>
              {t('altLabel', { language: common(`lang_${l}`) })}
              <textarea name={`altLabels-${l}`} lang={l} dir={LANGUAGE_INFO[l].dir} rows={2} value={draft.altLabels[l]} onChange={(event) => setLabel('altLabels', l, event.target.value)} />
            </label>
          ))}
        </fieldset>
        <ConceptPicker field={t('broader')} value={draft.broader} choices={linkable} onChange={(broader) => setDraft({ ...draft, broader })} />
        <ConceptPicker field={t('related')} value={draft.related} choices={linkable} onChange={(related) => setDraft({ ...draft, related })} />
        <ConceptPicker field={t('articles')} value={draft.articles} choices={articles} onChange={(next) => setDraft({ ...draft, articles: next })} />
        <label>
          {t('exactMatch')}
          <textarea name="exactMatch" dir="ltr" rows={2} value={draft.exactMatch} onChange={(event) => setDraft({ ...draft, exactMatch: event.target.value })} />
        </label>
        <div>
          <button type="submit" className="button" disabled={busy || Boolean(concept?.deprecated)}>
            {t('save')}
          </button>
        </div>
      </form>
      {concept && extensible && !concept.deprecated ? (
        <form className="editor-form" onSubmit={deprecate} aria-labelledby="deprecate-heading">
          <h3 id="deprecate-heading">{t('deprecateHeading')}</h3>
          <p className="hint">{t('deprecateHint')}</p>
          <label>
            {t('replacement')}
            <input name="replacement" list="replacement-options" value={replacement} required onChange={(event) => setReplacement(event.target.value)} />
          </label>
          <datalist id="replacement-options">
            {active
              .filter((c) => c.scheme === concept.scheme && c.id !== concept.id)
              .map((c) => (
                <option key={c.id} value={`${labelConcept(c, c.id, lang)} (${c.id})`} />
              ))}
          </datalist>
          <div>
            <button type="submit" className="button" disabled={busy}>
              {t('deprecate')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
