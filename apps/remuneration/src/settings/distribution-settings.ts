import { DomainError } from '@kpa/contracts';
import { formatHours, formatMoney, parseHundredths, parseMoney } from '../units';

/**
 * The rules of distribution a site chooses (which rules, their weights, the weights of an hour, a
 * cap per member), as the settings store and the API write them. What they do to a period's
 * amount is periods/distribution.ts.
 */

export const DISTRIBUTION_RULES = ['time', 'equal', 'peer', 'mission'] as const;
export type DistributionRule = (typeof DISTRIBUTION_RULES)[number];

export const MAX_RULE_WEIGHT = 10_000;
/** Time weights are in hundredths ("1.5" = 150), at most 100. */
export const MAX_TIME_WEIGHT = 10_000;

export interface DistributionSettings {
  /** Integer weights ≥ 0, at least one > 0; percent points when they add up to 100, but any integers work. */
  ruleWeights: Record<DistributionRule, number>;
  /** Weights of an hour in the time rule, in hundredths (100 = ×1). */
  timeWeights: { missionHours: number; contributiveHours: number };
  /** The most a member may receive in the period (total over the rules); null: no cap. */
  capCents: bigint | null;
}

/** The settings as the API writes them. */
export interface DistributionSettingsInput {
  rules?: Partial<Record<DistributionRule, number>>;
  timeWeights?: { missionHours?: string; contributiveHours?: string };
  capPerMember?: string | null;
}

export const DEFAULT_DISTRIBUTION_SETTINGS: DistributionSettings = {
  ruleWeights: { time: 100, equal: 0, peer: 0, mission: 0 },
  timeWeights: { missionHours: 100, contributiveHours: 100 },
  capCents: null,
};

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** Checks the site's distribution settings (VALIDATION_FAILED with the field at fault). */
export function parseDistributionSettings(raw: unknown): DistributionSettings {
  if (typeof raw !== 'object' || raw === null) throw invalid('distribution', 'distribution must be an object: {rules, timeWeights?, capPerMember?}.');
  const input = raw as DistributionSettingsInput;
  if (typeof input.rules !== 'object' || input.rules === null) {
    throw invalid(
      'distribution.rules',
      `distribution.rules must be an object of integer weights by rule (${DISTRIBUTION_RULES.join(', ')}), e.g. {"time": 50, "peer": 30, "equal": 20}.`,
    );
  }
  const ruleWeights = { time: 0, equal: 0, peer: 0, mission: 0 };
  for (const [rule, weight] of Object.entries(input.rules)) {
    if (!(DISTRIBUTION_RULES as readonly string[]).includes(rule))
      throw invalid(`distribution.rules.${rule}`, `Unknown rule ${rule}: the rules are ${DISTRIBUTION_RULES.join(', ')}.`);
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > MAX_RULE_WEIGHT) {
      throw invalid(`distribution.rules.${rule}`, `distribution.rules.${rule} must be a whole number from 0 to ${MAX_RULE_WEIGHT}.`);
    }
    ruleWeights[rule as DistributionRule] = weight;
  }
  if (Object.values(ruleWeights).every((w) => w === 0)) throw invalid('distribution.rules', 'At least one rule needs a weight above 0.');
  const timeWeight = (value: unknown, field: string): number => {
    if (value === undefined) return 100;
    const hundredths = parseHundredths(value);
    if (hundredths === undefined || hundredths > MAX_TIME_WEIGHT) throw invalid(field, `${field} must be a decimal string from 0 to 100 with at most 2 decimals ("1", "1.5").`);
    return hundredths;
  };
  const timeWeights = {
    missionHours: timeWeight(input.timeWeights?.missionHours, 'distribution.timeWeights.missionHours'),
    contributiveHours: timeWeight(input.timeWeights?.contributiveHours, 'distribution.timeWeights.contributiveHours'),
  };
  if (ruleWeights.time > 0 && timeWeights.missionHours === 0 && timeWeights.contributiveHours === 0) {
    throw invalid('distribution.timeWeights', 'The time rule needs mission hours or contributive hours to weigh more than 0.');
  }
  let capCents: bigint | null = null;
  if (input.capPerMember !== undefined && input.capPerMember !== null) {
    capCents = parseMoney(input.capPerMember, 'distribution.capPerMember');
    if (capCents === 0n) throw invalid('distribution.capPerMember', 'distribution.capPerMember must be above 0 (or null for no cap).');
  }
  return { ruleWeights, timeWeights, capCents };
}

/** The API form of the settings. */
export function formatDistributionSettings(settings: DistributionSettings): {
  rules: Record<DistributionRule, number>;
  timeWeights: { missionHours: string; contributiveHours: string };
  capPerMember: string | null;
} {
  return {
    rules: { ...settings.ruleWeights },
    timeWeights: { missionHours: trimmedHours(settings.timeWeights.missionHours), contributiveHours: trimmedHours(settings.timeWeights.contributiveHours) },
    capPerMember: settings.capCents === null ? null : formatMoney(settings.capCents),
  };
}

function trimmedHours(hundredths: number): string {
  return formatHours(hundredths).replace(/\.?0+$/, '');
}
