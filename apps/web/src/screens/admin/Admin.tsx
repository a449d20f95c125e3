import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  hostLogoControllerGet,
  hostLogoControllerPut,
  hostLogoControllerRemove,
  hostStructuresControllerCreate,
  hostStructuresControllerGet,
  hostStructuresControllerList,
  hostStructuresControllerUpdate,
  sitesControllerCreate,
  sitesControllerGet,
  sitesControllerList,
  sitesControllerUpdate,
  siteUsersControllerCreate,
  siteUsersControllerList,
  siteUsersControllerRemove,
  statsControllerRegion,
} from '../../api/generated/sdk.gen';
import type { FiguresDto, HostStructureDto, SiteDto, SiteUserDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { fr, type MessageKey } from '../../i18n/fr';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { ROUTES } from '../../routes';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { IconName } from '../../ui/Icon';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { SubNav } from '../../ui/SubNav';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { PeriodPicker } from '../reports/PeriodPicker';
import type { Period } from '../reports/report-rules';
import {
  checkHostStructure,
  hostStructureBody,
  logoProblem,
  checkSite,
  checkSiteUser,
  figureBars,
  type HostStructureDraft,
  type Problem,
  type SiteDraft,
  type SiteUserDraft,
} from './admin-rules';
import './admin.css';

type Translate = ReturnType<typeof useT>;

const HOST_KINDS = ['cae', 'business_incubator', 'association'] as const;
const SITE_STATUSES = ['active', 'in_reflection', 'closed'] as const;
/** Roles the network admin gives here; a member's account is opened from their file (it is tied to it). */
const GIVEN_ROLES = ['coordinator', 'accountant'] as const;

/** Every screen of the area: the title, its links, and its content for a network admin only. */
function AdminPage({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  const { me } = useSession();
  return (
    <Page title={title}>
      <SubNav
        label={t('admin.area')}
        links={[
          { href: ROUTES.admin, label: t('admin.sub.figures') },
          { href: ROUTES.hostStructures, label: t('admin.sub.hosts') },
          { href: ROUTES.adminSites, label: t('admin.sub.sites') },
        ]}
      />
      {me?.networkAdmin ? children : <Notice>{t('admin.forbidden')}</Notice>}
    </Page>
  );
}

function useIsNetworkAdmin(): boolean {
  return useSession().me?.networkAdmin === true;
}

/** A form's message for a field: the API's when it names that field, else the client-side check's once the person tried to send. */
function fieldMessage(t: Translate, apiError: unknown, language: 'fr' | 'en', problems: Problem[], checked: boolean) {
  const apiField = apiError instanceof ApiError ? apiError.field : null;
  return (field: string): string | undefined => {
    if (apiField === field) return errorText(apiError, language, t);
    const problem = checked ? problems.find((candidate) => candidate.field === field) : undefined;
    return problem ? t(problem.key) : undefined;
  };
}

/** The API's refusal that names no field of the form, as a notice. */
function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const t = useT();
  const { language } = usePreferences();
  if (!error) return null;
  if (error instanceof ApiError && error.field && fields.includes(error.field)) return null;
  return (
    <Notice tone="error" title={t('app.error.title')}>
      <p>{errorText(error, language, t)}</p>
    </Notice>
  );
}

/** A form of the area: sent once its checks pass; under its fields, the API's refusal that names none of them, what was done, and the button. */
function AdminForm({
  action,
  problems,
  onTried,
  fields,
  done,
  submitLabel,
  icon = 'save',
  children,
}: {
  action: { mutate(): void; error: unknown; isPending: boolean };
  problems: Problem[];
  /** The checks' messages show once the person tried to send. */
  onTried(): void;
  fields: readonly string[];
  /** The success notice's words, once done. */
  done: string | null;
  submitLabel: string;
  icon?: IconName;
  children: ReactNode;
}) {
  return (
    <form
      className="admin-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onTried();
        if (problems.length === 0) action.mutate();
      }}
    >
      {children}
      <FormError error={action.error} fields={fields} />
      {done ? <Notice tone="success">{done}</Notice> : null}
      <div className="actions">
        <Button type="submit" icon={icon} isPending={action.isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** A breakdown key's words ("female" → "Femmes"), from the message files; an unknown one as it comes. */
function breakdownLabel(t: Translate, prefix: string, key: string): string {
  const messageKey = `${prefix}.${key}`;
  return messageKey in fr ? t(messageKey as MessageKey) : key.replace(/_/g, ' ');
}

const BREAKDOWNS = [
  { field: 'byGender', prefix: 'admin.gender' },
  { field: 'byAgeBand', prefix: 'admin.age' },
  { field: 'bySituation', prefix: 'members.situation' },
  { field: 'byReferrer', prefix: 'members.referrer' },
  { field: 'leavingOutcomes', prefix: 'admin.outcome' },
] as const;

/** A breakdown as plain CSS bars: each line says its label and count in words; the bar itself is decoration. */
function Bars({ title, breakdown, prefix }: { title: string; breakdown: Record<string, unknown>; prefix: string }) {
  const t = useT();
  const bars = figureBars(breakdown);
  return (
    <Section title={title}>
      {bars.length === 0 ? (
        <EmptyState>{t('admin.figures.empty')}</EmptyState>
      ) : (
        <ul className="figure-bars">
          {bars.map((bar) => (
            <li key={bar.key} className="figure-bars__row">
              <span className="figure-bars__label">{breakdownLabel(t, prefix, bar.key)}</span>
              <span className="figure-bars__count">{bar.count === null ? t('admin.figures.hidden') : bar.count}</span>
              <span className="figure-bars__track" aria-hidden="true">
                <span className="figure-bars__bar" style={{ width: `${bar.percent}%` }} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function KeyFigures({ figures }: { figures: FiguresDto }) {
  const t = useT();
  const count = (value: number | null | undefined) => (value === null || value === undefined ? t('admin.figures.hidden') : String(value));
  const priority = figures.priorityNeighbourhood as { count: number | null; of: number };
  const rows: { id: string; label: string; value: string }[] = [
    { id: 'tookPart', label: t('admin.figures.tookPart'), value: count(figures.tookPart) },
    { id: 'activeNow', label: t('admin.figures.activeNow'), value: count(figures.activeNow) },
    { id: 'underCapeNow', label: t('admin.figures.underCapeNow'), value: count(figures.underCapeNow) },
    { id: 'joined', label: t('admin.figures.joined'), value: count(figures.joined) },
    { id: 'left', label: t('admin.figures.left'), value: count(figures.left) },
    { id: 'interviewsHeld', label: t('admin.figures.interviewsHeld'), value: count(figures.interviewsHeld) },
    { id: 'priority', label: t('admin.figures.priority'), value: t('admin.figures.priorityValue', { count: count(priority.count), of: priority.of }) },
  ];
  return (
    <Section title={t('admin.figures.key')}>
      <Table
        label={t('admin.figures.key')}
        rows={rows}
        columns={[
          { id: 'what', title: t('admin.figures.what'), isRowHeader: true, cell: (row) => row.label },
          { id: 'count', title: t('admin.figures.count'), align: 'end', cell: (row) => row.value },
        ]}
      />
    </Section>
  );
}

/** `/administration`: the region's figures over a period, as a table and bars. */
export function RegionFiguresScreen() {
  const t = useT();
  const admin = useIsNetworkAdmin();
  const [period, setPeriod] = useState<Period | null>(null);
  const figures = useQuery({
    queryKey: ['stats', 'region', period?.from, period?.to],
    queryFn: () => unwrap(statsControllerRegion({ query: { from: period?.from ?? '', to: period?.to ?? '' } })),
    enabled: admin && period !== null,
  });
  return (
    <AdminPage title={t('admin.figures.title')}>
      <p>{t('admin.figures.intro')}</p>
      <div className="admin-form">
        <PeriodPicker onPeriod={setPeriod} showErrors initial="thisYear" />
      </div>
      {period ? (
        <QueryState query={figures}>
          {(data) => (
            <div className="figures">
              <KeyFigures figures={data} />
              {BREAKDOWNS.map((breakdown) => (
                <Bars key={breakdown.field} title={t(`admin.figures.${breakdown.field}`)} breakdown={data[breakdown.field]} prefix={breakdown.prefix} />
              ))}
            </div>
          )}
        </QueryState>
      ) : null}
    </AdminPage>
  );
}

const EMPTY_HOST: HostStructureDraft = {
  kind: 'cae',
  legalName: '',
  legalForm: '',
  shareCapital: '',
  rcsCity: '',
  siret: '',
  vatNumber: '',
  city: '',
  addressLine: '',
  postalCode: '',
  iban: '',
  bic: '',
  electronicAddress: '',
  phone: '',
  email: '',
  vatOnDebits: false,
  mediatorName: '',
  mediatorContact: '',
};
const HOST_FIELDS = [
  'kind',
  'legalName',
  'legalForm',
  'shareCapital',
  'rcsCity',
  'siret',
  'vatNumber',
  'city',
  'addressLine',
  'postalCode',
  'iban',
  'bic',
  'electronicAddress',
  'phone',
  'email',
  'vatOnDebits',
  'mediatorName',
  'mediatorContact',
] as const;

function hostDraftOf(host: HostStructureDto): HostStructureDraft {
  return {
    kind: host.kind,
    legalName: host.legalName,
    legalForm: (host.legalForm as string | null) ?? '',
    shareCapital: ((host.shareCapital as string | null) ?? '').replace('.', ','),
    rcsCity: (host.rcsCity as string | null) ?? '',
    siret: host.siret,
    vatNumber: (host.vatNumber as string | null) ?? '',
    city: host.city,
    addressLine: (host.addressLine as string | null) ?? '',
    postalCode: (host.postalCode as string | null) ?? '',
    // Shown as people read it: in groups of four.
    iban: ((host.iban as string | null) ?? '').replace(/(.{4})(?=.)/g, '$1 '),
    bic: (host.bic as string | null) ?? '',
    electronicAddress: (host.electronicAddress as string | null) ?? '',
    phone: (host.phone as string | null) ?? '',
    email: (host.email as string | null) ?? '',
    vatOnDebits: host.vatOnDebits,
    mediatorName: (host.mediatorName as string | null) ?? '',
    mediatorContact: (host.mediatorContact as string | null) ?? '',
  };
}

/** The host structure's fields (its kind only when creating: it does not change). */
function HostFields({
  draft,
  onChange,
  message,
  creating,
}: {
  draft: HostStructureDraft;
  onChange(patch: Partial<HostStructureDraft>): void;
  message(field: string): string | undefined;
  creating: boolean;
}) {
  const t = useT();
  /** A text field of the draft: its label, value and message follow its name. */
  const field = (name: Exclude<keyof HostStructureDraft, 'kind' | 'vatOnDebits'>, more: { description?: string; maxLength?: number; inputMode?: 'decimal' | 'numeric' }) => (
    <TextField label={t(`admin.host.${name}`)} value={draft[name]} onChange={(value) => onChange({ [name]: value })} errorMessage={message(name)} {...more} />
  );
  return (
    <>
      {creating ? (
        <Select
          label={t('admin.host.kind')}
          options={HOST_KINDS.map((id) => ({ id, label: t(`admin.kind.${id}`) }))}
          value={draft.kind}
          onChange={(kind) => onChange({ kind: kind as HostStructureDraft['kind'] })}
        />
      ) : null}
      {field('legalName', { maxLength: 200 })}
      {field('legalForm', { description: t('admin.host.legalFormHelp'), maxLength: 100 })}
      <div className="admin-pair">
        {field('shareCapital', { inputMode: 'decimal' })}
        {field('rcsCity', { maxLength: 100 })}
      </div>
      {field('siret', { inputMode: 'numeric' })}
      {field('vatNumber', { description: t('admin.host.vatHelp') })}
      {field('addressLine', { maxLength: 200 })}
      <div className="admin-pair">
        {field('postalCode', { inputMode: 'numeric' })}
        {field('city', { maxLength: 100 })}
      </div>
      <div className="admin-pair">
        <TextField label={t('admin.host.phone')} inputMode="tel" value={draft.phone} maxLength={20} onChange={(phone) => onChange({ phone })} errorMessage={message('phone')} />
        <TextField label={t('admin.host.email')} inputMode="email" value={draft.email} maxLength={254} onChange={(email) => onChange({ email })} errorMessage={message('email')} />
      </div>
      <div className="admin-pair">
        <TextField
          label={t('admin.host.iban')}
          description={t('admin.host.ibanHelp')}
          value={draft.iban}
          maxLength={50}
          onChange={(iban) => onChange({ iban })}
          errorMessage={message('iban')}
        />
        <TextField label={t('admin.host.bic')} value={draft.bic} maxLength={15} onChange={(bic) => onChange({ bic })} errorMessage={message('bic')} />
      </div>
      <TextField
        label={t('admin.host.electronicAddress')}
        description={t('admin.host.electronicAddressHelp')}
        value={draft.electronicAddress}
        maxLength={125}
        onChange={(electronicAddress) => onChange({ electronicAddress })}
        errorMessage={message('electronicAddress')}
      />
      <Select
        label={t('admin.host.vatOnDebits')}
        description={message('vatOnDebits') ?? t('admin.host.vatOnDebitsHelp')}
        options={[
          { id: 'receipts', label: t('admin.host.vatOnReceipts') },
          { id: 'debits', label: t('admin.host.vatOnDebitsOption') },
        ]}
        value={draft.vatOnDebits ? 'debits' : 'receipts'}
        onChange={(choice) => onChange({ vatOnDebits: choice === 'debits' })}
      />
      <div className="admin-pair">
        {field('mediatorName', { description: t('admin.host.mediatorHelp'), maxLength: 200 })}
        {field('mediatorContact', { maxLength: 300 })}
      </div>
    </>
  );
}

function useHostStructures(enabled: boolean) {
  return useQuery({ queryKey: ['host-structures', 'region'], queryFn: () => unwrap(hostStructuresControllerList({ query: { limit: 100 } })), enabled });
}

function useAllSites(enabled: boolean) {
  return useQuery({ queryKey: ['sites', 'region'], queryFn: () => unwrap(sitesControllerList({ query: { limit: 100 } })), enabled });
}

/** `/administration/structures`: the region's host structures, and a form to create one. */
export function HostStructuresScreen() {
  const t = useT();
  const { language } = usePreferences();
  const admin = useIsNetworkAdmin();
  const queryClient = useQueryClient();
  const hosts = useHostStructures(admin);
  const [draft, setDraft] = useState<HostStructureDraft>(EMPTY_HOST);
  const [checked, setChecked] = useState(false);
  const problems = checkHostStructure(draft);
  const create = useMutation({
    // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
    mutationFn: () =>
      unwrap(hostStructuresControllerCreate({ body: { kind: draft.kind, ...(hostStructureBody(draft, true) as { legalName: string; siret: string; city: string }) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['host-structures'] });
      setDraft(EMPTY_HOST);
      setChecked(false);
    },
  });
  const message = fieldMessage(t, create.error, language, problems, checked);
  return (
    <AdminPage title={t('admin.hosts.title')}>
      <p>{t('admin.hosts.intro')}</p>
      <QueryState query={hosts}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.hosts.empty')}</EmptyState>
          ) : (
            <Table
              label={t('admin.hosts.title')}
              rows={page.items}
              columns={[
                {
                  id: 'name',
                  title: t('admin.hosts.col.name'),
                  isRowHeader: true,
                  cell: (host) => (
                    <Link href={ROUTES.hostStructure(host.id)} aria-label={t('admin.hosts.open', { name: host.legalName })}>
                      {host.legalName}
                    </Link>
                  ),
                },
                { id: 'kind', title: t('admin.hosts.col.kind'), cell: (host) => t(`admin.kind.${host.kind}`) },
                { id: 'siret', title: t('admin.hosts.col.siret'), cell: (host) => host.siret },
                { id: 'vat', title: t('admin.hosts.col.vat'), cell: (host) => (host.vatFranchise ? t('admin.hosts.vatFranchise') : String(host.vatNumber ?? '')) },
                { id: 'city', title: t('admin.hosts.col.city'), cell: (host) => host.city },
              ]}
            />
          )
        }
      </QueryState>
      <Section title={t('admin.hosts.new')}>
        <AdminForm
          action={create}
          problems={problems}
          onTried={() => setChecked(true)}
          fields={HOST_FIELDS}
          done={create.isSuccess ? t('admin.host.created', { name: create.data.legalName }) : null}
          submitLabel={t('admin.host.create')}
        >
          <HostFields
            draft={draft}
            creating
            message={message}
            onChange={(patch) => {
              create.reset();
              setDraft((current) => ({ ...current, ...patch }));
            }}
          />
        </AdminForm>
      </Section>
    </AdminPage>
  );
}

/** `/administration/structures/:id`: a host structure's legal identity, changed (printed on the next documents), and its sites. */
export function HostStructureScreen({ id }: { id: string }) {
  const t = useT();
  const admin = useIsNetworkAdmin();
  const host = useQuery({ queryKey: ['host-structure', 'region', id], queryFn: () => unwrap(hostStructuresControllerGet({ path: { hostStructureId: id } })), enabled: admin });
  const sites = useAllSites(admin);
  return (
    <AdminPage title={host.data ? t('admin.host.title', { name: host.data.legalName }) : t('admin.hosts.title')}>
      <p>
        <ButtonLink href={ROUTES.hostStructures} variant="quiet" icon="arrow">
          {t('admin.host.back')}
        </ButtonLink>
      </p>
      <QueryState query={host}>
        {(data) => (
          <>
            <HostEditor key={data.id} host={data} />
            <HostLogo hostStructureId={data.id} />
            <Section title={t('admin.host.sites')}>
              <QueryState query={sites}>
                {(page) => {
                  const hosted = page.items.filter((site) => site.hostStructureId === data.id);
                  return hosted.length === 0 ? (
                    <EmptyState>{t('admin.host.sites.empty')}</EmptyState>
                  ) : (
                    <ul className="admin-links">
                      {hosted.map((site) => (
                        <li key={site.id}>
                          <Link href={ROUTES.adminSite(site.id)}>{t('admin.sites.open', { name: site.name })}</Link>
                        </li>
                      ))}
                    </ul>
                  );
                }}
              </QueryState>
            </Section>
          </>
        )}
      </QueryState>
    </AdminPage>
  );
}

/**
 * The host's logo, printed at the top of its sites' quotes, invoices and credit notes: shown, replaced
 * or removed. Documents already sent or issued keep the logo they were made with.
 */
function HostLogo({ hostStructureId }: { hostStructureId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const key = ['host-logo', hostStructureId];
  const logo = useQuery({
    queryKey: key,
    // No logo is an answer (404 LOGO_NOT_FOUND), not a failure.
    queryFn: async () => {
      try {
        return (await unwrap(hostLogoControllerGet({ path: { hostStructureId }, parseAs: 'blob' }))) as unknown as Blob;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'LOGO_NOT_FOUND') return null;
        throw error;
      }
    },
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!logo.data) return setUrl(null);
    const next = URL.createObjectURL(logo.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [logo.data]);
  const [file, setFile] = useState<File | null>(null);
  const problem = file ? logoProblem(file) : null;
  const upload = useMutation({
    // The file itself as the body (not a form): the API tells PNG and JPEG by their first bytes.
    mutationFn: (chosen: File) =>
      unwrap(hostLogoControllerPut({ path: { hostStructureId }, body: chosen, headers: { 'Content-Type': chosen.type || 'application/octet-stream' } })),
    onSuccess: () => {
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(hostLogoControllerRemove({ path: { hostStructureId } })),
    onSuccess: () => queryClient.setQueryData(key, null),
  });
  const failure = upload.error ?? remove.error;
  return (
    <Section title={t('admin.logo.title')}>
      <p>{t('admin.logo.intro')}</p>
      <QueryState query={logo}>{(data) => (data && url ? <img className="admin-logo" src={url} alt={t('admin.logo.current')} /> : <p>{t('admin.logo.none')}</p>)}</QueryState>
      <div className="field">
        <label className="field__label" htmlFor="host-logo-file">
          {t('admin.logo.file')}
        </label>
        <input
          id="host-logo-file"
          className="receipt-input"
          type="file"
          accept="image/png,image/jpeg"
          aria-describedby="host-logo-help"
          onChange={(event) => {
            upload.reset();
            setFile(event.target.files?.[0] ?? null);
          }}
        />
        <p id="host-logo-help" className="field__description">
          {t('admin.logo.help')}
        </p>
        {problem ? <p className="field__error">{t(`admin.logo.problem.${problem}`)}</p> : null}
      </div>
      {failure ? <Notice tone="error">{errorText(failure, language, t)}</Notice> : null}
      {upload.isSuccess ? <Notice tone="success">{t('admin.logo.saved')}</Notice> : null}
      <div className="actions">
        <Button onPress={() => file && upload.mutate(file)} isDisabled={!file || problem !== null || upload.isPending}>
          {t('admin.logo.upload')}
        </Button>
        {logo.data ? (
          <Button variant="quiet" onPress={() => remove.mutate()} isDisabled={remove.isPending}>
            {t('admin.logo.remove')}
          </Button>
        ) : null}
      </div>
    </Section>
  );
}

function HostEditor({ host }: { host: HostStructureDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<HostStructureDraft>(() => hostDraftOf(host));
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const problems = checkHostStructure(draft);
  const update = useMutation({
    mutationFn: () => unwrap(hostStructuresControllerUpdate({ path: { hostStructureId: host.id }, body: hostStructureBody(draft, false) as unknown as Record<string, never> })),
    onSuccess: (next) => {
      queryClient.setQueryData(['host-structure', 'region', host.id], next);
      void queryClient.invalidateQueries({ queryKey: ['host-structures'] });
      setSaved(true);
    },
  });
  const message = fieldMessage(t, update.error, language, problems, checked);
  return (
    <Section title={t('admin.host.edit')}>
      <AdminForm
        action={update}
        problems={problems}
        onTried={() => setChecked(true)}
        fields={HOST_FIELDS}
        done={saved ? t('admin.host.saved') : null}
        submitLabel={t('admin.host.save')}
      >
        <p>{t(`admin.kind.${host.kind}`)}</p>
        <HostFields
          draft={draft}
          creating={false}
          message={message}
          onChange={(patch) => {
            update.reset();
            setSaved(false);
            setDraft((current) => ({ ...current, ...patch }));
          }}
        />
      </AdminForm>
    </Section>
  );
}

const EMPTY_SITE: SiteDraft = { name: '', code: '', city: '', status: 'active', hostStructureId: null };
const SITE_FIELDS = ['name', 'code', 'city', 'status', 'hostStructureId'] as const;

/** `/administration/sites`: the region's sites with their host structure, and a form to create one (attached to a host structure). */
export function AdminSitesScreen() {
  const t = useT();
  const { language } = usePreferences();
  const admin = useIsNetworkAdmin();
  const queryClient = useQueryClient();
  const sites = useAllSites(admin);
  const hosts = useHostStructures(admin);
  const [draft, setDraft] = useState<SiteDraft>(EMPTY_SITE);
  const [checked, setChecked] = useState(false);
  const problems = checkSite(draft, true);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        sitesControllerCreate({
          body: { name: draft.name.trim(), code: draft.code.trim().toUpperCase(), city: draft.city.trim(), status: draft.status, hostStructureId: draft.hostStructureId ?? '' },
        }),
      ),
    onSuccess: () => {
      // The session's list of sites too: the header's site switcher offers the new one.
      void queryClient.invalidateQueries({ queryKey: ['sites'] });
      setDraft(EMPTY_SITE);
      setChecked(false);
    },
  });
  const message = fieldMessage(t, create.error, language, problems, checked);
  const hostName = (id: string) => hosts.data?.items.find((host) => host.id === id)?.legalName ?? '';
  const set = (patch: Partial<SiteDraft>) => {
    create.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };
  return (
    <AdminPage title={t('admin.sites.title')}>
      <p>{t('admin.sites.intro')}</p>
      <QueryState query={sites}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.sites.empty')}</EmptyState>
          ) : (
            <Table<SiteDto>
              label={t('admin.sites.title')}
              rows={page.items}
              columns={[
                {
                  id: 'name',
                  title: t('admin.sites.col.name'),
                  isRowHeader: true,
                  cell: (site) => (
                    <Link href={ROUTES.adminSite(site.id)} aria-label={t('admin.sites.open', { name: site.name })}>
                      {site.name}
                    </Link>
                  ),
                },
                { id: 'code', title: t('admin.sites.col.code'), cell: (site) => site.code },
                { id: 'city', title: t('admin.sites.col.city'), cell: (site) => site.city },
                { id: 'status', title: t('admin.sites.col.status'), cell: (site) => t(`admin.site.status.${site.status}`) },
                { id: 'host', title: t('admin.sites.col.host'), cell: (site) => hostName(site.hostStructureId) },
              ]}
            />
          )
        }
      </QueryState>
      <Section title={t('admin.sites.new')}>
        <QueryState query={hosts}>
          {(hostPage) =>
            hostPage.items.length === 0 ? (
              <EmptyState>{t('admin.site.hostNone')}</EmptyState>
            ) : (
              <AdminForm
                action={create}
                problems={problems}
                onTried={() => setChecked(true)}
                fields={SITE_FIELDS}
                done={create.isSuccess ? t('admin.site.created', { name: create.data.name }) : null}
                submitLabel={t('admin.site.create')}
              >
                <TextField label={t('admin.site.name')} value={draft.name} maxLength={120} onChange={(name) => set({ name })} errorMessage={message('name')} />
                <TextField
                  label={t('admin.site.code')}
                  description={t('admin.site.codeHelp')}
                  value={draft.code}
                  maxLength={16}
                  onChange={(code) => set({ code })}
                  errorMessage={message('code')}
                />
                <TextField label={t('admin.site.city')} value={draft.city} maxLength={100} onChange={(city) => set({ city })} errorMessage={message('city')} />
                <Select
                  label={t('admin.site.status')}
                  options={SITE_STATUSES.map((id) => ({ id, label: t(`admin.site.status.${id}`) }))}
                  value={draft.status}
                  onChange={(status) => set({ status: status as SiteDraft['status'] })}
                />
                <Select
                  label={t('admin.site.host')}
                  placeholder={t('admin.site.hostChoose')}
                  options={hostPage.items.map((host) => ({ id: host.id, label: host.legalName }))}
                  value={draft.hostStructureId}
                  onChange={(hostStructureId) => set({ hostStructureId })}
                />
                {message('hostStructureId') ? <p className="field__error">{message('hostStructureId')}</p> : null}
              </AdminForm>
            )
          }
        </QueryState>
      </Section>
    </AdminPage>
  );
}

function SiteEditor({ site, hostName }: { site: SiteDto; hostName: string }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SiteDraft>({ name: site.name, code: site.code, city: site.city, status: site.status, hostStructureId: site.hostStructureId });
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const problems = checkSite(draft, false);
  const update = useMutation({
    mutationFn: () => unwrap(sitesControllerUpdate({ path: { siteId: site.id }, body: { name: draft.name.trim(), city: draft.city.trim(), status: draft.status } })),
    onSuccess: (next) => {
      queryClient.setQueryData(['site', 'region', site.id], next);
      void queryClient.invalidateQueries({ queryKey: ['sites'] });
      setSaved(true);
    },
  });
  const message = fieldMessage(t, update.error, language, problems, checked);
  const set = (patch: Partial<SiteDraft>) => {
    update.reset();
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  return (
    <Section title={t('admin.site.edit')}>
      <AdminForm
        action={update}
        problems={problems}
        onTried={() => setChecked(true)}
        fields={SITE_FIELDS}
        done={saved ? t('admin.site.saved') : null}
        submitLabel={t('admin.site.save')}
      >
        <p>{t('admin.site.hostFixed', { name: hostName })}</p>
        <TextField label={t('admin.site.name')} value={draft.name} maxLength={120} onChange={(name) => set({ name })} errorMessage={message('name')} />
        <TextField label={t('admin.site.city')} value={draft.city} maxLength={100} onChange={(city) => set({ city })} errorMessage={message('city')} />
        <Select
          label={t('admin.site.status')}
          options={SITE_STATUSES.map((id) => ({ id, label: t(`admin.site.status.${id}`) }))}
          value={draft.status}
          onChange={(status) => set({ status: status as SiteDraft['status'] })}
        />
      </AdminForm>
    </Section>
  );
}

const EMPTY_USER: SiteUserDraft = { email: '', displayName: '', role: 'coordinator', password: '' };
const USER_FIELDS = ['email', 'displayName', 'role', 'password'] as const;

function SiteUsers({ site }: { site: SiteDto }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['site-users', site.id], queryFn: () => unwrap(siteUsersControllerList({ path: { siteId: site.id }, query: { limit: 100 } })) });
  const [draft, setDraft] = useState<SiteUserDraft>(EMPTY_USER);
  const [checked, setChecked] = useState(false);
  const problems = checkSiteUser(draft);
  const give = useMutation({
    mutationFn: () =>
      unwrap(
        siteUsersControllerCreate({
          path: { siteId: site.id },
          body: { email: draft.email.trim(), displayName: draft.displayName.trim(), role: draft.role, password: draft.password },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['site-users', site.id] });
      setDraft(EMPTY_USER);
      setChecked(false);
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => unwrap(siteUsersControllerRemove({ path: { siteId: site.id, userId } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['site-users', site.id] }),
  });
  const message = fieldMessage(t, give.error, language, problems, checked);
  const set = (patch: Partial<SiteUserDraft>) => {
    give.reset();
    setDraft((current) => ({ ...current, ...patch }));
  };
  const roleName = (role: SiteUserDto['role']) => t(`role.${role}`);
  return (
    <>
      <Section title={t('admin.users.title')}>
        {remove.isSuccess ? <Notice tone="success">{t('admin.users.removed')}</Notice> : null}
        {remove.isError ? (
          <Notice tone="error" title={t('app.error.title')}>
            <p>{errorText(remove.error, language, t)}</p>
          </Notice>
        ) : null}
        <QueryState query={users}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{t('admin.users.empty')}</EmptyState>
            ) : (
              <Table<SiteUserDto>
                label={t('admin.users.title')}
                rows={page.items}
                columns={[
                  { id: 'name', title: t('admin.users.col.name'), isRowHeader: true, cell: (user) => user.displayName },
                  { id: 'email', title: t('admin.users.col.email'), cell: (user) => user.email },
                  { id: 'role', title: t('admin.users.col.role'), cell: (user) => roleName(user.role) },
                  { id: 'since', title: t('admin.users.col.since'), cell: (user) => frenchShortDate(user.createdAt.slice(0, 10)) },
                  {
                    id: 'action',
                    title: t('admin.users.col.action'),
                    cell: (user) => (
                      <ConfirmDialog
                        triggerLabel={t('admin.users.remove', { name: user.displayName })}
                        triggerVariant="quiet"
                        title={t('admin.users.remove.title')}
                        sentence={t('admin.users.remove.sentence', { name: user.displayName, email: user.email, site: site.name, role: roleName(user.role) })}
                        confirmLabel={t('admin.users.remove.confirm')}
                        cancelLabel={t('admin.cancel')}
                        onConfirm={() => remove.mutate(user.id)}
                      />
                    ),
                  },
                ]}
              />
            )
          }
        </QueryState>
      </Section>
      <Section title={t('admin.users.give')}>
        <p>{t('admin.users.giveIntro')}</p>
        <AdminForm
          action={give}
          problems={problems}
          onTried={() => setChecked(true)}
          fields={USER_FIELDS}
          done={give.isSuccess ? t('admin.user.given', { name: give.data.displayName, role: roleName(give.data.role) }) : null}
          submitLabel={t('admin.user.submit')}
          icon="person"
        >
          <TextField label={t('admin.user.email')} type="email" value={draft.email} onChange={(email) => set({ email })} errorMessage={message('email')} />
          <TextField
            label={t('admin.user.displayName')}
            value={draft.displayName}
            maxLength={120}
            onChange={(displayName) => set({ displayName })}
            errorMessage={message('displayName')}
          />
          <Select
            label={t('admin.user.role')}
            options={GIVEN_ROLES.map((id) => ({ id, label: t(`role.${id}`) }))}
            value={draft.role}
            onChange={(role) => set({ role: role as SiteUserDraft['role'] })}
          />
          <TextField
            label={t('admin.user.password')}
            description={t('admin.user.passwordHelp')}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(password) => set({ password })}
            errorMessage={message('password')}
          />
        </AdminForm>
      </Section>
    </>
  );
}

/** `/administration/sites/:id`: a site's name, city and status; who has which role there, given by e-mail, taken with a confirmation. */
export function AdminSiteScreen({ id }: { id: string }) {
  const t = useT();
  const admin = useIsNetworkAdmin();
  const site = useQuery({ queryKey: ['site', 'region', id], queryFn: () => unwrap(sitesControllerGet({ path: { siteId: id } })), enabled: admin });
  const hosts = useHostStructures(admin);
  return (
    <AdminPage title={site.data ? t('admin.site.title', { name: site.data.name }) : t('admin.sites.title')}>
      <p>
        <ButtonLink href={ROUTES.adminSites} variant="quiet" icon="arrow">
          {t('admin.site.back')}
        </ButtonLink>
      </p>
      <QueryState query={site}>
        {(data) => (
          <div className="admin-site">
            <SiteEditor key={data.id} site={data} hostName={hosts.data?.items.find((host) => host.id === data.hostStructureId)?.legalName ?? ''} />
            <SiteUsers site={data} />
          </div>
        )}
      </QueryState>
    </AdminPage>
  );
}
