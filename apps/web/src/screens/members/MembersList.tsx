import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { capeContractsControllerList, membersControllerList } from '../../api/generated/sdk.gen';
import type { MemberDto, MembersControllerListData } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { ButtonLink } from '../../ui/Button';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { Select } from '../../ui/Select';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ROUTES } from '../../routes';
import { byCape, type CapeFilter } from './member-rules';
import { STAGES, isCoordination } from './member-routes';
import './members.css';

type Query = NonNullable<MembersControllerListData['query']>;
type Status = NonNullable<Query['status']>;
type Stage = NonNullable<Query['stage']>;
const PAGE = 100;

/** The site's members: search by name, filter by stage, active or left, under a CAPE or not; each line opens the file. */
export function MembersListScreen() {
  const t = useT();
  const { site } = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status>('active');
  const [stage, setStage] = useState<Stage | 'any'>('any');
  const [cape, setCape] = useState<CapeFilter>('all');
  const siteId = site?.siteId ?? '';
  const search = q.trim();
  const members = useQuery({
    queryKey: ['members', siteId, { q: search, status, stage }],
    queryFn: () => unwrap(membersControllerList({ path: { siteId }, query: { limit: PAGE, status, ...(search ? { q: search } : {}), ...(stage !== 'any' ? { stage } : {}) } })),
    enabled: Boolean(site),
  });
  const contracts = useQuery({
    queryKey: ['cape-contracts', siteId, 'active'],
    queryFn: () => unwrap(capeContractsControllerList({ path: { siteId }, query: { status: 'active', limit: PAGE } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  if (!isCoordination(site.role)) {
    return (
      <Page title={t('members.title')}>
        <Notice>{t('members.coordinatorsOnly')}</Notice>
      </Page>
    );
  }
  const underContract = new Set((contracts.data?.items ?? []).map((contract) => contract.memberId));

  return (
    <Page title={t('members.title')}>
      <div className="actions">
        <ButtonLink href={ROUTES.registerMember} variant="primary" icon="person">
          {t('members.register')}
        </ButtonLink>
        <ButtonLink href={ROUTES.importMembers} icon="list">
          {t('members.import')}
        </ButtonLink>
      </div>
      <div role="search" className="members-filters" aria-label={t('members.filters')}>
        <TextField label={t('members.search')} description={t('members.search.help')} type="search" value={q} onChange={setQ} />
        <Select
          label={t('members.filter.status')}
          value={status}
          onChange={(value) => setStatus(value as Status)}
          options={(['active', 'left', 'all'] as const).map((id) => ({ id, label: t(`members.status.${id}`) }))}
        />
        <Select
          label={t('members.filter.stage')}
          value={stage}
          onChange={(value) => setStage(value as Stage | 'any')}
          options={[{ id: 'any', label: t('members.filter.anyStage') }, ...STAGES.map((id) => ({ id, label: t(`stage.${id}`) }))]}
        />
        <Select
          label={t('members.filter.cape')}
          value={cape}
          onChange={(value) => setCape(value as CapeFilter)}
          options={(['all', 'with', 'without'] as const).map((id) => ({ id, label: t(`members.cape.${id}`) }))}
        />
      </div>
      <QueryState query={members}>
        {(page) => {
          const rows = byCape(page.items, cape, underContract);
          if (rows.length === 0) {
            return <EmptyState>{page.items.length === 0 && !search && stage === 'any' && status === 'active' ? t('members.empty.none') : t('members.empty.filtered')}</EmptyState>;
          }
          return (
            <>
              <p role="status">{t('members.count', { count: rows.length })}</p>
              <Table<MemberDto>
                label={t('members.title')}
                rows={rows}
                columns={[
                  {
                    id: 'name',
                    title: t('members.column.name'),
                    isRowHeader: true,
                    cell: (member) => <Link href={ROUTES.member(member.id)}>{`${member.firstName} ${member.lastName}`}</Link>,
                  },
                  { id: 'joined', title: t('members.column.joined'), cell: (member) => (member.joinedOn ? frenchShortDate(member.joinedOn) : '') },
                  {
                    id: 'status',
                    title: t('members.column.status'),
                    cell: (member) => (member.leftOn ? t('members.leftOn', { date: frenchShortDate(member.leftOn) }) : t('members.active')),
                  },
                  { id: 'cape', title: t('members.column.cape'), cell: (member) => (underContract.has(member.id) ? t('members.cape.running') : t('members.cape.none')) },
                ]}
              />
              {page.nextCursor ? <p>{t('members.more', { count: PAGE })}</p> : null}
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
