import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { paySimulatorControllerSimulate } from '../../api/generated/sdk.gen';
import { unwrap } from '../../api/client';
import { frenchAmount } from '../../format';
import { useFieldErrorText } from '../../ui/useFieldErrorText';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { Page, Section } from '../../ui/Page';
import { Table } from '../../ui/Table';
import { TextField } from '../../ui/TextField';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { parseEuros } from './remuneration-rules';
import './remuneration.css';

/** `/simulateur`, for everyone: what a share (the employer-cost envelope) means in gross and net pay, with the site's rate table. */
export function SimulatorScreen() {
  const t = useT();
  const apiFieldError = useFieldErrorText();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const [input, setInput] = useState('');
  const [checked, setChecked] = useState(false);
  const parsed = parseEuros(input);
  const simulate = useMutation({
    mutationFn: (amount: string) => unwrap(paySimulatorControllerSimulate({ path: { siteId }, body: { amount } })),
  });
  if (!site) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if ('problem' in parsed) return;
    simulate.mutate(parsed.amount);
  };
  const result = simulate.data;
  return (
    <Page title={t('simulator.title')}>
      <RemunerationNav />
      <p>{t('simulator.intro')}</p>
      <div className="board">
        <Section title={t('simulator.title')}>
          <form className="form narrow" onSubmit={submit} noValidate>
            <TextField
              label={t('simulator.amount')}
              description={t('simulator.amount.help')}
              inputMode="decimal"
              value={input}
              onChange={(value) => {
                setInput(value);
                simulate.reset();
              }}
              errorMessage={checked && 'problem' in parsed ? t(`simulator.problem.${parsed.problem}`) : apiFieldError(simulate.error, 'amount')}
            />
            {simulate.error && !apiFieldError(simulate.error, 'amount') ? <ActionError error={simulate.error} /> : null}
            <Button type="submit" icon="check" isPending={simulate.isPending}>
              {t('simulator.submit')}
            </Button>
          </form>
        </Section>
        {result ? (
          <Section title={t('simulator.result', { amount: frenchAmount(result.employerCost) })}>
            <p className="pay-figure">{t('simulator.net.sentence', { net: frenchAmount(result.net) })}</p>
            <Table<{ id: string; label: string; amount: string }>
              label={t('simulator.result', { amount: frenchAmount(result.employerCost) })}
              // From the share (what the host structure spends) down to the net pay, each step's amount.
              rows={[
                { id: 'share', label: t('simulator.share'), amount: result.employerCost },
                { id: 'employer', label: t('simulator.employer'), amount: result.employerContributions },
                { id: 'employerMutual', label: t('simulator.employerMutual'), amount: result.employerMutual },
                { id: 'gross', label: t('simulator.gross'), amount: result.gross },
                { id: 'employee', label: t('simulator.employee'), amount: result.employeeContributions },
                { id: 'employeeMutual', label: t('simulator.employeeMutual'), amount: result.employeeMutual },
                { id: 'net', label: t('simulator.net'), amount: result.net },
              ]}
              columns={[
                { id: 'label', title: t('simulator.line'), isRowHeader: true, cell: (row) => row.label },
                { id: 'amount', title: t('simulator.value'), align: 'end', cell: (row) => frenchAmount(row.amount) },
              ]}
            />
            {/* The API's first line says, in French, that it is an estimate and with which rate table. */}
            {result.lines[0] ? <p className="card__meta">{result.lines[0]}</p> : null}
          </Section>
        ) : null}
      </div>
    </Page>
  );
}
