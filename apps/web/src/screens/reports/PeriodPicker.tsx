import { useEffect, useState } from 'react';
import { frenchShortDate } from '../../format';
import { useT } from '../../preferences';
import { Select } from '../../ui/Select';
import { TextField } from '../../ui/TextField';
import { checkPeriod, PERIOD_PRESETS, type Period, type PeriodPreset, presetPeriod } from './report-rules';
import './reports.css';

function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The period in one choice (this month, last year…), or two typed days for another one. */
export function PeriodPicker({ onPeriod, showErrors, initial = 'lastMonth' }: { onPeriod(period: Period | null): void; showErrors: boolean; initial?: PeriodPreset }) {
  const t = useT();
  const [preset, setPreset] = useState<PeriodPreset>(initial);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fixed = presetPeriod(preset, todayIso());
  const custom = preset === 'custom' ? checkPeriod(from, to) : null;
  const period = fixed ?? (custom?.ok ? custom.period : null);
  // Told to the parent when the days change (not at each render: the object is new every time).
  const from0 = period?.from ?? null;
  const to0 = period?.to ?? null;
  useEffect(() => onPeriod(from0 && to0 ? { from: from0, to: to0 } : null), [onPeriod, from0, to0]);
  const problem = (field: 'from' | 'to') =>
    showErrors && custom && !custom.ok && custom.field === field ? t(custom.reason === 'order' ? 'reports.problem.order' : 'reports.problem.day') : undefined;
  return (
    <>
      <Select
        label={t('reports.period')}
        options={PERIOD_PRESETS.map((id) => ({ id, label: t(`reports.period.${id}`) }))}
        value={preset}
        onChange={(id) => setPreset(id as PeriodPreset)}
        description={fixed ? t('reports.period.value', { from: frenchShortDate(fixed.from), to: frenchShortDate(fixed.to) }) : undefined}
      />
      {preset === 'custom' ? (
        <div className="report-period">
          <TextField label={t('reports.from')} description={t('reports.dayHelp')} value={from} onChange={setFrom} errorMessage={problem('from')} />
          <TextField label={t('reports.to')} description={t('reports.dayHelp')} value={to} onChange={setTo} errorMessage={problem('to')} />
        </div>
      ) : null}
    </>
  );
}
