import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppShell } from './app-shell.js';
import { NotFoundPage } from './not-found.page.js';

// Each area is its own chunk: the first paint loads the shell and the overview only.
const OverviewPage = lazy(() => import('../features/overview/overview.page.js'));
const ScoreExplanationPage = lazy(() => import('../features/score/score-explanation.page.js'));
const RotationPage = lazy(() => import('../features/rotation/rotation.page.js'));
const PeoplePage = lazy(() => import('../features/people/people.page.js'));
const CrossBorderPage = lazy(() => import('../features/cross-border/cross-border.page.js'));
const FindingsPage = lazy(() => import('../features/findings/findings.page.js'));
const FindingDetailPage = lazy(() => import('../features/findings/finding-detail.page.js'));
const BudgetPage = lazy(() => import('../features/budget/budget.page.js'));
const ConnectorsPage = lazy(() => import('../features/connectors/connectors.page.js'));
const SettingsPage = lazy(() => import('../features/settings/settings.page.js'));
const ReportsPage = lazy(() => import('../features/reports/reports.page.js'));
const SignInPage = lazy(() => import('../features/sign-in/sign-in.page.js'));
const AdministrationPage = lazy(() => import('../features/administration/administration.page.js'));
const MembersPage = lazy(() => import('../features/access/members.page.js'));
const ApiTokensPage = lazy(() => import('../features/access/api-tokens.page.js'));
const AuditLogPage = lazy(() => import('../features/access/audit-log.page.js'));
const NotificationsPage = lazy(() => import('../features/notifications/notifications.page.js'));
const UploadPage = lazy(() => import('../features/upload/upload.page.js'));

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: 'score', element: <ScoreExplanationPage /> },
      { path: 'score/:domain', element: <ScoreExplanationPage /> },
      { path: 'rotation', element: <RotationPage /> },
      { path: 'people', element: <PeoplePage /> },
      { path: 'cross-border', element: <CrossBorderPage /> },
      { path: 'findings', element: <FindingsPage /> },
      { path: 'findings/:id', element: <FindingDetailPage /> },
      { path: 'budget', element: <BudgetPage /> },
      { path: 'connectors', element: <ConnectorsPage /> },
      { path: 'connectors/upload', element: <UploadPage /> },
      { path: 'admin', element: <AdministrationPage /> },
      { path: 'admin/members', element: <MembersPage /> },
      { path: 'admin/api-tokens', element: <ApiTokensPage /> },
      { path: 'admin/audit-log', element: <AuditLogPage /> },
      { path: 'admin/notifications', element: <NotificationsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
