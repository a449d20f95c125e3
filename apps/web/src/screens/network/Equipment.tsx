import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  equipmentControllerAccept,
  equipmentControllerCancel,
  equipmentControllerCheckOut,
  equipmentControllerCreate,
  equipmentControllerDecline,
  equipmentControllerGiveBack,
  equipmentControllerList,
  equipmentControllerListOwn,
  equipmentControllerReservations,
  equipmentControllerReserve,
  equipmentControllerWithdraw,
  networkDirectoryControllerList,
  reciprocityControllerBoard,
} from '../../api/generated/sdk.gen';
import type { CreateEquipmentDto, EquipmentDto, EquipmentReservationDto, ReserveEquipmentDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchNumber, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { NetworkPage, useNetworkRole } from './NetworkPage';
import { byWeek, instantOf, localDay, localTime, parseHours } from './network-rules';

const PER = ['day', 'half_day', 'loan'] as const;
type Per = (typeof PER)[number];

function useEquipmentAction<T>(action: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['equipment'] });
      void queryClient.invalidateQueries({ queryKey: ['reciprocity'] });
    },
  });
}

/** "4 déc. 2026, 09:00 → 4 déc. 2026, 17:00", in the browser's time zone. */
function rangeText(reservation: Pick<EquipmentReservationDto, 'startsAt' | 'endsAt'>): string {
  const from = localDay(reservation.startsAt);
  const to = localDay(reservation.endsAt);
  return from === to
    ? `${frenchShortDate(from)}, ${localTime(reservation.startsAt)} → ${localTime(reservation.endsAt)}`
    : `${frenchShortDate(from)}, ${localTime(reservation.startsAt)} → ${frenchShortDate(to)}, ${localTime(reservation.endsAt)}`;
}

function valueText(item: EquipmentDto, t: ReturnType<typeof useT>): string | null {
  return item.value ? t(`network.equipment.value.${item.value.per}`, { hours: frenchNumber(item.value.hours) }) : null;
}

/** A coordinator lists one of the site's items for the region. */
function AddEquipment({ siteId }: { siteId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [prerequisite, setPrerequisite] = useState('');
  const [deposit, setDeposit] = useState('');
  const [hours, setHours] = useState('');
  const [per, setPer] = useState<Per>('day');
  const [checked, setChecked] = useState(false);
  const create = useEquipmentAction(() =>
    unwrap(
      equipmentControllerCreate({
        path: { siteId },
        body: {
          name: name.trim(),
          description: description.trim(),
          ...(prerequisite.trim() ? { prerequisite: prerequisite.trim() } : {}),
          ...(deposit.trim() ? { deposit: Number(deposit.trim().replace(',', '.')).toFixed(2) } : {}),
          ...(hours.trim() ? { value: { hours: parseHours(hours) ?? '', per } } : {}),
          // The generated type reads the optional nullable fields as objects: the API takes these strings.
        } as unknown as CreateEquipmentDto,
      }),
    ),
  );
  const problems = {
    name: checked && name.trim() === '' ? t('network.equipment.problem.name') : undefined,
    description: checked && description.trim() === '' ? t('network.equipment.problem.description') : undefined,
    deposit: checked && deposit.trim() !== '' && !/^\d+([.,]\d{1,2})?$/.test(deposit.trim()) ? t('network.equipment.problem.deposit') : undefined,
    hours: checked && hours.trim() !== '' && parseHours(hours) === null ? t('network.help.problem.hours') : undefined,
  };
  const apiField = create.error instanceof ApiError ? create.error.field : null;
  const apiMessage = create.isError ? errorText(create.error, language, t) : undefined;
  const errorOf = (field: keyof typeof problems) => problems[field] ?? (apiField === field ? apiMessage : undefined);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        const ok = name.trim() && description.trim() && (deposit.trim() === '' || /^\d+([.,]\d{1,2})?$/.test(deposit.trim())) && (hours.trim() === '' || parseHours(hours));
        if (!ok) return;
        create.mutate(undefined, {
          onSuccess: () => {
            setName('');
            setDescription('');
            setPrerequisite('');
            setDeposit('');
            setHours('');
            setChecked(false);
          },
        });
      }}
    >
      <TextField label={t('network.equipment.field.name')} value={name} onChange={setName} errorMessage={errorOf('name')} />
      <TextField label={t('network.equipment.field.description')} value={description} onChange={setDescription} errorMessage={errorOf('description')} />
      <TextField label={t('network.equipment.field.prerequisite')} description={t('network.equipment.field.prerequisiteHelp')} value={prerequisite} onChange={setPrerequisite} />
      <TextField label={t('network.equipment.field.deposit')} inputMode="decimal" value={deposit} onChange={setDeposit} errorMessage={errorOf('deposit')} />
      <div className="network-pair">
        <TextField
          label={t('network.equipment.field.hours')}
          description={t('network.equipment.field.hoursHelp')}
          inputMode="decimal"
          value={hours}
          onChange={setHours}
          errorMessage={errorOf('hours')}
        />
        <Select
          label={t('network.equipment.field.per')}
          options={PER.map((id) => ({ id, label: t(`network.equipment.per.${id}`) }))}
          value={per}
          onChange={(id) => setPer(id as Per)}
        />
      </div>
      {create.isError && !apiField ? <Notice tone="error">{apiMessage}</Notice> : null}
      {create.isSuccess ? <Notice tone="success">{t('network.equipment.added', { name: create.data ? (create.data as EquipmentDto).name : '' })}</Notice> : null}
      <div className="actions">
        <Button type="submit" icon="save" isPending={create.isPending}>
          {t('network.equipment.add')}
        </Button>
      </div>
    </form>
  );
}

