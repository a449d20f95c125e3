import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { missionsControllerCancel, missionsControllerComplete, missionsControllerConfirmTeam, missionsControllerGet } from '../../api/generated/sdk.gen';
import type { MissionDto, MissionParticipantDto } from '../../api/generated/types.gen';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { unwrap } from '../../api/client';
import { frenchNumber, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { ROUTES } from '../../routes';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { MissionCard } from '../member/Missions';
import { useOwnMember } from '../member/own-member';
import { MissionDates } from './MissionBoard';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { completion, coordinates, sumHours } from './remuneration-rules';
import '../member/member.css';
import './remuneration.css';

function Facts({ mission }: { mission: MissionDto }) {
  const t = useT();
  return (
    <Section title={t('mission.facts')}>
      <ul className="pay-facts">
        <li>
          <strong>{t('mission.status', { status: t(`member.missions.status.${mission.status}`) })}</strong>
        </li>
        <li>
          <MissionDates mission={mission} />
        </li>
        {mission.place ? <li>{t('member.missions.place', { place: mission.place })}</li> : null}
        {mission.activityPole ? <li>{mission.activityPole}</li> : null}
        <li>{t('member.missions.people', { signedUp: mission.signUps.length, needed: mission.peopleNeeded })}</li>
        {mission.clientId ? null : <li>{t('mission.client.none')}</li>}
      </ul>
      {mission.description ? <p className="card__meta">{mission.description}</p> : null}
    </Section>
  );
}

/** Who signed up; while planned, the coordination confirms them as the team (confirmed in words). */
function SignUps({ mission, onChange }: { mission: MissionDto; onChange(): Promise<unknown> }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const confirm = useMutation({
    mutationFn: () => unwrap(missionsControllerConfirmTeam({ path: { siteId, missionId: mission.id }, body: {} })),
    onSuccess: onChange,
  });
  const people = mission.status === 'planned' ? mission.signUps : mission.team;
  return (
    <Section title={mission.status === 'planned' ? t('mission.signUps') : t('mission.team')}>
      {people.length === 0 ? (
        <EmptyState>{t('mission.signUps.empty')}</EmptyState>
      ) : (
        <ul className="member-list">
          {people.map((person) => (
            <li key={person.memberId}>
              <strong>{person.name}</strong> <span className="card__meta">{t('mission.signUps.since', { date: frenchShortDate(person.signedUpAt.slice(0, 10)) })}</span>
            </li>
          ))}
        </ul>
      )}
      {confirm.isSuccess ? <Notice tone="success">{t('mission.confirmTeam.done')}</Notice> : null}
      <ActionError error={confirm.error} />
      {mission.status === 'planned' && mission.signUps.length > 0 ? (
        <ConfirmDialog
          triggerLabel={t('mission.confirmTeam')}
          triggerVariant="primary"
          icon="check"
          title={t('mission.confirmTeam.title')}
          sentence={t('mission.confirmTeam.sentence', { count: mission.signUps.length, title: mission.title })}
          confirmLabel={t('mission.confirmTeam.confirm')}
          cancelLabel={t('app.cancel')}
          onConfirm={() => confirm.mutateAsync().then(noop, noop)}
        />
      ) : null}
    </Section>
  );
}

const noop = () => undefined;

/** The hours of each team member, then the completion (confirmed in words with the total). */
function Complete({ mission, onChange }: { mission: MissionDto; onChange(): Promise<unknown> }) {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [checked, setChecked] = useState(false);
  const result = completion(mission.team, typed);
  const complete = useMutation({
    mutationFn: (participants: { memberId: string; hours: string }[]) => unwrap(missionsControllerComplete({ path: { siteId, missionId: mission.id }, body: { participants } })),
    onSuccess: onChange,
  });
  const fieldError = mission.team.some((_, index) => apiFieldError(complete.error, `participants[${index}].hours`));
  return (
    <Section title={t('mission.complete')}>
      <p>{t('mission.complete.intro')}</p>
      <div className="form narrow">
        {mission.team.map((person, index) => {
          const problem = checked && 'problems' in result ? result.problems[person.memberId] : undefined;
          return (
            <TextField
              key={person.memberId}
              label={t('mission.complete.hoursOf', { name: person.name })}
              description={t('mission.complete.help')}
              inputMode="decimal"
              value={typed[person.memberId] ?? ''}
              onChange={(value) => {
                setTyped((current) => ({ ...current, [person.memberId]: value }));
                complete.reset();
              }}
              errorMessage={problem ? t(`member.log.error.${problem}`) : apiFieldError(complete.error, `participants[${index}].hours`)}
            />
          );
        })}
        {complete.error && !fieldError ? <ActionError error={complete.error} /> : null}
        {'participants' in result ? (
          <ConfirmDialog
            triggerLabel={t('mission.complete.submit')}
            triggerVariant="primary"
            icon="check"
            title={t('mission.complete.title')}
            sentence={t('mission.complete.sentence', { hours: frenchNumber(sumHours(result.participants.map((participant) => participant.hours))) })}
            confirmLabel={t('mission.complete.confirm')}
            cancelLabel={t('app.cancel')}
            onConfirm={() => complete.mutateAsync(result.participants).then(noop, noop)}
          />
        ) : (
          <>
            {checked ? <Notice tone="error">{t('mission.complete.fix')}</Notice> : null}
            <Button icon="check" onPress={() => setChecked(true)}>
              {t('mission.complete.submit')}
            </Button>
          </>
        )}
      </div>
    </Section>
  );
}

function Participants({ mission }: { mission: MissionDto }) {
  const t = useT();
  const rows = mission.participants.map((participant) => ({ ...participant, id: participant.memberId }));
  return (
    <Section title={t('mission.participants')}>
      {mission.completedOn ? <p>{t('mission.completed', { date: frenchShortDate(mission.completedOn) })}</p> : null}
      <Table<MissionParticipantDto & { id: string }>
        label={t('mission.participants')}
        rows={rows}
        columns={[
          { id: 'name', title: t('mission.participants.name'), isRowHeader: true, cell: (row) => row.name },
          { id: 'hours', title: t('mission.participants.hours'), align: 'end', cell: (row) => t('contributions.hours', { hours: frenchNumber(row.hours) }) },
        ]}
      />
      <p className="pay-figure">{t('mission.participants.total', { hours: frenchNumber(mission.totalHours) })}</p>
    </Section>
  );
}

/** Cancelling needs a reason (the people signed up read it), then a confirmation in words. */
function Cancel({ mission, onChange }: { mission: MissionDto; onChange(): Promise<unknown> }) {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const cancel = useMutation({
    mutationFn: () => unwrap(missionsControllerCancel({ path: { siteId, missionId: mission.id }, body: { reason: reason.trim() } })),
    onSuccess: onChange,
  });
  return (
    <Section title={t('mission.cancel')}>
      <div className="form narrow">
        <TextField
          label={t('mission.cancel.reason')}
          description={t('mission.cancel.reason.help')}
          value={reason}
          onChange={(value) => {
            setReason(value);
            cancel.reset();
          }}
          errorMessage={checked && !reason.trim() ? t('mission.cancel.needsReason') : apiFieldError(cancel.error, 'reason')}
        />
        {cancel.error && !apiFieldError(cancel.error, 'reason') ? <ActionError error={cancel.error} /> : null}
        {reason.trim() ? (
          <ConfirmDialog
            triggerLabel={t('mission.cancel')}
            icon="door"
            title={t('mission.cancel.title')}
            sentence={t('mission.cancel.sentence', { title: mission.title })}
            confirmLabel={t('mission.cancel.confirm')}
            cancelLabel={t('app.cancel')}
            onConfirm={() => cancel.mutateAsync().then(noop, noop)}
          />
        ) : (
          <Button variant="secondary" icon="door" onPress={() => setChecked(true)}>
            {t('mission.cancel')}
          </Button>
        )}
      </div>
    </Section>
  );
}

/** A member opening a mission (a notification's link): the same card as on their missions screen, to sign up or withdraw. */
function MemberView({ mission }: { mission: MissionDto }) {
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const own = useOwnMember(siteId);
  return (
    <QueryState query={own}>
      {(mine) => (
        <ul className="cards">
          <MissionCard mission={mission} siteId={siteId} memberId={mine.member.id} />
        </ul>
      )}
    </QueryState>
  );
}

/** `/missions/:id`: the coordination confirms the team, records the hours and completes, or cancels; a member signs up or withdraws. */
export function MissionScreen({ id }: { id: string }) {
  const t = useT();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const siteId = site?.siteId ?? '';
  const query = useQuery({
    queryKey: ['missions', siteId, 'one', id],
    queryFn: () => unwrap(missionsControllerGet({ path: { siteId, missionId: id } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['missions', siteId] });
  const runs = coordinates(site.role);
  return (
    <Page title={query.data?.title ?? t('missionBoard.title')}>
      <RemunerationNav />
      <QueryState query={query}>
        {(mission) =>
          site.role === 'member' ? (
            <MemberView mission={mission} />
          ) : (
            <div className="pay-stack">
              {mission.status === 'cancelled' ? (
                <Notice>
                  {t('mission.cancelled', { date: frenchShortDate(mission.cancelledOn ?? mission.updatedAt.slice(0, 10)), reason: mission.cancellationReason ?? '' })}
                </Notice>
              ) : null}
              <div className="board">
                <Facts mission={mission} />
                {mission.status === 'completed' ? <Participants mission={mission} /> : <SignUps mission={mission} onChange={refresh} />}
              </div>
              {runs && mission.status === 'team_confirmed' ? <Complete mission={mission} onChange={refresh} /> : null}
              {runs && (mission.status === 'planned' || mission.status === 'team_confirmed') ? <Cancel mission={mission} onChange={refresh} /> : null}
              <div className="actions">
                <ButtonLink href={ROUTES.missions} icon="arrow">
                  {t('mission.back')}
                </ButtonLink>
              </div>
            </div>
          )
        }
      </QueryState>
    </Page>
  );
}
