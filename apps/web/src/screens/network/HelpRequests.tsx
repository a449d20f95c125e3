import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Label, Radio, RadioGroup } from 'react-aria-components';
import {
  helpRequestsControllerAccept,
  helpRequestsControllerConfirm,
  helpRequestsControllerCreate,
  helpRequestsControllerDecline,
  helpRequestsControllerDone,
  helpRequestsControllerList,
  helpRequestsControllerOffer,
} from '../../api/generated/sdk.gen';
import type { CreateHelpRequestDto, HelpOfferDto, HelpRequestDto, MakeOfferDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchAmount, frenchNumber, frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { NetworkPage, TextAreaField, useNetworkRole } from './NetworkPage';
import { helpProblems, localDay, parseHours, wordsOf, type HelpDraft, type HelpProblem } from './network-rules';

const HELP_KEY = ['help-requests'] as const;

function useHelpAction<T>(action: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: HELP_KEY });
      void queryClient.invalidateQueries({ queryKey: ['reciprocity'] });
    },
  });
}

const EMPTY: HelpDraft = { title: '', skills: '', startsOn: '', endsOn: '', place: '', peopleNeeded: '', hoursNeeded: '', returnKind: 'reciprocity', amountPerHour: '' };

/** Ask the network for a hand: what, when, where, how many, and what the site gives back. */
function CreateHelpRequest({ siteId, onCreated }: { siteId: string; onCreated(title: string): void }) {
  const t = useT();
  const { language } = usePreferences();
  const today = localDay(new Date().toISOString());
  const [draft, setDraft] = useState<HelpDraft>({ ...EMPTY, startsOn: today, endsOn: today });
  const [description, setDescription] = useState('');
  const [checked, setChecked] = useState(false);
  const set = (change: Partial<HelpDraft>) => setDraft({ ...draft, ...change });
  const create = useHelpAction(() =>
    unwrap(
      helpRequestsControllerCreate({
        path: { siteId },
        body: {
          title: draft.title.trim(),
          description: description.trim() || null,
          skills: wordsOf(draft.skills),
          startsOn: draft.startsOn,
          endsOn: draft.endsOn,
          place: draft.place.trim(),
          peopleNeeded: draft.peopleNeeded.trim() ? Number(draft.peopleNeeded) : null,
          hoursNeeded: draft.hoursNeeded.trim() ? parseHours(draft.hoursNeeded) : null,
          returnKind: draft.returnKind,
          amountPerHour: draft.returnKind === 'paid' ? draft.amountPerHour.trim().replace(',', '.') : null,
          visibility: 'region',
          // The generated type reads the optional nullable fields as objects: the API takes these strings and numbers.
        } as unknown as CreateHelpRequestDto,
      }),
    ),
  );
  const problems = checked ? helpProblems(draft, today) : {};
  const problem = (name: HelpProblem) => (problems[name] ? t(`network.help.problem.${name}`) : undefined);
  const apiField = create.error instanceof ApiError ? create.error.field : null;
  const apiMessage = create.isError ? errorText(create.error, language, t) : undefined;
  const fieldError = (name: HelpProblem | 'description') => problem(name as HelpProblem) ?? (apiField === name ? apiMessage : undefined);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (Object.keys(helpProblems(draft, today)).length > 0) return;
        create.mutate(undefined, {
          onSuccess: () => {
            onCreated(draft.title.trim());
            setDraft({ ...EMPTY, startsOn: today, endsOn: today });
            setDescription('');
            setChecked(false);
          },
        });
      }}
    >
      <TextField label={t('network.help.field.title')} value={draft.title} onChange={(title) => set({ title })} errorMessage={fieldError('title')} />
      <TextAreaField label={t('network.help.field.description')} value={description} onChange={setDescription} rows={3} errorMessage={fieldError('description')} />
      <TextField
        label={t('network.help.field.skills')}
        description={t('network.help.field.skillsHelp')}
        value={draft.skills}
        onChange={(skills) => set({ skills })}
        errorMessage={fieldError('skills')}
      />
      <div className="network-pair">
        <TextField label={t('network.help.field.startsOn')} type="date" value={draft.startsOn} onChange={(startsOn) => set({ startsOn })} errorMessage={fieldError('startsOn')} />
        <TextField label={t('network.help.field.endsOn')} type="date" value={draft.endsOn} onChange={(endsOn) => set({ endsOn })} errorMessage={fieldError('endsOn')} />
      </div>
      <TextField label={t('network.help.field.place')} value={draft.place} onChange={(place) => set({ place })} errorMessage={fieldError('place')} />
      <div className="network-pair">
        <TextField
          label={t('network.help.field.peopleNeeded')}
          inputMode="numeric"
          value={draft.peopleNeeded}
          onChange={(peopleNeeded) => set({ peopleNeeded })}
          errorMessage={fieldError('peopleNeeded') ?? problem('need')}
        />
        <TextField
          label={t('network.help.field.hoursNeeded')}
          inputMode="decimal"
          value={draft.hoursNeeded}
          onChange={(hoursNeeded) => set({ hoursNeeded })}
          errorMessage={fieldError('hoursNeeded')}
        />
      </div>
      <RadioGroup className="field network-choices" value={draft.returnKind} onChange={(value) => set({ returnKind: value as HelpDraft['returnKind'] })}>
        <Label className="field__label">{t('network.help.field.return')}</Label>
        <Radio value="reciprocity" className="network-choice">
          {t('network.help.return.reciprocity')}
        </Radio>
        <Radio value="paid" className="network-choice">
          {t('network.help.return.paid')}
        </Radio>
      </RadioGroup>
      {draft.returnKind === 'paid' ? (
        <TextField
          label={t('network.help.field.amountPerHour')}
          inputMode="decimal"
          value={draft.amountPerHour}
          onChange={(amountPerHour) => set({ amountPerHour })}
          errorMessage={fieldError('amountPerHour')}
        />
      ) : null}
      {create.isError && !apiField ? <Notice tone="error">{apiMessage}</Notice> : null}
      <div className="actions">
        <Button type="submit" icon="check" isPending={create.isPending}>
          {t('network.help.create.submit')}
        </Button>
      </div>
    </form>
  );
}