/** Another site's item: what it is, its terms, and a form to ask for it. */
function ReserveForm({ item, siteId }: { item: EquipmentDto; siteId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const today = localDay(new Date().toISOString());
  const [fromDay, setFromDay] = useState(today);
  const [fromTime, setFromTime] = useState('09:00');
  const [toDay, setToDay] = useState(today);
  const [toTime, setToTime] = useState('17:00');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const startsAt = instantOf(fromDay, fromTime);
  const endsAt = instantOf(toDay, toTime);
  const rangeProblem = !startsAt || !endsAt || endsAt <= startsAt;
  const reserve = useEquipmentAction(() =>
    unwrap(
      equipmentControllerReserve({
        path: { siteId },
        body: { equipmentId: item.id, startsAt: startsAt!, endsAt: endsAt!, ...(note.trim() ? { note: note.trim() } : {}) } as unknown as ReserveEquipmentDto,
      }),
    ),
  );
  return (
    <form
      className="form network-subform"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (!rangeProblem) reserve.mutate(undefined);
      }}
    >
      <h4 className="network-subform__title">{t('network.equipment.reserve.title', { name: item.name })}</h4>
      <div className="network-pair">
        <TextField label={t('network.equipment.reserve.fromDay')} type="date" value={fromDay} onChange={setFromDay} />
        <TextField label={t('network.equipment.reserve.fromTime')} type="time" value={fromTime} onChange={setFromTime} />
      </div>
      <div className="network-pair">
        <TextField label={t('network.equipment.reserve.toDay')} type="date" value={toDay} onChange={setToDay} />
        <TextField
          label={t('network.equipment.reserve.toTime')}
          type="time"
          value={toTime}
          onChange={setToTime}
          errorMessage={checked && rangeProblem ? t('network.equipment.problem.range') : undefined}
        />
      </div>
      <TextField label={t('network.equipment.reserve.note')} value={note} onChange={setNote} />
      {reserve.isError ? <Notice tone="error">{errorText(reserve.error, language, t)}</Notice> : null}
      {reserve.isSuccess ? <Notice tone="success">{t('network.equipment.reserve.done', { name: item.name })}</Notice> : null}
      <div className="actions">
        <Button type="submit" icon="check" isPending={reserve.isPending}>
          {t('network.equipment.reserve.submit', { name: item.name })}
        </Button>
      </div>
    </form>
  );
}

