import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translate, type MessageBundle, type Vars } from './catalog';
import { navigate } from '../router/history';
import { getDirection, isLang, LANGUAGES, type Lang } from './languages';

const STORAGE_KEY = 'mep.lang';
/** `?hl=` (not `lang`, which the search API uses to filter documents by language) picks the UI language. */
export const UI_LANG_PARAM = 'hl';

interface LanguageContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

function readStoredLang(): Lang | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : null;
  } catch {
    return null; // storage can be disabled (privacy mode); the browser language still works
  }
}

/** URL first (shared links), then the reader's last choice, then the browser's languages. */
export function detectInitialLang(): Lang {
  const fromUrl = new URLSearchParams(window.location.search).get(UI_LANG_PARAM);
  if (isLang(fromUrl)) return fromUrl;
  const stored = readStoredLang();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag?.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'en';
}

export function applyDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = getDirection(lang);
}

export function LanguageProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? detectInitialLang());

  useEffect(() => {
    applyDocumentLanguage(lang);
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, but the switch itself still works
    }
    // a shared ?hl= link chose the first language; the reader's own choice now wins, also on reload
    const params = new URLSearchParams(window.location.search);
    if (params.has(UI_LANG_PARAM)) {
      params.delete(UI_LANG_PARAM);
      const query = params.toString();
      navigate(`${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`, { replace: true });
    }
    setLangState(next);
  }, []);

  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage must be used inside <LanguageProvider>');
  return value;
}

export type TranslateFn<K extends string> = (key: K, vars?: Vars) => string;

/** A translate function typed on one feature's keys: a typo is a compile error. */
export function useT<K extends string>(bundle: MessageBundle<K>): TranslateFn<K> {
  const { lang } = useLanguage();
  return useCallback((key: K, vars?: Vars) => translate(bundle, lang, key, vars), [bundle, lang]);
}

export { LANGUAGES };
