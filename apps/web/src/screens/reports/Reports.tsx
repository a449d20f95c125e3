import { type ReactNode, useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  hostStructuresControllerList,
  networkReportsControllerCsv,
  networkReportsControllerGet,
  networkReportsControllerPdf,
  networkReportsControllerRequest,
  siteReportsControllerCsv,
  siteReportsControllerGet,
  siteReportsControllerPdf,
  siteReportsControllerRequest,
} from '../../api/generated/sdk.gen';
import type { ReportViewDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { SubNav } from '../../ui/SubNav';
import { errorText } from '../../ui/error-text';
import { PeriodPicker } from './PeriodPicker';
import { type Period, pollInterval, readRequestedReports, rememberReport, reportFileName, type RequestedReport } from './report-rules';
import './reports.css';

/** Who may ask for which report: a site's coordination and accountants (and a network admin) the site's; the network admin the region's. */
export function useReportAccess(): { site: boolean; network: boolean } {
  const { site, me } = useSession();
  return {
    site: site !== undefined && (site.role === 'coordinator' || site.role === 'accountant' || site.role === 'admin'),
    network: me?.networkAdmin === true,
  };
}

function ReportsNav() {
  const t = useT();
  const access = useReportAccess();
  const links: { href: string; label: string }[] = [{ href: ROUTES.reports, label: t('reports.site.title') }];
  if (access.network) links.push({ href: ROUTES.networkReports, label: t('reports.network.title') });
  return <SubNav label={t('reports.area')} links={links} />;
}

/** The reports asked in this tab, kept in sessionStorage (the API lists none): a reload keeps watching them. */
function useRequestedReports(storageKey: string): [RequestedReport[], (report: RequestedReport) => void] {
  const [list, setList] = useState<RequestedReport[]>(() => {
    try {
      return readRequestedReports(sessionStorage.getItem(storageKey));
    } catch {
      return [];
    }
  });
  const add = (report: RequestedReport) => {
    setList((current) => {
      const next = rememberReport(current, report);
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Kept until the page closes.
      }
      return next;
    });
  };
  return [list, add];
}

/** A blob URL for a downloaded file, revoked when the file changes or the card goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url;
}

/** One report: its progress while the worker builds it (asked again every second), then its PDF and CSV. */
function ReportCard({ siteId, report }: { siteId: string; report: RequestedReport }) {
  const t = useT();
  const scopeKey = report.scope === 'site' ? siteId : 'region';
  const query = useQuery({
    queryKey: ['report', scopeKey, report.id],
    queryFn: (): Promise<ReportViewDto> =>
      report.scope === 'site'
        ? unwrap(siteReportsControllerGet({ path: { siteId, reportId: report.id } }))
        : unwrap(networkReportsControllerGet({ path: { reportId: report.id } })),
    refetchInterval: (state) => (state.state.data ? pollInterval(state.state.data.status) : false),
  });
  const done = query.data?.status === 'done';
  // The files need the access token: fetched through the generated client, handed to <a download> as blob URLs.
  const files = useQuery({
    queryKey: ['report-files', scopeKey, report.id],
    enabled: done,
    staleTime: Infinity,
    queryFn: async () => {
      const path = { siteId, reportId: report.id };
      const [pdf, csv] =
        report.scope === 'site'
          ? await Promise.all([unwrap(siteReportsControllerPdf({ path, parseAs: 'blob' })), unwrap(siteReportsControllerCsv({ path, parseAs: 'blob' }))])
          : await Promise.all([unwrap(networkReportsControllerPdf({ path, parseAs: 'blob' })), unwrap(networkReportsControllerCsv({ path, parseAs: 'blob' }))]);
      return { pdf: pdf as unknown as Blob, csv: csv as unknown as Blob };
    },
  });
  const pdfUrl = useObjectUrl(files.data?.pdf);
  const csvUrl = useObjectUrl(files.data?.csv);
  const title = t('reports.report.title', { label: report.label, from: frenchShortDate(report.from), to: frenchShortDate(report.to) });
  return (
    <li className="card report-card">
      <h3 className="card__title">{title}</h3>
      <QueryState query={query}>
        {(view) => (
          <>
            <div className="report-card__progress">
              <progress className="report-progress" max={100} value={view.progress} aria-label={t('reports.progress', { label: report.label })} />
              <span aria-hidden="true">{view.progress} %</span>
            </div>
            <p role="status" className="report-card__status">
              {view.status === 'running' ? t('reports.status.running', { progress: view.progress }) : t(`reports.status.${view.status}`)}
            </p>
            {view.status === 'done' ? (
              <QueryState query={files}>
                {() =>
                  pdfUrl && csvUrl ? (
                    <div className="actions">
                      <a className="button button--primary" href={pdfUrl} download={reportFileName(report.label, report, 'pdf')}>
                        <span>{t('reports.downloadPdf')}</span>
                      </a>
                      <a className="button button--secondary" href={csvUrl} download={reportFileName(report.label, report, 'csv')}>
                        <span>{t('reports.downloadCsv')}</span>
                      </a>
                    </div>
                  ) : (
                    <p className="loading">{t('reports.files.loading')}</p>
                  )
                }
              </QueryState>
            ) : null}
          </>
        )}
      </QueryState>
    </li>
  );
}

