import { useState } from 'react';
import { FileTrigger } from 'react-aria-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { memberPrivacyControllerImport } from '../../api/generated/sdk.gen';
import type { ImportedMemberDto, MemberImportReportDto, RefusedRowDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { usePreferences, useT } from '../../preferences';
import { useSession } from '../../session';
import { Button, ButtonLink } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyState, Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { Table } from '../../ui/Table';
import { errorText } from '../../ui/error-text';
import { ROUTES } from '../../routes';
import { importFileProblem } from './member-rules';
import { isCoordination } from './member-routes';
import './members.css';

function Report({ report }: { report: MemberImportReportDto }) {
  const t = useT();
  const created = report.created.map((row) => ({ ...row, id: String(row.row) }));
  const refused = report.refused.map((row, index) => ({ ...row, id: `${row.row}-${index}` }));
  return (
    <div className="members-stack">
      <Section title={report.dryRun ? t('members.import.willCreate', { count: created.length }) : t('members.import.created', { count: created.length })}>
        {created.length === 0 ? (
          <EmptyState>{t('members.import.noneCreated')}</EmptyState>
        ) : (
          <Table<ImportedMemberDto & { id: string }>
            label={t('members.import.createdLabel')}
            rows={created}
            columns={[
              { id: 'row', title: t('members.import.row'), align: 'end', cell: (row) => String(row.row) },
              { id: 'name', title: t('members.column.name'), isRowHeader: true, cell: (row) => `${row.firstName} ${row.lastName}` },
            ]}
          />
        )}
      </Section>
      <Section title={t('members.import.refused', { count: refused.length })}>
        {refused.length === 0 ? (
          <EmptyState>{t('members.import.noneRefused')}</EmptyState>
        ) : (
          <Table<RefusedRowDto & { id: string }>
            label={t('members.import.refusedLabel')}
            rows={refused}
            columns={[
              { id: 'row', title: t('members.import.row'), align: 'end', isRowHeader: true, cell: (row) => String(row.row) },
              { id: 'column', title: t('members.import.column'), cell: (row) => row.column ?? '' },
              { id: 'message', title: t('members.import.why'), cell: (row) => row.message },
            ]}
          />
        )}
      </Section>
      {report.ignoredColumns.length > 0 ? <Notice>{t('members.import.ignored', { columns: report.ignoredColumns.join(', ') })}</Notice> : null}
    </div>
  );
}

/** CSV import: the file is checked first (a dry run shown as a table), then imported once confirmed. */
export function ImportMembersScreen() {
  const t = useT();
  const { language } = usePreferences();
  const { site } = useSession();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const siteId = site?.siteId ?? '';
  const send = useMutation({
    mutationFn: ({ csv, dryRun }: { csv: string; dryRun: boolean }) => unwrap(memberPrivacyControllerImport({ path: { siteId }, body: { csv, dryRun } })),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['members', siteId] });
    },
  });
  if (!site) return null;
  if (!isCoordination(site.role)) {
    return (
      <Page title={t('members.import.title')}>
        <Notice>{t('members.coordinatorsOnly')}</Notice>
      </Page>
    );
  }
  const choose = async (files: FileList | null) => {
    const chosen = files?.[0];
    if (!chosen) return;
    send.reset();
    const problem = importFileProblem(chosen);
    setFileProblem(problem);
    if (problem) return setFile(null);
    const csv = await chosen.text();
    setFile({ name: chosen.name, csv });
    send.mutate({ csv, dryRun: true });
  };
  const report = send.data;
  return (
    <Page title={t('members.import.title')}>
      <div className="members-explain">
        <p>{t('members.import.intro')}</p>
        <p>{t('members.import.columns')}</p>
      </div>
      <div className="actions">
        <FileTrigger acceptedFileTypes={['.csv', 'text/csv', 'text/plain']} onSelect={(files) => void choose(files)}>
          <Button variant="secondary" icon="list">
            {t('members.import.choose')}
          </Button>
        </FileTrigger>
        <ButtonLink href={ROUTES.members}>{t('members.backToList')}</ButtonLink>
      </div>
      {file ? <p role="status">{t('members.import.file', { name: file.name })}</p> : null}
      {fileProblem ? <Notice tone="error">{t(`members.import.file.${fileProblem}` as 'members.import.file.tooBig')}</Notice> : null}
      {send.isPending ? (
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      ) : null}
      {send.isError ? <Notice tone="error">{errorText(send.error, language, t)}</Notice> : null}
      {report ? <Report report={report} /> : null}
      {report?.dryRun && file && report.created.length > 0 ? (
        <ConfirmDialog
          triggerLabel={t('members.import.confirm', { count: report.created.length })}
          triggerVariant="primary"
          icon="check"
          title={t('members.import.confirm.title', { count: report.created.length })}
          sentence={report.refused.length > 0 ? t('members.import.confirm.withRefused', { refused: report.refused.length }) : t('members.import.confirm.sentence')}
          confirmLabel={t('members.import.confirm.yes')}
          cancelLabel={t('members.cancel')}
          onConfirm={() => send.mutate({ csv: file.csv, dryRun: false })}
        />
      ) : null}
    </Page>
  );
}
