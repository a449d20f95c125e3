/**
 * A site's remuneration settings, as the API reads and writes them (rates as percent strings,
 * money as decimal strings). A site that never saved any gets documented defaults
 * (`customised: false`).
 */
export interface RemunerationSettings {
  siteId: string;
  /** `month` (default) or `week` (ISO weeks cut at month ends, rolled up into the month's pay). */
  periodLength: 'month' | 'week';
  pot: {
    /** The host structure's contribution, percent of payments received excl. VAT ("10"). */
    hostContributionRate: string;
    /** A reserve for shared costs, percent of the same base ("0" for none). */
    reserveRate: string;
    reserveLabel: string;
    /** Fixed monthly reserves (rent, equipment fund), prorated for weekly periods. */
    fixedReserves: { label: string; monthlyAmount: string }[];
  };
  distribution: {
    /** Integer weights of the rules, e.g. {time: 50, peer: 30, equal: 20, mission: 0}. */
    rules: Record<'time' | 'equal' | 'peer' | 'mission', number>;
    /** Weight of an hour in the time rule ("1", "1.5"). */
    timeWeights: { missionHours: string; contributiveHours: string };
    /** The most a member may receive per period, or null. */
    capPerMember: string | null;
  };
  /** Points of peer recognition each active member may give per period (1–10 000). */
  recognitionBudget: number;
  /** The pay simulator's dated rate tables (an estimate, never a payslip). */
  payrollRates: {
    validFrom: string;
    label: string;
    employerRates: { gross: string; rate: string }[];
    employeeRate: string;
    employerMutual: string;
    employeeMutual: string;
  }[];
  /** True while the site has not given its host's own rates: the tables are the 2024 example of docs/domain-rules.md §5.2. */
  payrollRatesAreExample: boolean;
  /** False while nothing was ever saved: every value is a default. */
  customised: boolean;
  updatedAt: string | null;
}

/** A rate table as written; mutuals default to 0. */
export type PayrollRateTableWrite = Omit<RemunerationSettings['payrollRates'][number], 'employerMutual' | 'employeeMutual'> & { employerMutual?: string; employeeMutual?: string };

export interface GetRemunerationSettingsRequest {
  siteId: string;
}

/** Each given section replaces the current one whole; absent sections stay as they are. */
export interface UpdateRemunerationSettingsRequest {
  siteId: string;
  actor: { userId: string };
  settings: {
    periodLength?: 'month' | 'week';
    pot?: Partial<RemunerationSettings['pot']>;
    distribution?: {
      rules: Partial<RemunerationSettings['distribution']['rules']>;
      timeWeights?: Partial<RemunerationSettings['distribution']['timeWeights']>;
      capPerMember?: string | null;
    };
    recognitionBudget?: number;
    /** null or [] to go back to the example table. */
    payrollRates?: PayrollRateTableWrite[] | null;
  };
}
