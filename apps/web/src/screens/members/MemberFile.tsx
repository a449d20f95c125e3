import { useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  capeContractsControllerListOfMember,
  capeContractsControllerRenew,
  capeContractsControllerSign,
  capeContractsControllerTerminate,
  interviewsControllerList,
  membersControllerGet,
  membersControllerJourney,
} from '../../api/generated/sdk.gen';
import type { CapeContractDto, MemberDto } from '../../api/generated/types.gen';
import { ApiError, unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { errorText } from '../../ui/error-text';
import { GuardianConsentForm } from './GuardianConsent';
import { MemberPrivacy } from './MemberPrivacy';
import { ageOn, capeBody, capeProblems, isIsoDate, lastDayAfterMonths, localDay, needsGuardian, type CapeDraft } from './member-rules';
import { isCoordination } from './member-routes';
import { fieldMessage } from './problem-text';
import { ROUTES } from '../../routes';
import { SkillsBooklet } from './SkillsBooklet';
import './members.css';

type Translate = ReturnType<typeof useT>;
const GUARDIAN_MISSING = 'CAPE_GUARDIAN_CONSENT_MISSING';

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term} className="facts__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Profile({ siteId, member, t }: { siteId: string; member: MemberDto; t: Translate }) {
  const today = localDay();
  const rows: [string, string][] = [[t('members.field.name'), `${member.firstName} ${member.lastName}`]];
  if (member.birthDate) rows.push([t('members.field.birthDate'), t('members.age', { date: frenchShortDate(member.birthDate), age: ageOn(member.birthDate, today) })]);
  if (member.situation) rows.push([t('members.field.situation'), t(`members.situation.${member.situation}`)]);
  if (member.joinedOn) rows.push([t('members.column.joined'), frenchShortDate(member.joinedOn)]);
  rows.push([t('members.column.status'), member.leftOn ? t('members.leftOn', { date: frenchShortDate(member.leftOn) }) : t('members.active')]);
  if (member.skills?.length) rows.push([t('members.skills'), member.skills.map((skill) => skill.name).join(', ')]);
  if (member.passions?.length) rows.push([t('members.passions'), member.passions.join(', ')]);
  return (
    <>
      <Facts rows={rows} />
      {/* An adult with no guardian recorded has nothing to do here: no section saying so. */}
      {member.guardian || needsGuardian(member.birthDate, today) ? (
        <Section title={t('members.guardian.title')}>
          {member.guardian ? (
            <Notice tone="success">
              {t('members.guardian.recorded', { name: member.guardian.name, relationship: member.guardian.relationship, date: frenchShortDate(member.guardian.consentedOn) })}
            </Notice>
          ) : needsGuardian(member.birthDate, today) ? (
            <>
              <div className="members-explain">
                <p>{t('members.guardian.why')}</p>
                <p>{t('members.guardian.missing')}</p>
              </div>
              <GuardianConsentForm siteId={siteId} memberId={member.id} />
            </>
          ) : null}
        </Section>
      ) : null}
      <MemberPrivacy siteId={siteId} member={member} />
    </>
  );
}

function useCapeMutation<T>(siteId: string, memberId: string, call: (value: T) => Promise<CapeContractDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['member-cape', siteId, memberId] });
      void queryClient.invalidateQueries({ queryKey: ['cape-contracts', siteId] });
      void queryClient.invalidateQueries({ queryKey: ['journey', siteId, memberId] });
    },
  });
}

