import { DomainError } from '@kpa/contracts';
import { DistributionSettings, formatDistributionSettings, parseDistributionSettings } from './distribution-settings';
import { PERIOD_LENGTHS, PeriodLength } from '../periods/period';
import { formatPotSettings, parsePotSettings, PotSettings, PotSettingsInput } from '../periods/pot';
import { DEFAULT_RECOGNITION_BUDGET, parseRecognitionBudget } from '../periods/recognition';
import { EXAMPLE_RATE_TABLE_2024, parsePayrollRateTable, PayrollRateTable, PayrollRateTableInput } from '../simulator/simulator';
import { formatMoney, formatPercent } from '../units';

/**
 * A site's remuneration settings: how long a period lasts, how the pot is made (host structure's
 * contribution, reserves), how it is shared (rules and their weights, time weights, cap), the peer
 * recognition budget and the simulator's payroll rate tables. Pure: parse (the domain's parse
 * functions do the checking), format, defaults. Stored as the formatted (API) form in
 * remuneration.site_settings and parsed again on every read, so what is stored is always valid.
 */

export const MAX_PAYROLL_RATE_TABLES = 10;

export interface SiteSettings {
  /** A month by default; weeks are rolled up into the month (pay is monthly). */
  periodLength: PeriodLength;
  pot: PotSettings;
  distribution: DistributionSettings;
  /** Points each active member may give per period. */
  recognitionBudget: number;
  /** Dated tables for the pay simulator (rateTableOn picks the one in force); never empty. */
  payrollRates: PayrollRateTable[];
  /** True while the site has not given its own tables: the simulator uses docs/domain-rules.md §5.2's example, labelled as such. */
  payrollRatesAreExample: boolean;
}

/**
 * What a site gets until a coordinator saves its own: monthly periods; the 10 % host contribution
 * (docs/domain-rules.md §5.2's CAE) and no reserve; 50 % by time, 30 % by peer recognition, 20 % in equal
 * shares (the split the issue gives as an example: time counts most, the group's recognition and
 * equality temper it; a rule nobody has a basis for passes its part to the others), mission and
 * contributive hours weighing the same, no cap; 100 points of recognition; the example 2024 payroll
 * rates, flagged as an example.
 */
export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  periodLength: 'month',
  pot: { hostContributionPpm: 100_000n, reserveRatePpm: 0n, reserveRateLabel: 'Réserve pour frais communs', fixedReserves: [] },
  distribution: { ruleWeights: { time: 50, peer: 30, equal: 20, mission: 0 }, timeWeights: { missionHours: 100, contributiveHours: 100 }, capCents: null },
  recognitionBudget: DEFAULT_RECOGNITION_BUDGET,
  payrollRates: [EXAMPLE_RATE_TABLE_2024],
  payrollRatesAreExample: true,
};

/** The API (and stored) form of a payroll rate table: the input of parsePayrollRateTable. */
export interface FormattedPayrollRateTable {
  validFrom: string;
  label: string;
  employerRates: { gross: string; rate: string }[];
  employeeRate: string;
  employerMutual: string;
  employeeMutual: string;
}

/** The API (and stored) form of the settings. */
export interface FormattedSiteSettings {
  periodLength: PeriodLength;
  pot: ReturnType<typeof formatPotSettings>;
  distribution: ReturnType<typeof formatDistributionSettings>;
  recognitionBudget: number;
  payrollRates: FormattedPayrollRateTable[];
  payrollRatesAreExample: boolean;
}

/** What PUT takes: every section optional, an absent section keeps its current value. */
export interface SiteSettingsInput {
  periodLength?: unknown;
  pot?: unknown;
  distribution?: unknown;
  recognitionBudget?: unknown;
  /** A list of tables; null or [] goes back to the example table. */
  payrollRates?: unknown;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** Prefixes a domain VALIDATION_FAILED's field with the section it came from ("hostContributionRate" → "pot.hostContributionRate"). */
function within<T>(section: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'VALIDATION_FAILED' && error.details && !Array.isArray(error.details) && typeof error.details.field === 'string') {
      const original = error.details.field;
      if (original.startsWith(`${section}.`)) throw error;
      const message = error.message.startsWith(original) ? `${section}.${error.message}` : error.message;
      throw new DomainError('VALIDATION_FAILED', message, { ...error.details, field: `${section}.${original}` });
    }
    throw error;
  }
}