function RequestedList({ siteId, reports }: { siteId: string; reports: RequestedReport[] }) {
  const t = useT();
  return (
    <Section title={t('reports.list')}>
      {reports.length === 0 ? (
        <EmptyState>{t('reports.list.empty')}</EmptyState>
      ) : (
        <ul className="cards report-list">
          {reports.map((report) => (
            <ReportCard key={report.id} siteId={siteId} report={report} />
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The form that asks for a report: what `children` add (a scope), the period, the API's refusal (unless a field shows it), the button. */
function RequestForm({
  request,
  refusalShown = true,
  children,
}: {
  request: { mutate(period: Period): void; isError: boolean; error: unknown; isPending: boolean };
  refusalShown?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const { language } = usePreferences();
  const [period, setPeriod] = useState<Period | null>(null);
  const [checked, setChecked] = useState(false);
  return (
    <Section title={t('reports.ask')}>
      <form
        className="report-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          if (period) request.mutate(period);
        }}
      >
        {children}
        <PeriodPicker onPeriod={setPeriod} showErrors={checked} />
        {request.isError && refusalShown ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{errorText(request.error, language, t)}</p>
          </Notice>
        ) : null}
        <div className="actions">
          <Button type="submit" icon="save" isPending={request.isPending}>
            {t('reports.request')}
          </Button>
        </div>
      </form>
    </Section>
  );
}

/** `/rapports`: the site's activity report for a period, its progress, then its PDF and CSV. */
export function SiteReportsScreen() {
  const t = useT();
  const { site } = useSession();
  const access = useReportAccess();
  const siteId = site?.siteId ?? '';
  const [reports, remember] = useRequestedReports(`kpa.reports.${siteId}`);
  const request = useMutation({
    mutationFn: (chosen: Period) => unwrap(siteReportsControllerRequest({ path: { siteId }, body: { kind: 'activity', from: chosen.from, to: chosen.to } })),
    onSuccess: (view) => remember({ id: view.id, scope: 'site', label: site?.name ?? '', from: view.from, to: view.to }),
  });
  if (!site) return null;
  return (
    <Page title={t('reports.site.title')}>
      <ReportsNav />
      {!access.site ? (
        <Notice>{t('reports.site.forbidden')}</Notice>
      ) : (
        <>
          <p>{t('reports.site.intro', { site: site.name })}</p>
          <RequestForm request={request} />
          <RequestedList siteId={siteId} reports={reports} />
        </>
      )}
    </Page>
  );
}

/** `/rapports/reseau`: the network admin's report of the region or of one host structure. */
export function NetworkReportsScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const access = useReportAccess();
  const [scope, setScope] = useState('region');
  const [reports, remember] = useRequestedReports('kpa.reports.region');
  const hosts = useQuery({
    queryKey: ['host-structures', 'region'],
    queryFn: () => unwrap(hostStructuresControllerList({ query: { limit: 100 } })),
    enabled: access.network,
  });
  const label = (id: string) => (id === 'region' ? t('reports.scope.regionLabel') : (hosts.data?.items.find((host) => host.id === id)?.legalName ?? ''));
  const request = useMutation({
    mutationFn: (chosen: Period) => unwrap(networkReportsControllerRequest({ body: { kind: 'activity', scope, from: chosen.from, to: chosen.to } })),
    onSuccess: (view) => remember({ id: view.id, scope: 'network', label: label(scope), from: view.from, to: view.to }),
  });
  const apiField = request.error instanceof ApiError ? request.error.field : null;
  return (
    <Page title={t('reports.network.title')}>
      <ReportsNav />
      {!access.network ? (
        <Notice>{t('reports.network.forbidden')}</Notice>
      ) : (
        <>
          <p>{t('reports.network.intro')}</p>
          <RequestForm request={request} refusalShown={apiField !== 'scope'}>
            <Select
              label={t('reports.scope')}
              options={[
                { id: 'region', label: t('reports.scope.region') },
                ...(hosts.data?.items ?? []).map((host) => ({ id: host.id, label: t('reports.scope.host', { name: host.legalName }) })),
              ]}
              value={scope}
              onChange={setScope}
            />
            {apiField === 'scope' ? <p className="field__error">{errorText(request.error, language, t)}</p> : null}
          </RequestForm>
          <RequestedList siteId={site?.siteId ?? ''} reports={reports} />
        </>
      )}
    </Page>
  );
}
