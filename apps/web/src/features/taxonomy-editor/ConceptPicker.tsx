import { useId, useState } from 'react';
import type { TaxonomyConcept } from '../../api/types';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { labelConcept } from '../../taxonomy/TaxonomyProvider';
import { taxonomyEditorMessages } from './messages';

/** "Label (id)": what the picker's suggestions show and what a typed value may be. */
export function optionText(concept: TaxonomyConcept, lang: Parameters<typeof labelConcept>[2]): string {
  return `${labelConcept(concept, concept.id, lang)} (${concept.id})`;
}

/** The concept a typed value names: its id, its suggestion text, or a label in the interface language. */
export function resolvePick(value: string, choices: readonly TaxonomyConcept[], lang: Parameters<typeof labelConcept>[2]): TaxonomyConcept | undefined {
  const typed = value.trim();
  if (!typed) return undefined;
  const id = /\(([a-z]+:[A-Za-z0-9-]+)\)$/.exec(typed)?.[1] ?? typed;
  return choices.find((c) => c.id === id) ?? choices.find((c) => labelConcept(c, c.id, lang).toLowerCase() === typed.toLowerCase());
}

/**
 * A list of linked concepts (broader, related, articles): each shown with a Remove button, and a text field with
 * suggestions (a datalist, so the browser's own keyboard handling applies) and an Add button.
 */
export function ConceptPicker({ field, value, choices, onChange }: { field: string; value: string[]; choices: readonly TaxonomyConcept[]; onChange: (next: string[]) => void }) {
  const t = useT(taxonomyEditorMessages);
  const { lang } = useLanguage();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const listId = useId();
  const inputId = useId();
  const errorId = useId();
  const byId = new Map(choices.map((c) => [c.id, c]));

  const add = () => {
    const concept = resolvePick(typed, choices, lang);
    if (!concept) {
      setError(t('unknownPick', { value: typed }));
      return;
    }
    setError('');
    setTyped('');
    if (!value.includes(concept.id)) onChange([...value, concept.id]);
  };

  return (
    <fieldset className="concept-picker">
      <legend>{field}</legend>
      {value.length === 0 ? <p className="hint">{t('noneLinked')}</p> : null}
      <ul className="chip-list">
        {value.map((id) => {
          const label = byId.get(id) ? labelConcept(byId.get(id), id, lang) : id;
          return (
            <li key={id} className="chip">
              <span dir="auto">{label}</span> <code>{id}</code>
              <button type="button" className="chip-remove" aria-label={t('remove', { label })} onClick={() => onChange(value.filter((v) => v !== id))}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div className="picker-row">
        <label htmlFor={inputId}>{t('pickConcept', { field })}</label>
        <input
          id={inputId}
          list={listId}
          value={typed}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button" onClick={add}>
          {t('add')}
        </button>
      </div>
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <datalist id={listId}>
        {choices.map((c) => (
          <option key={c.id} value={optionText(c, lang)} />
        ))}
      </datalist>
    </fieldset>
  );
}
