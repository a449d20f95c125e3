import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { clientsControllerCreate, clientsControllerList, clientsControllerUpdate } from '../../api/generated/sdk.gen';
import type { ClientDto, CreateClientDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { CLIENT_KINDS, clientApiProblem, type ClientForm, type ClientKind, clientBody, clientFieldOf, clientFields, clientProblems, EMPTY_CLIENT } from './commerce-rules';
import { CommerceNav } from './document-parts';
import { EditorSection, useEditing } from './editing';

function formOf(client: ClientDto): ClientForm {
  return {
    kind: client.kind,
    name: client.name,
    line: client.billingAddress.line,
    postalCode: client.billingAddress.postalCode,
    city: client.billingAddress.city,
    email: client.email ?? '',
    phone: client.phone ?? '',
    siret: client.siret ?? '',
    vatNumber: client.vatNumber ?? '',
    chorusServiceCode: client.chorusServiceCode ?? '',
    commitmentNumberRequired: client.commitmentNumberRequired,
  };
}

/** Create or edit one client: the kind decides the fields (SIRET, VAT number, Chorus code); the API's message shows next to its field. */
function ClientEditor({ siteId, client, onDone }: { siteId: string; client: ClientDto | null; onDone(saved: ClientDto): void }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ClientForm>(() => (client ? formOf(client) : EMPTY_CLIENT));
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<ClientForm>) => setForm((current) => ({ ...current, ...patch }));
  const save = useMutation({
    mutationFn: () => {
      // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
      const body = clientBody(form) as unknown as CreateClientDto;
      return unwrap(client ? clientsControllerUpdate({ path: { siteId, clientId: client.id }, body }) : clientsControllerCreate({ path: { siteId }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['clients', siteId] });
      onDone(saved);
    },
  });
  const problems = checked ? clientProblems(form) : {};
  const apiField = save.error instanceof ApiError ? clientFieldOf(save.error.field ?? null) : null;
  const ownWords = save.error instanceof ApiError ? clientApiProblem(save.error.code, apiField) : null;
  const apiMessage = ownWords ? t(`clients.problem.${ownWords}`) : save.error ? errorText(save.error, language, t) : null;
  const error = (field: keyof ClientForm) => (field in problems ? t('app.required') : apiField === field && apiMessage ? apiMessage : undefined);
  const fields = clientFields(form.kind);
  return (
    <EditorSection
      title={client ? t('clients.edit', { name: client.name }) : t('clients.new')}
      onSubmit={() => {
        setChecked(true);
        if (Object.keys(clientProblems(form)).length === 0) save.mutate();
      }}
      refusal={apiField === null ? apiMessage : null}
      isPending={save.isPending}
      submitLabel={client ? t('clients.saveChanges') : t('clients.create')}
    >
      <Select
        label={t('clients.kind')}
        options={CLIENT_KINDS.map((kind) => ({ id: kind, label: t(`clients.kind.${kind}`) }))}
        value={form.kind}
        onChange={(kind) => set({ kind: kind as ClientKind })}
      />
      <TextField
        label={form.kind === 'individual' ? t('clients.fullName') : t('clients.name')}
        value={form.name}
        onChange={(name) => set({ name })}
        maxLength={200}
        errorMessage={error('name')}
      />
      <TextField label={t('clients.line')} value={form.line} onChange={(line) => set({ line })} errorMessage={error('line')} />
      <div className="commerce-form__pair">
        <TextField label={t('clients.postalCode')} value={form.postalCode} inputMode="numeric" onChange={(postalCode) => set({ postalCode })} errorMessage={error('postalCode')} />
        <TextField label={t('clients.city')} value={form.city} onChange={(city) => set({ city })} errorMessage={error('city')} />
      </div>
      <div className="commerce-form__pair">
        <TextField label={t('clients.email')} type="email" value={form.email} onChange={(email) => set({ email })} errorMessage={error('email')} />
        <TextField label={t('clients.phone')} type="tel" value={form.phone} onChange={(phone) => set({ phone })} errorMessage={error('phone')} />
      </div>
      {fields.siret ? (
        <TextField
          label={fields.siret === 'required' ? t('clients.siret') : t('clients.siretOptional')}
          description={t('clients.siretHelp')}
          inputMode="numeric"
          value={form.siret}
          onChange={(siret) => set({ siret })}
          errorMessage={error('siret')}
        />
      ) : null}
      {fields.vatNumber ? (
        <TextField
          label={t('clients.vatNumber')}
          description={t('clients.vatNumberHelp')}
          value={form.vatNumber}
          onChange={(vatNumber) => set({ vatNumber })}
          errorMessage={error('vatNumber')}
        />
      ) : null}
      {fields.chorus ? (
        <>
          <TextField
            label={t('clients.chorus')}
            description={t('clients.chorusHelp')}
            value={form.chorusServiceCode}
            onChange={(chorusServiceCode) => set({ chorusServiceCode })}
            errorMessage={error('chorusServiceCode')}
          />
          <label className="commerce-check">
            <input type="checkbox" checked={form.commitmentNumberRequired} onChange={(event) => set({ commitmentNumberRequired: event.target.checked })} />
            <span>{t('clients.commitment')}</span>
          </label>
        </>
      ) : null}
    </EditorSection>
  );
}

/** `/clients`: the site's clients, a search by name, and the form to create or edit one. */
export function ClientsScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const [q, setQ] = useState('');
  const { editing, saved, open, done } = useEditing<ClientDto>();
  const search = q.trim();
  const clients = useQuery({
    queryKey: ['clients', siteId, 'search', search],
    queryFn: () => unwrap(clientsControllerList({ path: { siteId }, query: { limit: 100, ...(search ? { q: search } : {}) } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  const mayEdit = site.role !== 'accountant';
  return (
    <Page title={t('clients.title')}>
      <CommerceNav />
      <p>{t('clients.intro')}</p>
      {saved ? <Notice tone="success">{t('clients.saved', { name: saved })}</Notice> : null}
      {mayEdit && editing === null ? (
        <div className="actions">
          <Button icon="person" onPress={() => open('new')}>
            {t('clients.new')}
          </Button>
        </div>
      ) : null}
      {editing !== null ? (
        <ClientEditor key={editing === 'new' ? 'new' : editing.id} siteId={siteId} client={editing === 'new' ? null : editing} onDone={(client) => done(client.name)} />
      ) : null}
      <Section title={t('clients.list')}>
        <TextField label={t('clients.search')} type="search" value={q} onChange={setQ} />
        <QueryState query={clients}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{search ? t('clients.empty.search') : t('clients.empty')}</EmptyState>
            ) : (
              <Table<ClientDto>
                label={t('clients.list')}
                rows={page.items}
                columns={[
                  { id: 'name', title: t('clients.col.name'), isRowHeader: true, cell: (client) => client.name },
                  { id: 'kind', title: t('clients.kind'), cell: (client) => t(`clients.kind.${client.kind}`) },
                  { id: 'city', title: t('clients.city'), cell: (client) => `${client.billingAddress.postalCode} ${client.billingAddress.city}` },
                  { id: 'siret', title: t('clients.col.siret'), cell: (client) => client.siret ?? '' },
                  {
                    id: 'action',
                    title: t('quotes.col.action'),
                    cell: (client) =>
                      mayEdit ? (
                        <Button variant="secondary" onPress={() => open(client)}>
                          {t('clients.editOne', { name: client.name })}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            )
          }
        </QueryState>
      </Section>
    </Page>
  );
}
