import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/LanguageProvider';
import { searchMessages } from './messages';

/** The query box. Submitting (not typing) searches: one request per question on slow links. */
export function SearchForm({ initialQuery, onSearch }: { initialQuery: string; onSearch: (q: string) => void }) {
  const t = useT(searchMessages);
  const [value, setValue] = useState(initialQuery);
  // follow the URL when it changes underneath (back button, a concept link)
  useEffect(() => setValue(initialQuery), [initialQuery]);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onSearch(value.trim());
  }

  return (
    <form role="search" className="search-form" onSubmit={handleSubmit}>
      <label htmlFor="search-query" className="search-label">
        {t('searchLabel')}
      </label>
      <div className="search-row">
        <input
          id="search-query"
          type="search"
          name="q"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          aria-describedby="search-hint"
          autoComplete="off"
          enterKeyHint="search"
        />
        <button type="submit" className="button button-primary">
          {t('searchButton')}
        </button>
      </div>
      <p id="search-hint" className="hint">
        {t('searchHint')}
      </p>
    </form>
  );
}
