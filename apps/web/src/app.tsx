import { lazy, Suspense, use, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { RouterProvider } from 'react-aria-components';
import { ApiError } from './api/api-error';
import { loadAreaMessages } from './i18n/messages';
import { PreferencesProvider, useT } from './preferences';
import { SessionProvider, useSession } from './session';
import { ChooseSiteScreen } from './screens/ChooseSite';
import { LoginScreen } from './screens/Login';
import { NotFoundScreen } from './screens/NotFound';
import { loadHomeScreen } from './screens/home-screen';
import { mayHoldSession } from './api/session';
import { ROUTES } from './routes';

/** The screens past the first ones load when first opened: the log-in screen ships less (docs/console.md, speed). */
const TodayOrMemberHome = lazy(() => loadHomeScreen().then((module) => ({ default: module.TodayOrMemberHome })));
// A session may be restored: its home screen is fetched alongside the refresh, not after it.
if (mayHoldSession()) void loadHomeScreen();
const AccountScreen = lazy(() => import('./screens/Account').then((module) => ({ default: module.AccountScreen })));
const NotificationsScreen = lazy(() => import('./screens/Notifications').then((module) => ({ default: module.NotificationsScreen })));
const LogHoursScreen = lazy(() => import('./screens/member/LogHours').then((module) => ({ default: module.LogHoursScreen })));
const MemberHomeScreen = lazy(() => import('./screens/member/MemberHome').then((module) => ({ default: module.MemberHomeScreen })));
const MissionsByRole = lazy(() => import('./screens/remuneration/MissionsByRole').then((module) => ({ default: module.MissionsByRole })));
const PeriodScreen = lazy(() => import('./screens/member/Period').then((module) => ({ default: module.PeriodScreen })));
const ImportMembersScreen = lazy(() => import('./screens/members/ImportMembers').then((module) => ({ default: module.ImportMembersScreen })));
const MemberFileScreen = lazy(() => import('./screens/members/MemberFile').then((module) => ({ default: module.MemberFileScreen })));
const MembersListScreen = lazy(() => import('./screens/members/MembersList').then((module) => ({ default: module.MembersListScreen })));
const RegisterMemberScreen = lazy(() => import('./screens/members/RegisterMember').then((module) => ({ default: module.RegisterMemberScreen })));
const InvoiceScreen = lazy(() => import('./screens/commerce/Invoice').then((module) => ({ default: module.InvoiceScreen })));
const InvoicesScreen = lazy(() => import('./screens/commerce/Invoices').then((module) => ({ default: module.InvoicesScreen })));
const QuotesScreen = lazy(() => import('./screens/commerce/Quotes').then((module) => ({ default: module.QuotesScreen })));
const NewMissionScreen = lazy(() => import('./screens/remuneration/NewMission').then((module) => ({ default: module.NewMissionScreen })));
const MissionScreen = lazy(() => import('./screens/remuneration/Mission').then((module) => ({ default: module.MissionScreen })));
const ContributionsScreen = lazy(() => import('./screens/remuneration/Contributions').then((module) => ({ default: module.ContributionsScreen })));
const ContributionScreen = lazy(() => import('./screens/remuneration/Contribution').then((module) => ({ default: module.ContributionScreen })));
const PeriodsScreen = lazy(() => import('./screens/remuneration/Periods').then((module) => ({ default: module.PeriodsScreen })));
const SimulatorScreen = lazy(() => import('./screens/remuneration/Simulator').then((module) => ({ default: module.SimulatorScreen })));
const SettingsScreen = lazy(() => import('./screens/remuneration/Settings').then((module) => ({ default: module.SettingsScreen })));
const NetworkMapScreen = lazy(() => import('./screens/network/NetworkMap').then((module) => ({ default: module.NetworkMapScreen })));
const NetworkSiteScreen = lazy(() => import('./screens/network/NetworkSite').then((module) => ({ default: module.NetworkSiteScreen })));
const NetworkSkillsScreen = lazy(() => import('./screens/network/Skills').then((module) => ({ default: module.NetworkSkillsScreen })));
const HelpRequestsScreen = lazy(() => import('./screens/network/HelpRequests').then((module) => ({ default: module.HelpRequestsScreen })));
const ReciprocityScreen = lazy(() => import('./screens/network/Reciprocity').then((module) => ({ default: module.ReciprocityScreen })));
const EquipmentScreen = lazy(() => import('./screens/network/Equipment').then((module) => ({ default: module.EquipmentScreen })));
const LaunchesScreen = lazy(() => import('./screens/network/Launches').then((module) => ({ default: module.LaunchesScreen })));
const MyNetworkProfileScreen = lazy(() => import('./screens/network/MyNetworkProfile').then((module) => ({ default: module.MyNetworkProfileScreen })));
const SiteReportsScreen = lazy(() => import('./screens/reports/Reports').then((module) => ({ default: module.SiteReportsScreen })));
const NetworkReportsScreen = lazy(() => import('./screens/reports/Reports').then((module) => ({ default: module.NetworkReportsScreen })));
const OverdueScreen = lazy(() => import('./screens/dunning/Dunning').then((module) => ({ default: module.OverdueScreen })));
const DunningPolicyScreen = lazy(() => import('./screens/dunning/Dunning').then((module) => ({ default: module.PolicyScreen })));
const CollectionScreen = lazy(() => import('./screens/dunning/Dunning').then((module) => ({ default: module.CollectionScreen })));
const DunningDraftsScreen = lazy(() => import('./screens/dunning/Dunning').then((module) => ({ default: module.DraftsScreen })));
const DunningDraftScreen = lazy(() => import('./screens/dunning/Dunning').then((module) => ({ default: module.DraftScreen })));
const RegionFiguresScreen = lazy(() => import('./screens/admin/Admin').then((module) => ({ default: module.RegionFiguresScreen })));
const HostStructuresScreen = lazy(() => import('./screens/admin/Admin').then((module) => ({ default: module.HostStructuresScreen })));
const HostStructureScreen = lazy(() => import('./screens/admin/Admin').then((module) => ({ default: module.HostStructureScreen })));
const AdminSitesScreen = lazy(() => import('./screens/admin/Admin').then((module) => ({ default: module.AdminSitesScreen })));
const AdminSiteScreen = lazy(() => import('./screens/admin/Admin').then((module) => ({ default: module.AdminSiteScreen })));
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

/** A screen past the log-in page: it waits (in the Suspense around the routes) for the areas' strings. */
function WithAreaMessages({ children }: { children: ReactNode }) {
  use(loadAreaMessages());
  return <>{children}</>;
}

/** Screens behind the log-in; `needsSite` ones also need a chosen site (asked when the user has several). */
function Guard({ needsSite, children }: { needsSite?: boolean; children: ReactNode }) {
  const { state, ready, site } = useSession();
  if (state === 'checking') return <Loading />;
  if (state === 'signed-out') return <Redirect to={ROUTES.login} />;
  use(loadAreaMessages());
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
            <MissionsByRole />
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
        {/* remuneration */}
        <Route path={ROUTES.newMission}>
          <Guard needsSite>
            <NewMissionScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.mission(':id')}>
          {(params) => (
            <Guard needsSite>
              <MissionScreen key={params.id} id={params.id} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.contributions}>
          <Guard needsSite>
            <ContributionsScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.contribution(':id')}>
          {(params) => (
            <Guard needsSite>
              <ContributionScreen key={params.id} id={params.id} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.periods}>
          <Guard needsSite>
            <PeriodsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.simulator}>
          <Guard needsSite>
            <SimulatorScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.remunerationSettings}>
          <Guard needsSite>
            <SettingsScreen />
          </Guard>
        </Route>
        {/* network */}
        <Route path={ROUTES.network}>
          <Guard needsSite>
            <NetworkMapScreen />
          </Guard>
        </Route>
        <Route<{ siteId: string }> path={ROUTES.networkSite(':siteId')}>
          {(params) => (
            <Guard needsSite>
              <NetworkSiteScreen key={params.siteId} siteId={params.siteId} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.networkSkills}>
          <Guard needsSite>
            <NetworkSkillsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.networkHelp}>
          <Guard needsSite>
            <HelpRequestsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.networkReciprocity}>
          <Guard needsSite>
            <ReciprocityScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.networkEquipment}>
          <Guard needsSite>
            <EquipmentScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.networkLaunches}>
          <Guard needsSite>
            <LaunchesScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.myNetworkProfile}>
          <Guard needsSite>
            <MyNetworkProfileScreen />
          </Guard>
        </Route>
        {/* reports */}
        <Route path={ROUTES.reports}>
          <Guard needsSite>
            <SiteReportsScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.networkReports}>
          <Guard needsSite>
            <NetworkReportsScreen />
          </Guard>
        </Route>
        {/* dunning */}
        <Route path={ROUTES.dunning}>
          <Guard needsSite>
            <OverdueScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.dunningPolicy}>
          <Guard needsSite>
            <DunningPolicyScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.dunningDrafts}>
          <Guard needsSite>
            <DunningDraftsScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.dunningDraft(':id')}>
          {(params) => (
            <Guard needsSite>
              <DunningDraftScreen key={params.id} invoiceId={params.id} />
            </Guard>
          )}
        </Route>
        <Route<{ id: string }> path={ROUTES.collection(':id')}>
          {(params) => (
            <Guard needsSite>
              <CollectionScreen key={params.id} invoiceId={params.id} />
            </Guard>
          )}
        </Route>
        {/* admin */}
        <Route path={ROUTES.admin}>
          <Guard needsSite>
            <RegionFiguresScreen />
          </Guard>
        </Route>
        <Route path={ROUTES.hostStructures}>
          <Guard needsSite>
            <HostStructuresScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.hostStructure(':id')}>
          {(params) => (
            <Guard needsSite>
              <HostStructureScreen key={params.id} id={params.id} />
            </Guard>
          )}
        </Route>
        <Route path={ROUTES.adminSites}>
          <Guard needsSite>
            <AdminSitesScreen />
          </Guard>
        </Route>
        <Route<{ id: string }> path={ROUTES.adminSite(':id')}>
          {(params) => (
            <Guard needsSite>
              <AdminSiteScreen key={params.id} id={params.id} />
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
        <Route>
          <WithAreaMessages>
            <NotFoundScreen />
          </WithAreaMessages>
        </Route>
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