function SignCape({ siteId, member, t }: { siteId: string; member: MemberDto; t: Translate }) {
  const { language } = usePreferences();
  const today = localDay();
  const [draft, setDraft] = useState<CapeDraft>({ activity: '', startsOn: today, endsOn: lastDayAfterMonths(today, 6) });
  const [checked, setChecked] = useState(false);
  const [consentJustRecorded, setConsentJustRecorded] = useState(false);
  const sign = useCapeMutation(siteId, member.id, () => unwrap(capeContractsControllerSign({ path: { siteId, memberId: member.id }, body: capeBody(draft) })));
  const problems = checked ? capeProblems(draft) : {};
  const apiError = sign.error instanceof ApiError ? sign.error : null;
  const apiText = sign.isError ? errorText(sign.error, language, t) : '';
  const message = (field: string) => fieldMessage(field, problems, apiError, apiText, t);
  const consentMissing = apiError?.code === GUARDIAN_MISSING && !member.guardian;

  return (
    <Section title={t('members.cape.sign.title')}>
      <p>{t('members.cape.sign.intro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          setConsentJustRecorded(false);
          if (Object.keys(capeProblems(draft)).length === 0) sign.mutate(undefined);
        }}
      >
        <TextField
          label={t('members.cape.activity')}
          description={t('members.cape.activity.help')}
          value={draft.activity}
          onChange={(activity) => setDraft({ ...draft, activity })}
          errorMessage={message('activity')}
          isRequired
        />
        <TextField
          label={t('members.cape.startsOn')}
          type="date"
          value={draft.startsOn}
          onChange={(startsOn) => setDraft({ ...draft, startsOn })}
          errorMessage={message('startsOn')}
          isRequired
        />
        <TextField
          label={t('members.cape.endsOn')}
          description={t('members.cape.endsOn.help')}
          type="date"
          value={draft.endsOn}
          onChange={(endsOn) => setDraft({ ...draft, endsOn })}
          errorMessage={message('endsOn')}
          isRequired
        />
        {sign.isError && !consentMissing && !(apiError?.field && ['activity', 'startsOn', 'endsOn'].includes(apiError.field)) ? <Notice tone="error">{apiText}</Notice> : null}
        {consentJustRecorded ? <Notice tone="success">{t('members.guardian.nowSign')}</Notice> : null}
        <Button type="submit" icon="check" isPending={sign.isPending}>
          {t('members.cape.sign')}
        </Button>
      </form>
      {consentMissing ? (
        <div className="members-consent">
          <Notice tone="error" title={t('members.cape.refused')}>
            <p>{apiText}</p>
            <p>{t('members.guardian.how')}</p>
          </Notice>
          <GuardianConsentForm
            siteId={siteId}
            memberId={member.id}
            onRecorded={() => {
              sign.reset();
              setConsentJustRecorded(true);
            }}
          />
        </div>
      ) : null}
    </Section>
  );
}

function RenewCape({ siteId, contract, t }: { siteId: string; contract: CapeContractDto; t: Translate }) {
  const { language } = usePreferences();
  const [endsOn, setEndsOn] = useState(lastDayAfterMonths(contract.endsOn, 6));
  const renew = useCapeMutation(siteId, contract.memberId, () => unwrap(capeContractsControllerRenew({ path: { siteId, contractId: contract.id }, body: { endsOn } })));
  const local = endsOn && !isIsoDate(endsOn) ? t('members.error.date') : undefined;
  return (
    <form
      className="form"
      noValidate
      aria-label={t('members.cape.renew')}
      onSubmit={(event) => {
        event.preventDefault();
        if (isIsoDate(endsOn)) renew.mutate(undefined);
      }}
    >
      <TextField
        label={t('members.cape.renew.endsOn')}
        description={t('members.cape.renew.help', { renewals: contract.renewals })}
        type="date"
        value={endsOn}
        onChange={setEndsOn}
        errorMessage={local ?? (renew.isError ? errorText(renew.error, language, t) : undefined)}
      />
      {renew.isSuccess ? <Notice tone="success">{t('members.cape.renewed', { date: frenchShortDate(renew.data.endsOn) })}</Notice> : null}
      <Button type="submit" variant="secondary" icon="retry" isPending={renew.isPending}>
        {t('members.cape.renew')}
      </Button>
    </form>
  );
}

