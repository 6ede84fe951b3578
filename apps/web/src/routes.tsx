import { lazy } from 'react';
import { commonMessages } from './app/messages';
import { navLabel, type RouteDef } from './app/routeTypes';
import { canUseWorkspace, isCurator, isModerator } from './features/account/session';
import { LandingPage } from './features/search/LandingPage';
import { SearchPage } from './features/search/SearchPage';

// The search page ships in the main bundle (first page most readers see, budget 150 KB gzipped);
// the heavier pages load on demand.
const DocumentPage = lazy(() => import('./features/documents/DocumentPage'));
const ExplorePage = lazy(() => import('./features/explore/ExplorePage'));
const ConventionRefPage = lazy(() => import('./features/explore/ConventionRefPage'));
const ForumsPage = lazy(() => import('./features/forums/ForumsPage'));
const ForumPage = lazy(() => import('./features/forums/ForumPage'));
const ThreadPage = lazy(() => import('./features/forums/ThreadPage'));
const NewThreadPage = lazy(() => import('./features/forums/NewThreadPage'));
const NotificationsPage = lazy(() => import('./features/forums/NotificationsPage'));
const SignInPage = lazy(() => import('./features/account/SignInPage'));
const RegisterPage = lazy(() => import('./features/account/RegisterPage'));
const ForgotPasswordPage = lazy(() => import('./features/account/EmailLinkPages').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('./features/account/EmailLinkPages').then((m) => ({ default: m.ResetPasswordPage })));
const VerifyEmailPage = lazy(() => import('./features/account/EmailLinkPages').then((m) => ({ default: m.VerifyEmailPage })));
const ProfilePage = lazy(() => import('./features/account/ProfilePage'));
const ModerationPage = lazy(() => import('./features/moderation/ModerationPage'));
const ImplementationPage = lazy(() => import('./features/reports/ImplementationPage'));
const PartyPage = lazy(() => import('./features/reports/PartyPage'));
const WorkspacePage = lazy(() => import('./features/workspace/WorkspacePage'));
// The audit log and user management (issue 11 §6): their own chunks, reached from the workspace.
const AuditPage = lazy(() => import('./features/workspace/AuditPage'));
const UsersPage = lazy(() => import('./features/workspace/UsersPage'));
// The curators' taxonomy editor (issue 11 §4): a chunk of its own, loaded from the workspace.
const TaxonomyEditorPage = lazy(() => import('./features/taxonomy-editor/TaxonomyEditorPage'));
// Dashboards and curators' insight (issue 14): the charting library comes with this chunk only.
const DashboardsPage = lazy(() => import('./features/insight/DashboardsPage'));
const InsightPage = lazy(() => import('./features/insight/InsightPage'));
// Surveys of parties' needs (issue 14): the answering page and the curators' pages, each its own chunk.
const SurveyPage = lazy(() => import('./features/surveys/SurveyPage'));
const SurveysAdminPage = lazy(() => import('./features/surveys/SurveysAdminPage'));

/**
 * Every page of the site, in one table. A feature adds its pages here; an entry with `nav` also
 * appears in the header navigation, in table order. Nav labels live in the shell's catalog: this
 * table is in the main bundle, and a feature's whole catalog would come with one of its labels.
 */
export const routes: RouteDef[] = [
  {
    path: '/search',
    component: SearchPage,
    nav: { href: '/search', label: navLabel(commonMessages, 'navSearch'), activeFor: ['/search', '/documents'] },
  },
  { path: '/', component: LandingPage },
  { path: '/documents/:id', component: DocumentPage },
  {
    path: '/explore',
    component: ExplorePage,
    nav: { href: '/explore', label: navLabel(commonMessages, 'navExplore'), activeFor: ['/explore', '/articles', '/annexes'] },
  },
  { path: '/articles/:ref', component: ConventionRefPage },
  {
    path: '/implementation',
    component: ImplementationPage,
    nav: { href: '/implementation', label: navLabel(commonMessages, 'navImplementation'), activeFor: ['/implementation', '/parties'] },
  },
  { path: '/parties/:iso3', component: PartyPage },
  {
    path: '/dashboards',
    component: DashboardsPage,
    nav: { href: '/dashboards', label: navLabel(commonMessages, 'navDashboards'), activeFor: ['/dashboards'] },
  },
  { path: '/annexes/:ref', component: ConventionRefPage },
  {
    path: '/forums',
    component: ForumsPage,
    nav: { href: '/forums', label: navLabel(commonMessages, 'navForums'), activeFor: ['/forums', '/notifications', '/account'] },
  },
  { path: '/forums/threads/:threadId', component: ThreadPage },
  { path: '/forums/new', component: NewThreadPage },
  { path: '/forums/:forumId', component: ForumPage },
  { path: '/notifications', component: NotificationsPage },
  { path: '/sign-in', component: SignInPage },
  { path: '/register', component: RegisterPage },
  { path: '/forgot-password', component: ForgotPasswordPage },
  { path: '/reset-password', component: ResetPasswordPage },
  { path: '/verify-email', component: VerifyEmailPage },
  { path: '/account', component: ProfilePage },
  {
    path: '/moderation',
    component: ModerationPage,
    nav: {
      href: '/moderation',
      label: navLabel(commonMessages, 'navModeration'),
      activeFor: ['/moderation'],
      visibleTo: isModerator,
    },
  },
  { path: '/workspace/taxonomy', component: TaxonomyEditorPage },
  { path: '/workspace/documents/:id', component: WorkspacePage },
  { path: '/workspace/audit', component: AuditPage },
  { path: '/workspace/users', component: UsersPage },
  {
    path: '/workspace',
    component: WorkspacePage,
    nav: { href: '/workspace', label: navLabel(commonMessages, 'navWorkspace'), activeFor: ['/workspace'], visibleTo: canUseWorkspace },
  },
  {
    path: '/insight',
    component: InsightPage,
    // Curators and admins, as canCurate in the API's policies.
    nav: { href: '/insight', label: navLabel(commonMessages, 'navInsight'), activeFor: ['/insight'], visibleTo: isCurator },
  },
  { path: '/insight/surveys', component: SurveysAdminPage },
  { path: '/insight/surveys/:id', component: SurveysAdminPage },
  { path: '/surveys/:id', component: SurveyPage },
];
