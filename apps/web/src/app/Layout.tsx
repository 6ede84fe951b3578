import type { ReactNode } from 'react';
import { useLanguage, useT } from '../i18n/LanguageProvider';
import { LANGUAGES, isLang, nativeName } from '../i18n/languages';
import { Link, useLocation } from '../router/Router';
import { useSession } from '../features/account/session';
import { HeaderAccount } from './HeaderAccount';
import { commonMessages } from './messages';
import type { RouteDef } from './routeTypes';

function isActive(pathname: string, prefixes: string[]): boolean {
  return prefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

function LanguagePicker() {
  const t = useT(commonMessages);
  const { lang, setLang } = useLanguage();
  return (
    <div className="language-picker">
      <label htmlFor="language-picker">{t('languagePicker')}</label>
      <select
        id="language-picker"
        value={lang}
        onChange={(event) => {
          if (isLang(event.target.value)) setLang(event.target.value);
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {nativeName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ routes, children }: { routes: RouteDef[]; children: ReactNode }) {
  const t = useT(commonMessages);
  const { lang } = useLanguage();
  const { pathname } = useLocation();
  const { user } = useSession();
  const navEntries = routes.flatMap((route) => (route.nav && (!route.nav.visibleTo || route.nav.visibleTo(user)) ? [route.nav] : []));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link href="/" className="brand">
            <span className="brand-name">{t('siteName')}</span>
            <span className="brand-tagline">{t('siteTagline')}</span>
          </Link>
          <div className="header-tools">
            <HeaderAccount />
            <LanguagePicker />
          </div>
        </div>
        <nav className="main-nav" aria-label={t('mainNav')}>
          <ul>
            {navEntries.map((entry) => (
              <li key={entry.href}>
                <Link href={entry.href} aria-current={isActive(pathname, entry.activeFor) ? 'page' : undefined}>
                  {entry.label(lang)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}