function TerminateCape({ siteId, contract, t }: { siteId: string; contract: CapeContractDto; t: Translate }) {
  const { language } = usePreferences();
  const [on, setOn] = useState(localDay());
  const [reason, setReason] = useState('');
  const terminate = useCapeMutation(siteId, contract.memberId, () =>
    unwrap(capeContractsControllerTerminate({ path: { siteId, contractId: contract.id }, body: { on, reason: reason.trim() } })),
  );
  const apiError = terminate.error instanceof ApiError ? terminate.error : null;
  const apiText = terminate.isError ? errorText(terminate.error, language, t) : '';
  const reasonLength = reason.trim().length;
  const reasonProblem = reason && (reasonLength < 3 || reasonLength > 500) ? t('members.error.length', { min: 3, max: 500 }) : undefined;
  const ready = isIsoDate(on) && reasonLength >= 3 && reasonLength <= 500;
  return (
    <div className="form">
      <TextField label={t('members.cape.terminate.on')} type="date" value={on} onChange={setOn} errorMessage={apiError?.field === 'on' ? apiText : undefined} />
      <TextField
        label={t('members.cape.terminate.reason')}
        description={t('members.cape.terminate.reason.help')}
        value={reason}
        onChange={setReason}
        errorMessage={reasonProblem ?? (apiError?.field === 'reason' ? apiText : undefined)}
      />
      {terminate.isError && apiError?.field !== 'on' && apiError?.field !== 'reason' ? <Notice tone="error">{apiText}</Notice> : null}
      {ready ? (
        <ConfirmDialog
          triggerLabel={t('members.cape.terminate')}
          triggerVariant="danger"
          icon="door"
          title={t('members.cape.terminate.title')}
          sentence={t('members.cape.terminate.sentence', { date: isIsoDate(on) ? frenchShortDate(on) : on })}
          confirmLabel={t('members.cape.terminate.confirm')}
          cancelLabel={t('members.cancel')}
          onConfirm={() => terminate.mutate(undefined)}
        />
      ) : (
        <p className="field__description">{t('members.cape.terminate.needs')}</p>
      )}
    </div>
  );
}