/** Another site offers people or hours on a request. */
function OfferForm({ request, siteId }: { request: HelpRequestDto; siteId: string }) {
  const t = useT();
  const { language } = usePreferences();
  const [hours, setHours] = useState('');
  const [people, setPeople] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const offer = useHelpAction(() =>
    unwrap(
      helpRequestsControllerOffer({
        path: { requestId: request.id },
        body: {
          fromSiteId: siteId,
          hours: parseHours(hours) ?? '',
          people: wordsOf(people).map((firstName) => ({ firstName })),
          note: note.trim() || null,
        } as unknown as MakeOfferDto,
      }),
    ),
  );
  const hoursProblem = checked && parseHours(hours) === null ? t('network.help.problem.hours') : undefined;
  const apiField = offer.error instanceof ApiError ? offer.error.field : null;
  return (
    <form
      className="form network-subform"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (parseHours(hours) !== null) offer.mutate(undefined);
      }}
    >
      <h4 className="network-subform__title">{t('network.help.offer.title')}</h4>
      <TextField
        label={t('network.help.offer.hours')}
        inputMode="decimal"
        value={hours}
        onChange={setHours}
        errorMessage={hoursProblem ?? (apiField === 'hours' ? errorText(offer.error, language, t) : undefined)}
      />
      <TextField label={t('network.help.offer.people')} description={t('network.help.offer.peopleHelp')} value={people} onChange={setPeople} />
      <TextField label={t('network.help.offer.note')} value={note} onChange={setNote} />
      {offer.isError && apiField !== 'hours' ? <Notice tone="error">{errorText(offer.error, language, t)}</Notice> : null}
      <div className="actions">
        <Button type="submit" icon="check" isPending={offer.isPending}>
          {t('network.help.offer.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The requesting site answers an offer: accept or decline, each in words. */
function OfferLine({ request, offer, mine }: { request: HelpRequestDto; offer: HelpOfferDto; mine: boolean }) {
  const t = useT();
  const { language } = usePreferences();
  const accept = useHelpAction(() => unwrap(helpRequestsControllerAccept({ path: { requestId: request.id, offerId: offer.id } })));
  const decline = useHelpAction(() => unwrap(helpRequestsControllerDecline({ path: { requestId: request.id, offerId: offer.id }, body: {} })));
  const names = offer.people.map((person) => person.firstName).join(', ');
  const failed = accept.error ?? decline.error;
  return (
    <li className="network-offer">
      <p>
        <strong>{offer.fromSiteName}</strong> · {t('network.help.hours', { hours: frenchNumber(offer.hours) })}
        {names ? ` · ${names}` : ''} · {t(`network.offer.status.${offer.status}`)}
      </p>
      {offer.note ? <p className="card__meta">{offer.note}</p> : null}
      {mine && offer.status === 'pending' ? (
        <div className="actions">
          <ConfirmDialog
            triggerLabel={t('network.help.accept', { site: offer.fromSiteName })}
            triggerVariant="primary"
            icon="check"
            title={t('network.help.accept.title')}
            sentence={t('network.help.accept.sentence', { site: offer.fromSiteName, hours: frenchNumber(offer.hours) })}
            confirmLabel={t('network.help.accept.confirm')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => accept.mutate(undefined)}
          />
          <ConfirmDialog
            triggerLabel={t('network.help.decline', { site: offer.fromSiteName })}
            title={t('network.help.decline.title')}
            sentence={t('network.help.decline.sentence', { site: offer.fromSiteName })}
            confirmLabel={t('network.help.decline.confirm')}
            cancelLabel={t('network.cancel')}
            onConfirm={() => decline.mutate(undefined)}
          />
        </div>
      ) : null}
      {failed ? <Notice tone="error">{errorText(failed, language, t)}</Notice> : null}
    </li>
  );
}

/** The requesting site records the hours each accepted site gave (then each helper confirms). */
function DoneForm({ request }: { request: HelpRequestDto }) {
  const t = useT();
  const { language } = usePreferences();
  const accepted = request.offers.filter((offer) => offer.status === 'accepted');
  const [hours, setHours] = useState<Record<string, string>>(() => Object.fromEntries(accepted.map((offer) => [offer.fromSiteId, frenchNumber(offer.hours)])));
  const [checked, setChecked] = useState(false);
  const done = useHelpAction(() =>
    unwrap(
      helpRequestsControllerDone({
        path: { requestId: request.id },
        body: { hours: accepted.map((offer) => ({ siteId: offer.fromSiteId, hours: parseHours(hours[offer.fromSiteId] ?? '') ?? '' })) },
      }),
    ),
  );
  const valid = accepted.every((offer) => parseHours(hours[offer.fromSiteId] ?? '') !== null);
  const summary = accepted.map((offer) => t('network.help.done.part', { site: offer.fromSiteName, hours: hours[offer.fromSiteId] ?? '' })).join(', ');
  return (
    <div className="form network-subform">
      <h4 className="network-subform__title">{t('network.help.done.title')}</h4>
      {accepted.map((offer) => (
        <TextField
          key={offer.fromSiteId}
          label={t('network.help.done.hoursOf', { site: offer.fromSiteName })}
          inputMode="decimal"
          value={hours[offer.fromSiteId] ?? ''}
          onChange={(value) => setHours({ ...hours, [offer.fromSiteId]: value })}
          errorMessage={checked && parseHours(hours[offer.fromSiteId] ?? '') === null ? t('network.help.problem.hours') : undefined}
        />
      ))}
      {done.isError ? <Notice tone="error">{errorText(done.error, language, t)}</Notice> : null}
      <div className="actions">
        <ConfirmDialog
          triggerLabel={t('network.help.done.submit')}
          triggerVariant="primary"
          icon="check"
          title={t('network.help.done.confirmTitle')}
          sentence={t('network.help.done.sentence', { summary })}
          confirmLabel={t('network.help.done.confirm')}
          cancelLabel={t('network.cancel')}
          onConfirm={() => {
            setChecked(true);
            if (valid) done.mutate(undefined);
          }}
        />
      </div>
    </div>
  );
}

/** A helping site confirms the hours recorded for it (or the requester confirms a helper's correction). */
function ConfirmHours({ request, siteId, helperSiteId, hours, siteName }: { request: HelpRequestDto; siteId: string; helperSiteId: string; hours: string; siteName: string }) {
  const t = useT();
  const { language } = usePreferences();
  const confirm = useHelpAction(() => unwrap(helpRequestsControllerConfirm({ path: { requestId: request.id }, body: { siteId: helperSiteId } })));
  const asHelper = helperSiteId === siteId;
  return (
    <div className="actions">
      <ConfirmDialog
        triggerLabel={t('network.help.confirm', { hours: frenchNumber(hours) })}
        triggerVariant="primary"
        icon="check"
        title={t('network.help.confirm.title')}
        sentence={
          asHelper
            ? t('network.help.confirm.sentenceHelper', { hours: frenchNumber(hours), site: request.siteName })
            : t('network.help.confirm.sentenceRequester', { hours: frenchNumber(hours), site: siteName })
        }
        confirmLabel={t('network.help.confirm.confirm')}
        cancelLabel={t('network.cancel')}
        onConfirm={() => confirm.mutate(undefined)}
      />
      {confirm.isError ? <Notice tone="error">{errorText(confirm.error, language, t)}</Notice> : null}
    </div>
  );
}

function RequestCard({ request, siteId, mayAct }: { request: HelpRequestDto; siteId: string; mayAct: boolean }) {
  const t = useT();
  const mine = request.siteId === siteId;
  const myOffer = request.offers.find((offer) => offer.fromSiteId === siteId && offer.status === 'pending');
  const canOffer = !mine && mayAct && !myOffer && ['open', 'offers', 'accepted'].includes(request.status);
  const need = [
    request.peopleNeeded ? t('network.help.people', { count: request.peopleNeeded }) : null,
    request.hoursNeeded ? t('network.help.hours', { hours: frenchNumber(request.hoursNeeded) }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="card">
      <h3 className="card__title">{request.title}</h3>
      <p className="card__meta">
        {t('network.help.by', { site: request.siteName })} · <span className="badge">{t(`network.help.status.${request.status}`)}</span>
      </p>
      <p>
        {request.startsOn === request.endsOn
          ? t('network.help.on', { date: frenchShortDate(request.startsOn), place: request.place })
          : t('network.help.between', { from: frenchShortDate(request.startsOn), to: frenchShortDate(request.endsOn), place: request.place })}
      </p>
      {need ? <p>{t('network.help.need', { need })}</p> : null}
      {request.skills.length > 0 ? <p>{t('network.help.skills', { skills: request.skills.join(', ') })}</p> : null}
      <p>{request.returnKind === 'paid' && request.amountPerHour ? t('network.help.paid', { amount: frenchAmount(request.amountPerHour) }) : t('network.help.reciprocity')}</p>
      {request.description ? <p className="card__meta">{request.description}</p> : null}
      {request.offers.length > 0 ? (
        <>
          <h4 className="network-subform__title">{t('network.help.offers')}</h4>
          <ul className="network-offers">
            {request.offers.map((offer) => (
              <OfferLine key={offer.id} request={request} offer={offer} mine={mine && mayAct} />
            ))}
          </ul>
        </>
      ) : null}
      {request.contributions.length > 0 ? (
        <>
          <h4 className="network-subform__title">{t('network.help.given')}</h4>
          <ul className="network-offers">
            {request.contributions.map((contribution) => (
              <li key={contribution.siteId} className="network-offer">
                <p>
                  {t('network.help.contribution', { site: contribution.siteName, hours: frenchNumber(contribution.hours) })} ·{' '}
                  {t(`network.help.hoursStatus.${contribution.status}`)}
                  {contribution.amountDue ? ` · ${t('network.help.amountDue', { amount: frenchAmount(contribution.amountDue) })}` : ''}
                </p>
                {mayAct && contribution.status === 'awaiting_helper' && contribution.siteId === siteId ? (
                  <ConfirmHours request={request} siteId={siteId} helperSiteId={contribution.siteId} hours={contribution.hours} siteName={contribution.siteName} />
                ) : null}
                {mayAct && mine && contribution.status === 'awaiting_requester' ? (
                  <ConfirmHours
                    request={request}
                    siteId={siteId}
                    helperSiteId={contribution.siteId}
                    hours={contribution.proposedHours ?? contribution.hours}
                    siteName={contribution.siteName}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {mine && mayAct && request.status === 'accepted' ? <DoneForm request={request} /> : null}
      {myOffer ? <p className="hint">{t('network.help.offered')}</p> : null}
      {canOffer ? <OfferForm request={request} siteId={siteId} /> : null}
    </li>
  );
}

/** `/reseau/entraide`: the site's own help requests and the others' it may answer, and a form to ask. */
export function HelpRequestsScreen() {
  const t = useT();
  const { siteId, mayAct } = useNetworkRole();
  const [created, setCreated] = useState<string | null>(null);
  const requests = useQuery({
    queryKey: [...HELP_KEY, siteId],
    queryFn: () => unwrap(helpRequestsControllerList({ query: { limit: 100 } })),
  });
  return (
    <NetworkPage title={t('network.help.title')}>
      <p>{t('network.help.intro')}</p>
      <QueryState query={requests}>
        {(page) => {
          const mine = page.items.filter((request) => request.siteId === siteId);
          const others = page.items.filter((request) => request.siteId !== siteId);
          return (
            <>
              <Section title={t('network.help.mine')}>
                {mine.length === 0 ? (
                  <EmptyState>{mayAct ? t('network.help.mine.empty') : t('network.help.mine.emptyRead')}</EmptyState>
                ) : (
                  <ul className="cards">
                    {mine.map((request) => (
                      <RequestCard key={request.id} request={request} siteId={siteId} mayAct={mayAct} />
                    ))}
                  </ul>
                )}
              </Section>
              <Section title={t('network.help.others')}>
                {others.length === 0 ? (
                  <EmptyState>{t('network.help.others.empty')}</EmptyState>
                ) : (
                  <ul className="cards">
                    {others.map((request) => (
                      <RequestCard key={request.id} request={request} siteId={siteId} mayAct={mayAct} />
                    ))}
                  </ul>
                )}
              </Section>
            </>
          );
        }}
      </QueryState>
      {mayAct ? (
        <Section title={t('network.help.create.title')}>
          {created ? <Notice tone="success">{t('network.help.created', { title: created })}</Notice> : null}
          <CreateHelpRequest siteId={siteId} onCreated={setCreated} />
        </Section>
      ) : null}
    </NetworkPage>
  );
}
