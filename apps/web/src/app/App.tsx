import { Suspense } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { LanguageProvider, useT } from '../i18n/LanguageProvider';
import type { Lang } from '../i18n/languages';
import { matchPath } from '../router/match';
import { Link, useLocation } from '../router/Router';
import { TaxonomyProvider } from '../taxonomy/TaxonomyProvider';
import { Layout } from './Layout';
import { commonMessages } from './messages';
import type { RouteDef } from './routeTypes';

function NotFoundPage() {
  const t = useT(commonMessages);
  useDocumentTitle(t('notFoundTitle'));
  return (
    <div className="page">
      <PageHeading>{t('notFoundTitle')}</PageHeading>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link href="/search">{t('goToSearch')}</Link>
      </p>
    </div>
  );
}

function CurrentPage({ routes }: { routes: RouteDef[] }) {
  const { pathname } = useLocation();
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) {
      const Page = route.component;
      // keyed by path so the error boundary and page state reset when the reader moves on
      return (
        <ErrorBoundary key={pathname}>
          <Suspense fallback={<Loading />}>
            <Page params={params} />
          </Suspense>
        </ErrorBoundary>
      );
    }
  }
  return <NotFoundPage />;
}

export function App({ routes, initialLang }: { routes: RouteDef[]; initialLang?: Lang }) {
  return (
    <LanguageProvider {...(initialLang ? { initialLang } : {})}>
      <TaxonomyProvider>
        <Layout routes={routes}>
          <CurrentPage routes={routes} />
        </Layout>
      </TaxonomyProvider>
    </LanguageProvider>
  );
}