export function formatPayrollRateTable(table: PayrollRateTable): FormattedPayrollRateTable {
  return {
    validFrom: table.validFrom,
    label: table.label,
    employerRates: table.employerRates.map((p) => ({ gross: formatMoney(p.grossCents), rate: formatPercent(p.ratePpm) })),
    employeeRate: formatPercent(table.employeeRatePpm),
    employerMutual: formatMoney(table.employerMutualCents),
    employeeMutual: formatMoney(table.employeeMutualCents),
  };
}

export function formatSiteSettings(settings: SiteSettings): FormattedSiteSettings {
  return {
    periodLength: settings.periodLength,
    pot: formatPotSettings(settings.pot),
    distribution: formatDistributionSettings(settings.distribution),
    recognitionBudget: settings.recognitionBudget,
    payrollRates: settings.payrollRates.map(formatPayrollRateTable),
    payrollRatesAreExample: settings.payrollRatesAreExample,
  };
}

function parsePeriodLength(value: unknown): PeriodLength {
  if (!(PERIOD_LENGTHS as readonly unknown[]).includes(value)) throw invalid('periodLength', `periodLength must be one of ${PERIOD_LENGTHS.join(', ')}.`);
  return value as PeriodLength;
}

function parsePayrollRates(value: unknown): { payrollRates: PayrollRateTable[]; payrollRatesAreExample: boolean } {
  if (value === null || (Array.isArray(value) && value.length === 0)) return { payrollRates: DEFAULT_SITE_SETTINGS.payrollRates, payrollRatesAreExample: true };
  if (!Array.isArray(value) || value.length > MAX_PAYROLL_RATE_TABLES) {
    throw invalid(
      'payrollRates',
      `payrollRates must be a list of at most ${MAX_PAYROLL_RATE_TABLES} dated rate tables {validFrom, label, employerRates, employeeRate, employerMutual?, employeeMutual?} (null for the example table).`,
    );
  }
  const tables = value.map((raw: unknown, i) =>
    within(`payrollRates[${i}]`, () => parsePayrollRateTable((typeof raw === 'object' && raw !== null ? raw : {}) as PayrollRateTableInput)),
  );
  const dates = new Set<string>();
  tables.forEach((t, i) => {
    if (dates.has(t.validFrom)) throw invalid(`payrollRates[${i}].validFrom`, `Two payroll rate tables start on ${t.validFrom}: give each table its own validFrom.`);
    dates.add(t.validFrom);
  });
  return { payrollRates: [...tables].sort((a, b) => a.validFrom.localeCompare(b.validFrom)), payrollRatesAreExample: false };
}

/**
 * A coordinator's new settings over the current ones (VALIDATION_FAILED naming the field at
 * fault). Each given section replaces the current one whole; absent sections stay as they are.
 */
export function applySettingsInput(current: SiteSettings, input: unknown): SiteSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('settings', 'The settings must be an object: {periodLength?, pot?, distribution?, recognitionBudget?, payrollRates?}.');
  }
  const raw = input as SiteSettingsInput;
  const known = ['periodLength', 'pot', 'distribution', 'recognitionBudget', 'payrollRates', 'payrollRatesAreExample'];
  const unknown = Object.keys(raw).find((key) => !known.includes(key));
  if (unknown) throw invalid(unknown, `Unknown setting ${unknown}: the settings are ${known.slice(0, 5).join(', ')}.`);
  const next: SiteSettings = { ...current };
  if (raw.periodLength !== undefined) next.periodLength = parsePeriodLength(raw.periodLength);
  if (raw.pot !== undefined) {
    if (typeof raw.pot !== 'object' || raw.pot === null) throw invalid('pot', 'pot must be an object: {hostContributionRate, reserveRate?, reserveLabel?, fixedReserves?}.');
    next.pot = within('pot', () => parsePotSettings(raw.pot as PotSettingsInput));
  }
  if (raw.distribution !== undefined) next.distribution = parseDistributionSettings(raw.distribution);
  if (raw.recognitionBudget !== undefined) next.recognitionBudget = parseRecognitionBudget(raw.recognitionBudget);
  if (raw.payrollRates !== undefined) Object.assign(next, parsePayrollRates(raw.payrollRates));
  return next;
}

/** The stored (formatted) settings back to values; a section missing from an older row takes its default. */
export function parseStoredSettings(stored: Partial<FormattedSiteSettings>): SiteSettings {
  const settings = applySettingsInput(DEFAULT_SITE_SETTINGS, {
    periodLength: stored.periodLength,
    pot: stored.pot,
    distribution: stored.distribution,
    recognitionBudget: stored.recognitionBudget,
    payrollRates: stored.payrollRatesAreExample ? undefined : stored.payrollRates,
  });
  return settings;
}
