import { DISTRIBUTION_RULES, DistributionRule, DistributionSettings } from '../settings/distribution-settings';
import { allocateCents } from './allocate';
import { formatDecimal, formatHours, formatMoney, frenchEuros, frenchHours, frenchRatio, sumOf } from '../units';

/**
 * The Distribution of a period's distributable amount between members, by rules the site combines
 * with weights (e.g. 50 time, 30 peer, 20 equal). Two stages, each an exact largest-remainder split
 * (allocateCents): the amount between the rules, then each rule's part between members. An optional
 * cap per member applies to each member's total over the rules. Every share is integer cents ≥ 0;
 * the shares add up to the distributable amount exactly, less what stays undistributed (no rule has
 * a basis, or every member with a share reached the cap). The result never depends on the order of
 * the input: ties are broken by a hash salted with the period (tieSalt).
 */

/** How each rule is named for people. */
export const RULE_LABELS: Record<DistributionRule, string> = {
  time: 'temps',
  equal: 'parts égales',
  peer: 'reconnaissance entre pairs',
  mission: 'marge des missions',
};

export interface MemberInvolvement {
  memberId: string;
  /** A member of the site during the period: takes part in the equal rule. */
  activeInPeriod: boolean;
  /** Validated contributive time in the period, in hundredths of an hour. */
  contributiveHundredths: number;
  /** Recognition points received in the period's round. */
  pointsReceived: number;
}

export interface MissionWork {
  missionId: string;
  /** The mission's margin (what it earned less its costs); ≤ 0 gives it no weight in the mission rule. */
  marginCents: bigint;
  /** One entry per member, hours in hundredths. */
  participants: { memberId: string; hundredths: number }[];
}

export interface DistributionInput {
  distributableCents: bigint;
  /** The site's members for the period; mission participants missing here are added as inactive members. */
  members: readonly MemberInvolvement[];
  /** Missions completed in the period: their hours feed the time rule, their margins the mission rule. */
  missions: readonly MissionWork[];
  settings: DistributionSettings;
  /** The period's id: varies who wins a tied cent from period to period. */
  tieSalt: string;
}

export type BasisUnit = 'hours' | 'weighted_hours' | 'members' | 'points';

export interface RuleBasis {
  unit: BasisUnit;
  /** The member's quantity (decimal string) … */
  quantity: string;
  /** … out of the site's total. */
  total: string;
}

export interface RuleShare {
  rule: DistributionRule;
  /** After the cap, if any: the byRule cents add up to the member's total. */
  cents: bigint;
  /** Before the cap. */
  beforeCapCents: bigint;
  basis: RuleBasis;
  /** A short French sentence: how the part was obtained. */
  explanation: string;
}

export interface MemberShare {
  memberId: string;
  totalCents: bigint;
  beforeCapCents: bigint;
  byRule: RuleShare[];
  /** What the cap took away (< 0) or brought from others' excess (> 0); null when the cap changed nothing. */
  capAdjustment: { cents: bigint; explanation: string } | null;
}

export interface RulePart {
  rule: DistributionRule;
  weight: number;
  /** False when nobody has any basis for the rule this period (no hours, no points…): its part went to the other rules. */
  hasBasis: boolean;
  cents: bigint;
  basisTotal: string;
  unit: BasisUnit;
  explanation: string;
}

export type UndistributedReason = 'none' | 'no_basis' | 'all_capped';

export interface DistributionResult {
  distributableCents: bigint;
  distributedCents: bigint;
  /** Stays in the pot and is carried over to the next period. */
  undistributedCents: bigint;
  undistributedReason: UndistributedReason;
  ruleParts: RulePart[];
  /** One per member (listed or mission participant), in memberId order. */
  shares: MemberShare[];
}

interface Involvement {
  memberId: string;
  activeInPeriod: boolean;
  contributiveHundredths: number;
  pointsReceived: number;
  missionHundredths: number;
  /** Hours on missions with a positive margin. */
  marginHundredths: number;
}

function nonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number ≥ 0, got ${value}.`);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function involvements(members: readonly MemberInvolvement[], missions: readonly MissionWork[]): Map<string, Involvement> {
  const byId = new Map<string, Involvement>();
  for (const m of members) {
    if (byId.has(m.memberId)) throw new RangeError(`Member ${m.memberId} is listed twice.`);
    nonNegativeInteger(m.contributiveHundredths, `Contributive hours of ${m.memberId}`);
    nonNegativeInteger(m.pointsReceived, `Points received by ${m.memberId}`);
    byId.set(m.memberId, {
      memberId: m.memberId,
      activeInPeriod: m.activeInPeriod,
      contributiveHundredths: m.contributiveHundredths,
      pointsReceived: m.pointsReceived,
      missionHundredths: 0,
      marginHundredths: 0,
    });
  }
  const missionIds = new Set<string>();
  for (const mission of missions) {
    if (missionIds.has(mission.missionId)) throw new RangeError(`Mission ${mission.missionId} is listed twice.`);
    missionIds.add(mission.missionId);
    const seen = new Set<string>();
    for (const p of mission.participants) {
      if (seen.has(p.memberId)) throw new RangeError(`Member ${p.memberId} appears twice on mission ${mission.missionId}.`);
      seen.add(p.memberId);
      nonNegativeInteger(p.hundredths, `Hours of ${p.memberId} on mission ${mission.missionId}`);
      let member = byId.get(p.memberId);
      if (!member) {
        member = { memberId: p.memberId, activeInPeriod: false, contributiveHundredths: 0, pointsReceived: 0, missionHundredths: 0, marginHundredths: 0 };
        byId.set(p.memberId, member);
      }
      member.missionHundredths += p.hundredths;
      if (mission.marginCents > 0n) member.marginHundredths += p.hundredths;
    }
  }
  return byId;
}

/** Each rule's weight per member (the basis of the split), as BigInt. */
function ruleWeightsOf(rule: DistributionRule, members: Involvement[], input: DistributionInput): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  switch (rule) {
    case 'time': {
      const { missionHours, contributiveHours } = input.settings.timeWeights;
      for (const m of members) weights.set(m.memberId, BigInt(m.missionHundredths) * BigInt(missionHours) + BigInt(m.contributiveHundredths) * BigInt(contributiveHours));
      break;
    }
    case 'equal':
      for (const m of members) weights.set(m.memberId, m.activeInPeriod ? 1n : 0n);
      break;
    case 'peer':
      for (const m of members) weights.set(m.memberId, BigInt(m.pointsReceived));
      break;
    case 'mission': {
      // A member's weight is Σ over missions of margin × (their hours / the mission's hours), scaled by
      // the lcm of the missions' hours so it stays an integer: one rounding for the whole rule.
      const paying = input.missions
        .map((mission) => ({ mission, hours: BigInt(mission.participants.reduce((sum, p) => sum + p.hundredths, 0)) }))
        .filter(({ mission, hours }) => mission.marginCents > 0n && hours > 0n);
      const scale = paying.reduce((l, { hours }) => (l * hours) / gcd(l, hours), 1n);
      for (const m of members) weights.set(m.memberId, 0n);
      for (const { mission, hours } of paying) {
        for (const p of mission.participants) weights.set(p.memberId, (weights.get(p.memberId) as bigint) + mission.marginCents * BigInt(p.hundredths) * (scale / hours));
      }
      break;
    }
  }
  return weights;
}

interface RuleContext {
  rule: DistributionRule;
  partCents: bigint;
  /** "50 %" of the distributable amount (among the rules that have a basis). */
  ratio: string;
  members: Involvement[];
  input: DistributionInput;
}

function timeUnit(input: DistributionInput): BasisUnit {
  const { missionHours, contributiveHours } = input.settings.timeWeights;
  return missionHours === 100 && contributiveHours === 100 ? 'hours' : 'weighted_hours';
}

/** Weighted hours (hundredths of an hour × hundredths of weight = ten-thousandths of an hour) as a decimal string. */
function weightedHours(weight: bigint): string {
  return formatDecimal(weight, 4, 2);
}

function frenchWeightedHours(weight: bigint): string {
  return `${formatDecimal(weight, 4, 0).replace('.', ',')}\u00a0h`;
}

function basisOf(ctx: RuleContext, member: Involvement, weight: bigint, totalWeight: bigint): { basis: RuleBasis; explanation: string } {
  const part = `× ${ctx.ratio} de la cagnotte (${frenchEuros(ctx.partCents)})`;
  switch (ctx.rule) {
    case 'time': {
      const unit = timeUnit(ctx.input);
      const detail = `${frenchHours(member.missionHundredths)} de missions + ${frenchHours(member.contributiveHundredths)} contributives`;
      if (unit === 'hours') {
        return {
          basis: { unit, quantity: formatHours(Number(weight / 100n)), total: formatHours(Number(totalWeight / 100n)) },
          explanation: `${frenchHours(weight / 100n)} (${detail}) sur ${frenchHours(totalWeight / 100n)} du site ${part}`,
        };
      }
      return {
        basis: { unit, quantity: weightedHours(weight), total: weightedHours(totalWeight) },
        explanation: `${frenchWeightedHours(weight)} pondérées (${detail}) sur ${frenchWeightedHours(totalWeight)} pondérées du site ${part}`,
      };
    }
    case 'equal':
      return {
        basis: { unit: 'members', quantity: String(weight), total: String(totalWeight) },
        explanation: member.activeInPeriod ? `1 part sur ${totalWeight} membres actifs ${part}` : `Aucune part : pas membre actif sur la période (${totalWeight} membres actifs)`,
      };
    case 'peer':
      return {
        basis: { unit: 'points', quantity: String(weight), total: String(totalWeight) },
        explanation: `${weight} point${weight > 1n ? 's' : ''} de reconnaissance reçu${weight > 1n ? 's' : ''} sur ${totalWeight} ${part}`,
      };
    case 'mission': {
      const totalHours = ctx.members.reduce((sum, m) => sum + m.marginHundredths, 0);
      return {
        basis: { unit: 'hours', quantity: formatHours(member.marginHundredths), total: formatHours(totalHours) },
        explanation: `${frenchHours(member.marginHundredths)} sur ${frenchHours(totalHours)} de missions à marge positive, la marge de chaque mission au prorata des heures ${part}`,
      };
    }
  }
}

function ruleBasisTotal(rule: DistributionRule, members: Involvement[], totalWeight: bigint, input: DistributionInput): { unit: BasisUnit; total: string } {
  switch (rule) {
    case 'time':
      return timeUnit(input) === 'hours' ? { unit: 'hours', total: formatHours(Number(totalWeight / 100n)) } : { unit: 'weighted_hours', total: weightedHours(totalWeight) };
    case 'equal':
      return { unit: 'members', total: String(totalWeight) };
    case 'peer':
      return { unit: 'points', total: String(totalWeight) };
    case 'mission':
      return { unit: 'hours', total: formatHours(members.reduce((sum, m) => sum + m.marginHundredths, 0)) };
  }
}

const NO_BASIS: Record<DistributionRule, string> = {
  time: 'aucune heure enregistrée',
  equal: 'aucun membre actif',
  peer: 'aucun point de reconnaissance donné',
  mission: 'aucune mission à marge positive',
};

/**
 * Splits the distributable amount. A rule without basis this period (nobody has hours, points…)
 * gives its part to the rules that have one, in proportion to their weights; if no rule has a basis,
 * the whole amount stays undistributed (carried over). With a cap, each member's total is limited to
 * it and the excess re-split between the others in proportion to their totals (allocateCents'
 * water-filling); a member's capped total is then split back over their rules in proportion to
 * their pre-cap parts. If every member with a share reaches the cap, the rest stays undistributed.
 */
export function distribute(input: DistributionInput): DistributionResult {
  if (input.distributableCents < 0n) throw new RangeError(`Cannot distribute a negative amount (${input.distributableCents} cents).`);
  const members = [...involvements(input.members, input.missions).values()].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const rules = DISTRIBUTION_RULES.filter((rule) => input.settings.ruleWeights[rule] > 0);
  const weights = new Map(rules.map((rule) => [rule, ruleWeightsOf(rule, members, input)]));
  const totals = new Map(rules.map((rule) => [rule, sumOf((weights.get(rule) as Map<string, bigint>).values())]));
  const withBasis = rules.filter((rule) => (totals.get(rule) as bigint) > 0n);
  const basisWeight = BigInt(withBasis.reduce((sum, rule) => sum + input.settings.ruleWeights[rule], 0));

  const parts = allocateCents(
    input.distributableCents,
    withBasis.map((rule) => ({ id: rule, weight: BigInt(input.settings.ruleWeights[rule]) })),
    `${input.tieSalt}:rules`,
  );
  const ratios = new Map(withBasis.map((rule) => [rule, frenchRatio(BigInt(input.settings.ruleWeights[rule]), basisWeight)]));

  // Stage 2: each rule's part between members, before any cap.
  const beforeCap = new Map<DistributionRule, Map<string, bigint>>();
  for (const rule of withBasis) {
    const w = weights.get(rule) as Map<string, bigint>;
    beforeCap.set(
      rule,
      allocateCents(
        parts.shares.get(rule) as bigint,
        members.map((m) => ({ id: m.memberId, weight: w.get(m.memberId) as bigint })),
        `${input.tieSalt}:${rule}`,
      ).shares,
    );
  }
  const memberTotals = new Map(members.map((m) => [m.memberId, sumOf(withBasis.map((rule) => (beforeCap.get(rule) as Map<string, bigint>).get(m.memberId) as bigint))]));
  const distributedBeforeCap = sumOf(memberTotals.values());

  // Stage 3: the cap on each member's total. Without a cap, allocating the totals by themselves gives them back unchanged.
  const capped = allocateCents(
    distributedBeforeCap,
    members.map((m) => ({ id: m.memberId, weight: memberTotals.get(m.memberId) as bigint, capCents: input.settings.capCents })),
    `${input.tieSalt}:cap`,
  );

  const shares: MemberShare[] = members.map((member) => {
    const before = memberTotals.get(member.memberId) as bigint;
    const total = capped.shares.get(member.memberId) as bigint;
    const afterCap = allocateCents(
      total,
      withBasis.map((rule) => ({ id: rule, weight: (beforeCap.get(rule) as Map<string, bigint>).get(member.memberId) as bigint })),
      `${input.tieSalt}:${member.memberId}`,
    ).shares;
    const byRule = rules.map((rule): RuleShare => {
      const w = weights.get(rule) as Map<string, bigint>;
      const totalWeight = totals.get(rule) as bigint;
      if (!withBasis.includes(rule)) {
        const { unit, total: basisTotal } = ruleBasisTotal(rule, members, totalWeight, input);
        return {
          rule,
          cents: 0n,
          beforeCapCents: 0n,
          basis: { unit, quantity: unit === 'hours' || unit === 'weighted_hours' ? '0.00' : '0', total: basisTotal },
          explanation: `Règle « ${RULE_LABELS[rule]} » sans base cette période (${NO_BASIS[rule]}) : sa part revient aux autres règles`,
        };
      }
      const ctx: RuleContext = { rule, partCents: parts.shares.get(rule) as bigint, ratio: ratios.get(rule) as string, members, input };
      const { basis, explanation } = basisOf(ctx, member, w.get(member.memberId) as bigint, totalWeight);
      return { rule, cents: afterCap.get(rule) as bigint, beforeCapCents: (beforeCap.get(rule) as Map<string, bigint>).get(member.memberId) as bigint, basis, explanation };
    });
    const adjustment = total - before;
    const capAdjustment =
      adjustment === 0n
        ? null
        : adjustment < 0n
          ? {
              cents: adjustment,
              explanation: `Plafond de ${frenchEuros(input.settings.capCents as bigint)} par membre atteint : ${frenchEuros(before)} ramenés à ${frenchEuros(total)}`,
            }
          : { cents: adjustment, explanation: `+ ${frenchEuros(adjustment)} : part de ce qui dépasse le plafond des autres membres, au prorata des totaux` };
    return { memberId: member.memberId, totalCents: total, beforeCapCents: before, byRule, capAdjustment };
  });

  const ruleParts = rules.map((rule): RulePart => {
    const totalWeight = totals.get(rule) as bigint;
    const { unit, total: basisTotal } = ruleBasisTotal(rule, members, totalWeight, input);
    const hasBasis = withBasis.includes(rule);
    const cents = hasBasis ? (parts.shares.get(rule) as bigint) : 0n;
    const explanation = hasBasis
      ? `Règle « ${RULE_LABELS[rule]} » : poids ${input.settings.ruleWeights[rule]} sur ${basisWeight}, soit ${ratios.get(rule)} de la cagnotte (${frenchEuros(cents)})`
      : `Règle « ${RULE_LABELS[rule]} » sans base cette période (${NO_BASIS[rule]}) : sa part revient aux autres règles`;
    return { rule, weight: input.settings.ruleWeights[rule], hasBasis, cents, basisTotal, unit, explanation };
  });

  const undistributedCents = input.distributableCents - distributedBeforeCap + capped.undistributedCents;
  const undistributedReason: UndistributedReason = undistributedCents === 0n ? 'none' : withBasis.length === 0 ? 'no_basis' : 'all_capped';
  return {
    distributableCents: input.distributableCents,
    distributedCents: input.distributableCents - undistributedCents,
    undistributedCents,
    undistributedReason,
    ruleParts,
    shares,
  };
}

/** The API form of a member's share (decimal strings). */
export function formatMemberShare(share: MemberShare): {
  memberId: string;
  total: string;
  beforeCap: string;
  byRule: { rule: DistributionRule; amount: string; beforeCap: string; basis: RuleBasis; explanation: string }[];
  capAdjustment: { amount: string; explanation: string } | null;
} {
  return {
    memberId: share.memberId,
    total: formatMoney(share.totalCents),
    beforeCap: formatMoney(share.beforeCapCents),
    byRule: share.byRule.map((r) => ({ rule: r.rule, amount: formatMoney(r.cents), beforeCap: formatMoney(r.beforeCapCents), basis: r.basis, explanation: r.explanation })),
    capAdjustment: share.capAdjustment === null ? null : { amount: formatMoney(share.capAdjustment.cents), explanation: share.capAdjustment.explanation },
  };
}