/** One reservation, with the steps the acting site may take (each final step said in words). */
function ReservationLine({ reservation, siteId, itemName, otherSite }: { reservation: EquipmentReservationDto; siteId: string; itemName: string; otherSite: string }) {
  const t = useT();
  const { language } = usePreferences();
  const [condition, setCondition] = useState('');
  const path = { siteId, reservationId: reservation.id };
  const accept = useEquipmentAction(() => unwrap(equipmentControllerAccept({ path })));
  const decline = useEquipmentAction(() => unwrap(equipmentControllerDecline({ path, body: {} })));
  const cancel = useEquipmentAction(() => unwrap(equipmentControllerCancel({ path, body: {} })));
  const checkOut = useEquipmentAction(() => unwrap(equipmentControllerCheckOut({ path, body: { condition: condition.trim() || t('network.equipment.condition.good') } })));
  const giveBack = useEquipmentAction(() => unwrap(equipmentControllerGiveBack({ path, body: { condition: condition.trim() || t('network.equipment.condition.good') } })));
  const lender = reservation.ownerSiteId === siteId;
  const failed = accept.error ?? decline.error ?? cancel.error ?? checkOut.error ?? giveBack.error;
  const range = rangeText(reservation);
  return (
    <li className="network-reservation">
      <p>
        <strong>{range}</strong> · {lender ? t('network.equipment.borrower', { site: otherSite }) : t('network.equipment.lender', { site: otherSite })} ·{' '}
        <span className="badge">{t(`network.equipment.status.${reservation.status}`)}</span>
      </p>
      {reservation.note ? <p className="card__meta">{reservation.note}</p> : null}
      {reservation.hours ? <p className="card__meta">{t('network.equipment.loanHours', { hours: frenchNumber(reservation.hours) })}</p> : null}
      {lender && (reservation.status === 'accepted' || reservation.status === 'checked_out') ? (
        <TextField label={t('network.equipment.condition')} description={t('network.equipment.conditionHelp')} value={condition} onChange={setCondition} />
      ) : null}
      <div className="actions">
        {lender && reservation.status === 'requested' ? (
          <>
            <ConfirmDialog
              triggerLabel={t('network.equipment.accept')}
              triggerVariant="primary"
              icon="check"
              title={t('network.equipment.accept.title')}
              sentence={t('network.equipment.accept.sentence', { name: itemName, site: otherSite, range })}
              confirmLabel={t('network.equipment.accept')}
              cancelLabel={t('network.cancel')}
              onConfirm={() => accept.mutate(undefined)}
            />
            <ConfirmDialog
              triggerLabel={t('network.equipment.decline')}
              title={t('network.equipment.decline.title')}
              sentence={t('network.equipment.decline.sentence', { site: otherSite })}
              confirmLabel={t('network.equipment.decline')}
              cancelLabel={t('network.cancel')}
              onConfirm={() => decline.mutate(undefined)}
            />
          </>
        ) : null}
        {lender && reservation.status === 'accepted' ? (
          <ConfirmDialog
            triggerLabel={t('network.equipment.checkOut')}
            triggerVariant="primary"
            title={t('network.equipment.checkOut.title')}
            sentence={t('network.equipment.checkOut.sentence', { name: itemName, site: otherSite })}
            confirmLabel={t('network.equipment.checkOut')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => checkOut.mutate(undefined)}
          />
        ) : null}
        {lender && reservation.status === 'checked_out' ? (
          <ConfirmDialog
            triggerLabel={t('network.equipment.giveBack')}
            triggerVariant="primary"
            title={t('network.equipment.giveBack.title')}
            sentence={t('network.equipment.giveBack.sentence', { name: itemName })}
            confirmLabel={t('network.equipment.giveBack')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => giveBack.mutate(undefined)}
          />
        ) : null}
        {reservation.status === 'requested' || reservation.status === 'accepted' ? (
          <ConfirmDialog
            triggerLabel={t('network.equipment.cancel')}
            title={t('network.equipment.cancel.title')}
            sentence={t('network.equipment.cancel.sentence', { name: itemName, range })}
            confirmLabel={t('network.equipment.cancel')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => cancel.mutate(undefined)}
          />
        ) : null}
      </div>
      {failed ? <Notice tone="error">{errorText(failed, language, t)}</Notice> : null}
    </li>
  );
}

