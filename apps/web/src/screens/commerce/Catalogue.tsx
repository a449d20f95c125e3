import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { catalogueControllerCreate, catalogueControllerUpdate } from '../../api/generated/sdk.gen';
import type { CatalogueItemDto, CreateCatalogueItemDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchNumber } from '../../format';
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
import { type CatalogueForm, catalogueBody } from './commerce-rules';
import { CommerceNav, useCatalogue } from './document-parts';
import { EditorSection, useEditing } from './editing';
import { EDITOR_NATURES, EDITOR_UNITS, EDITOR_VAT_RATES, type EditorNature, type EditorUnit, type EditorVatRate } from './invoice-draft';

const EMPTY: CatalogueForm = { label: '', description: '', unit: 'hour', unitPrice: '', vatRate: '20', exemptionReason: '', nature: 'service' };

function formOf(item: CatalogueItemDto): CatalogueForm {
  return {
    label: item.label,
    description: item.description ?? '',
    unit: item.unit,
    unitPrice: item.unitPrice.replace('.', ','),
    vatRate: item.vatRate,
    exemptionReason: item.exemptionReason ?? '',
    nature: item.nature,
  };
}

function ItemEditor({ siteId, item, onDone }: { siteId: string; item: CatalogueItemDto | null; onDone(saved: CatalogueItemDto): void }) {
  const t = useT();
  const { language } = usePreferences();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CatalogueForm>(() => (item ? formOf(item) : EMPTY));
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<CatalogueForm>) => setForm((current) => ({ ...current, ...patch }));
  const checkedBody = catalogueBody(form);
  const save = useMutation({
    mutationFn: () => {
      if (!checkedBody.ok) throw new Error(checkedBody.field);
      // The generated type reads the API's nullable strings as objects (an OpenAPI quirk): the values are strings.
      const body = checkedBody.body as unknown as CreateCatalogueItemDto;
      return unwrap(item ? catalogueControllerUpdate({ path: { siteId, itemId: item.id }, body }) : catalogueControllerCreate({ path: { siteId }, body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['catalogue', siteId] });
      onDone(saved);
    },
  });
  const problem = checked && !checkedBody.ok ? checkedBody.field : null;
  const apiField = save.error instanceof ApiError ? save.error.field : null;
  const apiMessage = save.error ? errorText(save.error, language, t) : null;
  const error = (field: keyof CatalogueForm) => (problem === field ? t(`catalogue.problem.${problem}`) : apiField === field && apiMessage ? apiMessage : undefined);
  return (
    <EditorSection
      title={item ? t('catalogue.edit', { label: item.label }) : t('catalogue.new')}
      onSubmit={() => {
        setChecked(true);
        if (checkedBody.ok) save.mutate();
      }}
      refusal={apiMessage && !['label', 'description', 'unitPrice', 'exemptionReason'].includes(apiField ?? '') ? apiMessage : null}
      isPending={save.isPending}
      submitLabel={item ? t('clients.saveChanges') : t('catalogue.create')}
    >
      <TextField label={t('catalogue.label')} value={form.label} maxLength={200} onChange={(label) => set({ label })} errorMessage={error('label')} />
      <TextField
        label={t('catalogue.description')}
        value={form.description}
        maxLength={1000}
        onChange={(description) => set({ description })}
        errorMessage={error('description')}
      />
      <div className="commerce-form__pair">
        <Select
          label={t('invoice.line.unit')}
          options={EDITOR_UNITS.map((unit) => ({ id: unit, label: t(`unit.${unit}`) }))}
          value={form.unit}
          onChange={(unit) => set({ unit: unit as EditorUnit })}
        />
        <TextField label={t('invoice.line.unitPrice')} inputMode="decimal" value={form.unitPrice} onChange={(unitPrice) => set({ unitPrice })} errorMessage={error('unitPrice')} />
      </div>
      <Select
        label={t('invoice.line.vatRate')}
        options={EDITOR_VAT_RATES.map((rate) => ({ id: rate, label: t('invoice.rate', { rate: frenchNumber(rate) }) }))}
        value={form.vatRate}
        onChange={(vatRate) => set({ vatRate: vatRate as EditorVatRate })}
      />
      {form.vatRate === '0' ? (
        <TextField
          label={t('invoice.line.exemptionReason')}
          description={t('invoice.line.exemptionHelp')}
          value={form.exemptionReason}
          onChange={(exemptionReason) => set({ exemptionReason })}
          errorMessage={error('exemptionReason')}
        />
      ) : null}
      <Select
        label={t('invoice.line.nature')}
        description={t('catalogue.natureHelp')}
        options={EDITOR_NATURES.map((nature) => ({ id: nature, label: t(`nature.${nature}`) }))}
        value={form.nature}
        onChange={(nature) => set({ nature: nature as EditorNature })}
      />
    </EditorSection>
  );
}

/** `/catalogue`: what the site sells (label, unit, price excluding VAT, VAT rate), each line ready for a quote or an invoice. */
export function CatalogueScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const catalogue = useCatalogue(siteId);
  const { editing, saved, open, done } = useEditing<CatalogueItemDto>();
  if (!site) return null;
  const mayEdit = site.role === 'coordinator' || site.role === 'admin';
  return (
    <Page title={t('catalogue.title')}>
      <CommerceNav />
      <p>{t('catalogue.intro')}</p>
      {saved ? <Notice tone="success">{t('catalogue.saved', { label: saved })}</Notice> : null}
      {mayEdit && editing === null ? (
        <div className="actions">
          <Button icon="save" onPress={() => open('new')}>
            {t('catalogue.new')}
          </Button>
        </div>
      ) : null}
      {editing !== null ? (
        <ItemEditor key={editing === 'new' ? 'new' : editing.id} siteId={siteId} item={editing === 'new' ? null : editing} onDone={(item) => done(item.label)} />
      ) : null}
      <Section title={t('catalogue.list')}>
        <QueryState query={catalogue}>
          {(page) => {
            const items = page.items.filter((item) => !item.archived);
            return items.length === 0 ? (
              <EmptyState>{mayEdit ? t('catalogue.empty') : t('catalogue.empty.read')}</EmptyState>
            ) : (
              <Table<CatalogueItemDto>
                label={t('catalogue.list')}
                rows={items}
                columns={[
                  { id: 'label', title: t('catalogue.label'), isRowHeader: true, cell: (item) => item.label },
                  { id: 'unit', title: t('invoice.line.unit'), cell: (item) => t(`unit.${item.unit}`) },
                  { id: 'price', title: t('invoice.line.unitPrice'), align: 'end', cell: (item) => frenchAmount(item.unitPrice) },
                  { id: 'vat', title: t('invoice.line.vatRate'), align: 'end', cell: (item) => t('invoice.rate', { rate: frenchNumber(item.vatRate) }) },
                  { id: 'nature', title: t('invoice.line.nature'), cell: (item) => t(`nature.${item.nature}`) },
                  {
                    id: 'action',
                    title: t('quotes.col.action'),
                    cell: (item) =>
                      mayEdit ? (
                        <Button variant="secondary" onPress={() => open(item)}>
                          {t('catalogue.editOne', { label: item.label })}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            );
          }}
        </QueryState>
      </Section>
    </Page>
  );
}
