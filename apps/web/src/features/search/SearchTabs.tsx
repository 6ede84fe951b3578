import { useRef, type KeyboardEvent } from 'react';
import { useLanguage, useT } from '../../i18n/LanguageProvider';
import { getDirection } from '../../i18n/languages';
import { searchMessages } from './messages';
import { SEARCH_TABS, type SearchTab } from './searchState';

export const tabId = (tab: SearchTab) => `search-tab-${tab}`;
export const panelId = (tab: SearchTab) => `search-panel-${tab}`;

/**
 * Documents | Discussions, as an ARIA tabs widget (WAI-ARIA APG): one tab stop, arrow keys move
 * between tabs (mirrored right-to-left), Home / End, and selection follows focus. The selected tab
 * lives in the URL (`tab=discussions`), so `onSelect` navigates.
 */
export function SearchTabs({ selected, onSelect }: { selected: SearchTab; onSelect: (tab: SearchTab) => void }) {
  const t = useT(searchMessages);
  const dir = getDirection(useLanguage().lang);
  const buttons = useRef<Partial<Record<SearchTab, HTMLButtonElement | null>>>({});
  const labels: Record<SearchTab, string> = { documents: t('tabDocuments'), discussions: t('tabDiscussions') };

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = SEARCH_TABS.indexOf(selected);
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const backward = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    if (event.key === forward) next = (index + 1) % SEARCH_TABS.length;
    else if (event.key === backward) next = (index - 1 + SEARCH_TABS.length) % SEARCH_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = SEARCH_TABS.length - 1;
    else return;
    event.preventDefault();
    const tab = SEARCH_TABS[next] as SearchTab;
    buttons.current[tab]?.focus();
    if (tab !== selected) onSelect(tab);
  }

  return (
    <div className="search-tabs" role="tablist" aria-label={t('tabsLabel')}>
      {SEARCH_TABS.map((tab) => (
        <button
          key={tab}
          ref={(element) => {
            buttons.current[tab] = element;
          }}
          type="button"
          role="tab"
          id={tabId(tab)}
          aria-selected={tab === selected}
          aria-controls={panelId(tab)}
          tabIndex={tab === selected ? 0 : -1}
          className="search-tab"
          onClick={() => {
            if (tab !== selected) onSelect(tab);
          }}
          onKeyDown={onKeyDown}
        >
          {labels[tab]}
        </button>
      ))}
    </div>
  );
}
