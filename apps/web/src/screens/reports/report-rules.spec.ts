import { checkPeriod, parseDay, pollInterval, presetPeriod, readRequestedReports, rememberReport, reportFileName, type RequestedReport } from './report-rules';

describe('report periods', () => {
  it('gives each preset its first and last day, month ends and leap years included', () => {
    expect(presetPeriod('thisMonth', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('thisMonth', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('lastMonth', '2026-12-05')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('thisYear', '2026-12-05')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('lastYear', '2026-12-05')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(presetPeriod('custom', '2026-12-05')).toBeNull();
  });

  it('reads days as people write them, and refuses days that do not exist', () => {
    expect(parseDay('31/12/2026')).toBe('2026-12-31');
    expect(parseDay(' 4/3/2026 ')).toBe('2026-03-04');
    expect(parseDay('2026-03-04')).toBe('2026-03-04');
    expect(parseDay('29/02/2028')).toBe('2028-02-29');
    for (const wrong of ['29/02/2026', '31/04/2026', '2026-13-01', '00/01/2026', 'demain', '', '2026/03/04']) {
      expect({ wrong, day: parseDay(wrong) }).toEqual({ wrong, day: null });
    }
  });

  it('checks a custom period: real days, the first not after the last', () => {
    expect(checkPeriod('01/01/2026', '31/03/2026')).toEqual({ ok: true, period: { from: '2026-01-01', to: '2026-03-31' } });
    expect(checkPeriod('01/01/2026', '01/01/2026')).toEqual({ ok: true, period: { from: '2026-01-01', to: '2026-01-01' } });
    expect(checkPeriod('32/01/2026', '31/03/2026')).toEqual({ ok: false, field: 'from', reason: 'day' });
    expect(checkPeriod('01/01/2026', '')).toEqual({ ok: false, field: 'to', reason: 'day' });
    expect(checkPeriod('31/03/2026', '01/01/2026')).toEqual({ ok: false, field: 'to', reason: 'order' });
  });
});

describe('a requested report', () => {
  it('is asked again every second while the worker builds it, never once it is done or failed', () => {
    expect(pollInterval('queued')).toBe(1000);
    expect(pollInterval('running')).toBe(1000);
    expect(pollInterval('done')).toBe(false);
    expect(pollInterval('failed')).toBe(false);
  });

  it('downloads under a plain file name', () => {
    expect(reportFileName('Kpa-Moulins (Lille)', { from: '2026-01-01', to: '2026-06-30' }, 'pdf')).toBe('rapport-kpa-moulins-lille-2026-01-01-2026-06-30.pdf');
    expect(reportFileName('la région', { from: '2026-01-01', to: '2026-12-31' }, 'csv')).toBe('rapport-la-region-2026-01-01-2026-12-31.csv');
    expect(reportFileName('', { from: '2026-01-01', to: '2026-12-31' }, 'csv')).toBe('rapport-site-2026-01-01-2026-12-31.csv');
  });

  it('is remembered newest first, once, ten at most; what was stored is read back only in the right shape', () => {
    const report = (n: number): RequestedReport => ({ id: `r${n}`, scope: 'site', label: 'La Cape', from: '2026-01-01', to: '2026-01-31' });
    let list: RequestedReport[] = [];
    for (let n = 1; n <= 12; n++) list = rememberReport(list, report(n));
    expect(list.map((item) => item.id)).toEqual(['r12', 'r11', 'r10', 'r9', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3']);
    expect(
      rememberReport(list, report(5))
        .map((item) => item.id)
        .slice(0, 3),
    ).toEqual(['r5', 'r12', 'r11']);
    expect(readRequestedReports(JSON.stringify(list))).toEqual(list);
    expect(readRequestedReports(null)).toEqual([]);
    expect(readRequestedReports('not json')).toEqual([]);
    expect(readRequestedReports(JSON.stringify({ id: 'x' }))).toEqual([]);
    expect(readRequestedReports(JSON.stringify([{ id: 'x', scope: 'elsewhere', label: '', from: '', to: '' }, report(1)]))).toEqual([report(1)]);
  });
});