function CapeContracts({ siteId, member, t }: { siteId: string; member: MemberDto; t: Translate }) {
  const query = useQuery({
    queryKey: ['member-cape', siteId, member.id],
    queryFn: () => unwrap(capeContractsControllerListOfMember({ path: { siteId, memberId: member.id }, query: { limit: 100 } })),
  });
  return (
    <QueryState query={query}>
      {(page) => {
        const running = page.items.find((contract) => contract.status === 'active' || contract.status === 'upcoming');
        return (
          <>
            {page.items.length === 0 ? <EmptyState>{t('members.cape.empty')}</EmptyState> : null}
            <ul className="cards">
              {page.items.map((contract) => (
                <li key={contract.id} className="card">
                  <p className="members-card__title">
                    {contract.activity} <span className="badge">{t(`members.cape.status.${contract.status}`)}</span>
                  </p>
                  <p>
                    {t('members.cape.dates', { from: frenchShortDate(contract.startsOn), to: frenchShortDate(contract.terminatedOn ?? contract.endsOn) })}
                    {contract.renewals > 0 ? ` ${t('members.cape.renewals', { count: contract.renewals })}` : ''}
                  </p>
                  {contract.terminationReason ? <p>{t('members.cape.terminatedBecause', { reason: contract.terminationReason })}</p> : null}
                  {contract === running ? (
                    <div className="members-cape-actions">
                      <RenewCape siteId={siteId} contract={contract} t={t} />
                      <TerminateCape siteId={siteId} contract={contract} t={t} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
            {running || member.leftOn ? null : <SignCape siteId={siteId} member={member} t={t} />}
          </>
        );
      }}
    </QueryState>
  );
}

function Journey({ siteId, memberId, t }: { siteId: string; memberId: string; t: Translate }) {
  const query = useQuery({ queryKey: ['journey', siteId, memberId], queryFn: () => unwrap(membersControllerJourney({ path: { siteId, memberId } })) });
  return (
    <QueryState query={query}>
      {(journey) => (
        <>
          <Facts
            rows={[
              [t('members.journey.stage'), t(`stage.${journey.stage}`)],
              [t('members.journey.since'), frenchShortDate(journey.joinedOn)],
              [t('members.journey.nextPath'), journey.nextPath ? t(`members.nextPath.${journey.nextPath}`) : t('members.nextPath.none')],
            ]}
          />
          {journey.overridden ? <Notice>{t('members.journey.overridden', { stage: t(`stage.${journey.computedStage}`), reason: journey.overrideReason ?? '' })}</Notice> : null}
          <Section title={t('members.journey.due')}>
            {journey.due.length === 0 ? (
              <EmptyState>{t('members.journey.nothingDue')}</EmptyState>
            ) : (
              <ul className="todo-list">
                {journey.due.map((due) => (
                  <li key={due.kind} className="todo">
                    {t('members.journey.dueOn', { what: t(`members.due.${due.kind}`), date: frenchShortDate(due.dueOn) })}
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </>
      )}
    </QueryState>
  );
}

function Interviews({ siteId, memberId, t }: { siteId: string; memberId: string; t: Translate }) {
  const query = useQuery({ queryKey: ['interviews', siteId, memberId], queryFn: () => unwrap(interviewsControllerList({ path: { siteId, memberId }, query: { limit: 100 } })) });
  return (
    <QueryState query={query}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{t('members.interviews.empty')}</EmptyState>
        ) : (
          <ul className="cards">
            {page.items.map((interview) => (
              <li key={interview.id} className={interview.private ? 'card members-private' : 'card'}>
                <p className="members-card__title">
                  {t(`members.interview.kind.${interview.kind}`)} <span className="badge">{t(`members.interview.status.${interview.status}`)}</span>
                </p>
                <p>{frenchShortDate((interview.heldAt ?? interview.scheduledAt).slice(0, 10))}</p>
                {interview.private ? (
                  <p className="members-private__label">
                    <strong>{t('members.interview.private')}</strong> {t('members.interview.private.who')}
                  </p>
                ) : null}
                {interview.notes ? <p className="members-notes">{interview.notes}</p> : null}
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}

/** A member's file: profile (with the guardian's consent), CAPE contracts, journey, interviews, skills booklet — one tab each. */
export function MemberFileScreen({ id }: { id: string }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const member = useQuery({ queryKey: ['member', siteId, id], queryFn: () => unwrap(membersControllerGet({ path: { siteId, memberId: id } })), enabled: Boolean(site) });
  if (!site) return null;
  if (!isCoordination(site.role)) {
    return (
      <Page title={t('members.file.title')}>
        <Notice>{t('members.coordinatorsOnly')}</Notice>
      </Page>
    );
  }
  const title = member.data ? `${member.data.firstName} ${member.data.lastName}` : t('members.file.title');
  return (
    <Page title={title}>
      <QueryState query={member}>
        {(data) => (
          <Tabs className="tabs">
            <TabList aria-label={t('members.file.tabs')} className="tabs__list">
              <Tab id="profile" className="tabs__tab">
                {t('members.tab.profile')}
              </Tab>
              <Tab id="cape" className="tabs__tab">
                {t('members.tab.cape')}
              </Tab>
              <Tab id="journey" className="tabs__tab">
                {t('members.tab.journey')}
              </Tab>
              <Tab id="interviews" className="tabs__tab">
                {t('members.tab.interviews')}
              </Tab>
              <Tab id="skills" className="tabs__tab">
                {t('members.tab.skills')}
              </Tab>
            </TabList>
            <TabPanel id="profile" className="tabs__panel">
              <Profile siteId={siteId} member={data} t={t} />
            </TabPanel>
            <TabPanel id="cape" className="tabs__panel">
              <CapeContracts siteId={siteId} member={data} t={t} />
            </TabPanel>
            <TabPanel id="journey" className="tabs__panel">
              <Journey siteId={siteId} memberId={data.id} t={t} />
            </TabPanel>
            <TabPanel id="interviews" className="tabs__panel">
              <Interviews siteId={siteId} memberId={data.id} t={t} />
            </TabPanel>
            <TabPanel id="skills" className="tabs__panel">
              <SkillsBooklet siteId={siteId} member={data} />
            </TabPanel>
          </Tabs>
        )}
      </QueryState>
      <div className="actions">
        <ButtonLink href={ROUTES.members} icon="list">
          {t('members.backToList')}
        </ButtonLink>
      </div>
    </Page>
  );
}