/** The reservations of one item as a list by week: the calendar a screen reader can read. */
function ItemCalendar({
  title,
  reservations,
  siteId,
  siteNames,
}: {
  title: string;
  reservations: readonly EquipmentReservationDto[];
  siteId: string;
  siteNames: Map<string, string>;
}) {
  const t = useT();
  const weeks = byWeek(reservations, localDay);
  return (
    <div className="network-calendar">
      <h3 className="network-subform__title">{title}</h3>
      {weeks.map((week) => (
        <div key={week.monday}>
          <h4 className="network-week">{t('network.equipment.week', { date: frenchShortDate(week.monday) })}</h4>
          <ul className="network-offers">
            {week.items.map((reservation) => (
              <ReservationLine
                key={reservation.id}
                reservation={reservation}
                siteId={siteId}
                itemName={reservation.equipmentName}
                otherSite={siteNames.get(reservation.ownerSiteId === siteId ? reservation.borrowerSiteId : reservation.ownerSiteId) ?? t('network.equipment.otherSite')}
              />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function groupByItem(reservations: readonly EquipmentReservationDto[]): Map<string, EquipmentReservationDto[]> {
  const groups = new Map<string, EquipmentReservationDto[]>();
  for (const reservation of reservations) groups.set(reservation.equipmentId, [...(groups.get(reservation.equipmentId) ?? []), reservation]);
  return groups;
}

/** `/reseau/materiel`: my site's equipment and its reservations, the region's equipment to borrow, my site's requests. */
export function EquipmentScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { siteId, siteName, mayAct } = useNetworkRole();
  const own = useQuery({ queryKey: ['equipment', siteId, 'own'], queryFn: () => unwrap(equipmentControllerListOwn({ path: { siteId } })) });
  const region = useQuery({ queryKey: ['equipment', 'region'], queryFn: () => unwrap(equipmentControllerList({ query: { limit: 100 } })) });
  const reservations = useQuery({
    queryKey: ['equipment', siteId, 'reservations'],
    queryFn: () => unwrap(equipmentControllerReservations({ path: { siteId }, query: { limit: 100 } })),
    enabled: mayAct,
  });
  const withdraw = useEquipmentAction((equipmentId: string) => unwrap(equipmentControllerWithdraw({ path: { siteId, equipmentId } })));
  // A reservation names sites by id: their names from the directory, the reciprocity board (every
  // site of the region, published or not) and the lenders of the region's items.
  const directory = useQuery({ queryKey: ['network-sites', siteId, ''], queryFn: () => unwrap(networkDirectoryControllerList({ query: { limit: 100 } })) });
  const board = useQuery({ queryKey: ['reciprocity', 'board'], queryFn: () => unwrap(reciprocityControllerBoard({ query: { limit: 1 } })) });
  const siteNames = new Map<string, string>([[siteId, siteName]]);
  for (const site of directory.data?.items ?? []) siteNames.set(site.siteId, site.name);
  for (const balance of board.data?.balances ?? []) siteNames.set(balance.siteId, balance.name);
  for (const item of region.data?.items ?? []) siteNames.set(item.siteId, item.siteName);
  const all = reservations.data?.items ?? [];
  const byItem = groupByItem(all.filter((reservation) => reservation.ownerSiteId === siteId));
  const mine = groupByItem(all.filter((reservation) => reservation.borrowerSiteId === siteId));
  return (
    <NetworkPage title={t('network.equipment.title')}>
      <p>{t('network.equipment.intro')}</p>
      <Section title={t('network.equipment.own', { site: siteName })}>
        <QueryState query={own}>
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState>{mayAct ? t('network.equipment.own.empty') : t('network.equipment.own.emptyRead')}</EmptyState>
            ) : (
              <ul className="cards">
                {page.items.map((item) => (
                  <li key={item.id} className="card">
                    <h3 className="card__title">{item.name}</h3>
                    <p className="card__meta">
                      {t(`network.equipment.itemStatus.${item.status}`)}
                      {item.deposit ? ` · ${t('network.equipment.deposit', { amount: frenchAmount(item.deposit) })}` : ''}
                      {valueText(item, t) ? ` · ${valueText(item, t)}` : ''}
                    </p>
                    <p>{item.description}</p>
                    {mayAct && byItem.get(item.id) ? (
                      <ItemCalendar title={t('network.equipment.calendar', { name: item.name })} reservations={byItem.get(item.id)!} siteId={siteId} siteNames={siteNames} />
                    ) : mayAct ? (
                      <p className="hint">{t('network.equipment.noReservation')}</p>
                    ) : null}
                    {mayAct && item.status === 'available' ? (
                      <div className="actions">
                        <ConfirmDialog
                          triggerLabel={t('network.equipment.withdraw', { name: item.name })}
                          title={t('network.equipment.withdraw.title')}
                          sentence={t('network.equipment.withdraw.sentence', { name: item.name })}
                          confirmLabel={t('network.equipment.withdraw.confirm')}
                          cancelLabel={t('network.cancel')}
                          onConfirm={() => withdraw.mutate(item.id)}
                        />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
        {withdraw.isError ? <Notice tone="error">{errorText(withdraw.error, language, t)}</Notice> : null}
        {mayAct ? (
          <>
            <h3 className="network-subform__title">{t('network.equipment.addTitle')}</h3>
            <AddEquipment siteId={siteId} />
          </>
        ) : null}
      </Section>
      {mayAct && mine.size > 0 ? (
        <Section title={t('network.equipment.myRequests')}>
          {[...mine.entries()].map(([equipmentId, list]) => (
            <ItemCalendar key={equipmentId} title={list[0].equipmentName} reservations={list} siteId={siteId} siteNames={siteNames} />
          ))}
        </Section>
      ) : null}
      <Section title={t('network.equipment.region')}>
        <QueryState query={region}>
          {(page) => {
            const others = page.items.filter((item) => item.siteId !== siteId);
            return others.length === 0 ? (
              <EmptyState>{t('network.equipment.region.empty')}</EmptyState>
            ) : (
              <ul className="cards">
                {others.map((item) => (
                  <li key={item.id} className="card">
                    <h3 className="card__title">{item.name}</h3>
                    <p className="card__meta">
                      {t('network.equipment.lentBy', { site: item.siteName })}
                      {item.deposit ? ` · ${t('network.equipment.deposit', { amount: frenchAmount(item.deposit) })}` : ''}
                      {valueText(item, t) ? ` · ${valueText(item, t)}` : ''}
                    </p>
                    <p>{item.description}</p>
                    {item.prerequisite ? <p>{t('network.equipment.prerequisite', { what: item.prerequisite })}</p> : null}
                    {item.maxDurationHours ? <p>{t('network.equipment.maxDuration', { hours: item.maxDurationHours })}</p> : null}
                    {mayAct ? <ReserveForm item={item} siteId={siteId} /> : null}
                  </li>
                ))}
              </ul>
            );
          }}
        </QueryState>
      </Section>
    </NetworkPage>
  );
}
