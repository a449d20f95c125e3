import { lazy, Suspense, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { RouterProvider } from 'react-aria-components';
import { ApiError } from './api/api-error';
import { PreferencesProvider, useT } from './preferences';
import { SessionProvider, useSession } from './session';
import { AccountScreen } from './screens/Account';
import { ChooseSiteScreen } from './screens/ChooseSite';
import { LoginScreen } from './screens/Login';
import { NotFoundScreen } from './screens/NotFound';
import { NotificationsScreen } from './screens/Notifications';
import { TodayOrMemberHome } from './screens/member/RoleHome';
import { ROUTES } from './routes';

/** The screens past the first ones load when first opened: the log-in screen ships less (docs/console.md, speed). */
const LogHoursScreen = lazy(() => import('./screens/member/LogHours').then((module) => ({ default: module.LogHoursScreen })));
const MemberHomeScreen = lazy(() => import('./screens/member/MemberHome').then((module) => ({ default: module.MemberHomeScreen })));
const MissionsScreen = lazy(() => import('./screens/member/Missions').then((module) => ({ default: module.MissionsScreen })));
const PeriodScreen = lazy(() => import('./screens/member/Period').then((module) => ({ default: module.PeriodScreen })));
const ImportMembersScreen = lazy(() => import('./screens/members/ImportMembers').then((module) => ({ default: module.ImportMembersScreen })));
const MemberFileScreen = lazy(() => import('./screens/members/MemberFile').then((module) => ({ default: module.MemberFileScreen })));
const MembersListScreen = lazy(() => import('./screens/members/MembersList').then((module) => ({ default: module.MembersListScreen })));
const RegisterMemberScreen = lazy(() => import('./screens/members/RegisterMember').then((module) => ({ default: module.RegisterMemberScreen })));
const InvoiceScreen = lazy(() => import('./screens/commerce/Invoice').then((module) => ({ default: module.InvoiceScreen })));
const InvoicesScreen = lazy(() => import('./screens/commerce/Invoices').then((module) => ({ default: module.InvoicesScreen })));
const QuotesScreen = lazy(() => import('./screens/commerce/Quotes').then((module) => ({ default: module.QuotesScreen })));
const QuoteScreen = lazy(() => import('./screens/commerce/Quote').then((module) => ({ default: module.QuoteScreen })));
const ClientsScreen = lazy(() => import('./screens/commerce/Clients').then((module) => ({ default: module.ClientsScreen })));
const CatalogueScreen = lazy(() => import('./screens/commerce/Catalogue').then((module) => ({ default: module.CatalogueScreen })));
const CreditNotesScreen = lazy(() => import('./screens/commerce/CreditNotes').then((module) => ({ default: module.CreditNotesScreen })));
const CreditNoteScreen = lazy(() => import('./screens/commerce/CreditNotes').then((module) => ({ default: module.CreditNoteScreen })));
const ReceivablesScreen = lazy(() => import('./screens/commerce/Receivables').then((module) => ({ default: module.ReceivablesScreen })));
const ExpensesScreen = lazy(() => import('./screens/commerce/Expenses').then((module) => ({ default: module.ExpensesScreen })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (4xx) is not retried: the person reads why; a lost connection is, twice.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      staleTime: 30_000,
    },
  },
});

function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

/** Screens behind the log-in; `needsSite` ones also need a chosen site (asked when the user has several). */
function Guard({ needsSite, children }: { needsSite?: boolean; children: ReactNode }) {
  const { state, ready, site } = useSession();
  if (state === 'checking') return <Loading />;
  if (state === 'signed-out') return <Redirect to={ROUTES.login} />;
  if (!ready) return <Loading />;
  if (needsSite && !site) return <Redirect to={ROUTES.chooseSite} />;
  return <>{children}</>;
}

function Routes() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path={ROUTES.login} component={LoginScreen} />
        <Route path={ROUTES.chooseSite}>
          <Guard>
            <ChooseSiteScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.today}>
          <Guard needsSite>
            <TodayOrMemberHome />
          </Guard>
        </Route>
        {/* member */}
        <Route path={ROUTES.home}>
          <Guard needsSite>
            <MemberHomeScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.missions}>
          <Guard needsSite>
            <MissionsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.myHours}>
          <Guard needsSite>
            <LogHoursScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.periodPattern}>
          <Guard needsSite>
            <PeriodScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.notifications}>
          <Guard>
            <NotificationsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.account}>
          <Guard>
            <AccountScreen />
          </Guard>
        </Route>
        {/* members */}
        <Route path={ROUTES.members}>
          <Guard needsSite>
            <MembersListScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.registerMember}>
          <Guard needsSite>
            <RegisterMemberScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.importMembers}>
          <Guard needsSite>
            <ImportMembersScreen />
          </Guard>
        </Route>
        <Route path="/membres/:id">
          {(params) => (
            <Guard needsSite>
              <MemberFileScreen key={params.id} id={params.id} />
            </Guard>
          )}
        </Route>
        {/* commerce */}
        <Route path={ROUTES.invoices}>
          <Guard needsSite>
            <InvoicesScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.quotes}>
          <Guard needsSite>
            <QuotesScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.newInvoice}>
          <Guard needsSite>
            <InvoiceScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.invoice(':id')}>
          {(params) => (
            <Guard needsSite>
              <InvoiceScreen id={params.id} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.newQuote}>
          <Guard needsSite>
            <QuoteScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.quote(':id')}>
          {(params) => (
            <Guard needsSite>
              <QuoteScreen key={params.id} id={params.id} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.creditNotes}>
          <Guard needsSite>
            <CreditNotesScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.creditNote(':id')}>
          {(params) => (
            <Guard needsSite>
              <CreditNoteScreen key={params.id} id={params.id} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.receivables}>
          <Guard needsSite>
            <ReceivablesScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.clients}>
          <Guard needsSite>
            <ClientsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.catalogue}>
          <Guard needsSite>
            <CatalogueScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.expenses}>
          <Guard needsSite>
            <ExpensesScreen />
          </Guard>
        </Route>
        <Route path="/">
          <Redirect to={ROUTES.today} />
        </Route>
        <Route component={NotFoundScreen} />
      </Switch>
    </Suspense>
  );
}

/** react-aria's links (and Row href) navigate through wouter, without reloading the page. */
function AriaRouter({ children }: { children: ReactNode }) {
  const [, navigate] = useLocation();
  return <RouterProvider navigate={navigate}>{children}</RouterProvider>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <SessionProvider>
          <AriaRouter>
            <Routes />
          </AriaRouter>
        </SessionProvider>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
