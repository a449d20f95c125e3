import type { ReportViewDto } from '../../api/generated/types.gen';

/** The periods a person picks in one choice; "custom" opens two date fields. */
export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisYear', 'lastYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first and last days of a preset period around `today` (YYYY-MM-DD); null for "custom". */
export function presetPeriod(preset: PeriodPreset, today: string): Period | null {
  const [year, month] = today.split('-').map(Number);
  switch (preset) {
    case 'thisMonth':
      return { from: iso(year, month, 1), to: iso(year, month, lastDayOf(year, month)) };
    case 'lastMonth': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      return { from: iso(y, m, 1), to: iso(y, m, lastDayOf(y, m)) };
    }
    case 'thisYear':
      return { from: iso(year, 1, 1), to: iso(year, 12, 31) };
    case 'lastYear':
      return { from: iso(year - 1, 1, 1), to: iso(year - 1, 12, 31) };
    case 'custom':
      return null;
  }
}

/** A day typed as "31/12/2026" (French) or "2026-12-31": the ISO day, or null when it is not a real calendar day. */
export function parseDay(text: string): string | null {
  const value = text.trim();
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const parts = french ? [Number(french[3]), Number(french[2]), Number(french[1])] : isoMatch ? [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])] : null;
  if (!parts) return null;
  const [year, month, day] = parts;
  if (month < 1 || month > 12 || day < 1 || day > lastDayOf(year, month)) return null;
  return iso(year, month, day);
}

export type PeriodCheck = { ok: true; period: Period } | { ok: false; field: 'from' | 'to'; reason: 'day' | 'order' };

/** The custom period's two fields: real days, the first not after the last. */
export function checkPeriod(fromText: string, toText: string): PeriodCheck {
  const from = parseDay(fromText);
  if (!from) return { ok: false, field: 'from', reason: 'day' };
  const to = parseDay(toText);
  if (!to) return { ok: false, field: 'to', reason: 'day' };
  if (to < from) return { ok: false, field: 'to', reason: 'order' };
  return { ok: true, period: { from, to } };
}

/** While the worker builds it, the report is asked again every second; once done or failed, no more. */
export function pollInterval(status: ReportViewDto['status']): number | false {
  return status === 'queued' || status === 'running' ? 1000 : false;
}

/** The name the downloaded file takes: `rapport-<scope>-<from>-<to>.<ext>`, letters and digits only. */
export function reportFileName(scope: string, period: Period, extension: 'pdf' | 'csv'): string {
  const slug =
    scope
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'site';
  return `rapport-${slug}-${period.from}-${period.to}.${extension}`;
}

/** Reports asked in this browser tab, newest first (the API has no list of them): at most ten are kept. */
export interface RequestedReport {
  id: string;
  scope: 'site' | 'network';
  /** What the report covers, for the file name and the heading: the site's or host structure's name, or "region". */
  label: string;
  from: string;
  to: string;
}

export function rememberReport(list: readonly RequestedReport[], report: RequestedReport): RequestedReport[] {
  return [report, ...list.filter((item) => item.id !== report.id)].slice(0, 10);
}

/** What was stored (sessionStorage), kept only when it has the right shape. */
export function readRequestedReports(stored: string | null): RequestedReport[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (item): item is RequestedReport =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as RequestedReport).id === 'string' &&
        ((item as RequestedReport).scope === 'site' || (item as RequestedReport).scope === 'network') &&
        typeof (item as RequestedReport).label === 'string' &&
        typeof (item as RequestedReport).from === 'string' &&
        typeof (item as RequestedReport).to === 'string',
    );
  } catch {
    return [];
  }
}
