import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { remunerationSettingsControllerGet, remunerationSettingsControllerUpdate } from '../../api/generated/sdk.gen';
import type { RemunerationSettingsDto } from '../../api/generated/types.gen';
import { unwrap } from '../../api/client';
import { frenchAmount, frenchNumber, frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { useSession } from '../../session';
import { Button } from '../../ui/Button';
import { Notice } from '../../ui/Notice';
import { Page, Section } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { TextField } from '../../ui/TextField';
import { ActionError, RemunerationNav } from './RemunerationNav';
import { coordinates, RULES, settingsForm, weightPercents, type Rule } from './remuneration-rules';
import './remuneration.css';

/** The rules' weights and the recognition budget, the part of the settings a coordinator changes here. */
function ShareForm({ settings, editable }: { settings: RemunerationSettingsDto; editable: boolean }) {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const queryClient = useQueryClient();
  const current = settings.distribution.rules;
  const [weights, setWeights] = useState<Record<Rule, string>>({
    time: String(current.time),
    equal: String(current.equal),
    peer: String(current.peer),
    mission: String(current.mission),
  });
  const [budget, setBudget] = useState(String(settings.recognitionBudget));
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: (values: { rules: Record<Rule, number>; recognitionBudget: number }) =>
      unwrap(
        remunerationSettingsControllerUpdate({
          path: { siteId },
          // The time weights and the cap are sent as they are: the API replaces the distribution as a whole.
          body: { distribution: { ...settings.distribution, rules: values.rules }, recognitionBudget: values.recognitionBudget },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(['remuneration-settings', siteId], saved),
  });
  const form = settingsForm(weights, budget);
  const problems = checked && 'problems' in form ? form.problems : {};
  const percents = weightPercents(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if ('problems' in form) return;
    save.mutate(form);
  };
  const problemText = (rule: Rule | 'budget') => {
    const problem = problems[rule];
    if (!problem) return undefined;
    return rule === 'budget' && problem === 'range' ? t('settings.problem.budgetRange') : t(`settings.problem.${problem}`);
  };
  return (
    <form className="form narrow" onSubmit={submit} noValidate>
      <p>{t('settings.share.intro')}</p>
      {RULES.map((rule) => (
        <TextField
          key={rule}
          label={t('settings.weight', { rule: t(`rule.${rule}`) })}
          description={t('settings.weight.help', { percent: percents[rule] })}
          inputMode="numeric"
          isReadOnly={!editable}
          value={weights[rule]}
          onChange={(value) => {
            setWeights((before) => ({ ...before, [rule]: value }));
            save.reset();
          }}
          errorMessage={problemText(rule)}
        />
      ))}
      <p>{settings.distribution.capPerMember ? t('settings.cap', { amount: frenchAmount(settings.distribution.capPerMember) }) : t('settings.cap.none')}</p>
      <TextField
        label={t('settings.budget')}
        description={t('settings.budget.help')}
        inputMode="numeric"
        isReadOnly={!editable}
        value={budget}
        onChange={(value) => {
          setBudget(value);
          save.reset();
        }}
        errorMessage={problemText('budget')}
      />
      {save.isSuccess ? <Notice tone="success">{t('settings.saved')}</Notice> : null}
      <ActionError error={save.error} />
      {editable ? (
        <Button type="submit" icon="save" isPending={save.isPending}>
          {t('settings.save')}
        </Button>
      ) : null}
    </form>
  );
}

/** `/reglages-remuneration`: how the pot is formed (read here) and shared (the weights and the recognition budget, changed by the coordination). */
export function SettingsScreen() {
  const t = useT();
  const { site } = useSession();
  const siteId = site?.siteId ?? '';
  const query = useQuery({
    queryKey: ['remuneration-settings', siteId],
    queryFn: () => unwrap(remunerationSettingsControllerGet({ path: { siteId } })),
    enabled: Boolean(site),
  });
  if (!site) return null;
  const editable = coordinates(site.role);
  return (
    <Page title={t('settings.title')}>
      <RemunerationNav />
      <p>{t('settings.intro')}</p>
      {editable ? null : <Notice>{t('settings.readOnly')}</Notice>}
      <QueryState query={query}>
        {(settings) => (
          <div className="board">
            <div className="pay-stack">
              <Section title={t('settings.pot')}>
                <ul className="pay-facts">
                  <li>{t(`settings.periodLength.${settings.periodLength}`)}</li>
                  <li>{t('settings.pot.host', { rate: frenchNumber(settings.pot.hostContributionRate) })}</li>
                  {Number(settings.pot.reserveRate) > 0 ? (
                    <li>{t('settings.pot.reserve', { label: settings.pot.reserveLabel, rate: frenchNumber(settings.pot.reserveRate) })}</li>
                  ) : null}
                  {settings.pot.fixedReserves.map((reserve) => (
                    <li key={reserve.label}>{t('settings.pot.fixed', { label: reserve.label, amount: frenchAmount(reserve.monthlyAmount) })}</li>
                  ))}
                </ul>
              </Section>
              <Section title={t('settings.payroll')}>
                {settings.payrollRatesAreExample ? <Notice>{t('settings.payroll.example')}</Notice> : null}
                <ul className="pay-facts">
                  {settings.payrollRates.map((table) => (
                    <li key={table.validFrom}>{t('settings.payroll.table', { label: table.label, date: frenchShortDate(table.validFrom) })}</li>
                  ))}
                </ul>
              </Section>
            </div>
            <Section title={t('settings.share')}>
              <ShareForm key={settings.updatedAt ?? 'default'} settings={settings} editable={editable} />
            </Section>
          </div>
        )}
      </QueryState>
    </Page>
  );
}
