import { compareDates, CountedMission, CountedMovement, HoursByKind, MemberShareView, PeriodFigures, PotTermView, RulePartView } from '@kpa/contracts';
import { ContributionKind } from '../contributions/contribution';
import { DistributionSettings } from '../settings/distribution-settings';
import { distribute, formatMemberShare, MemberInvolvement, MissionWork } from './distribution';
import { PeriodDates } from './period';
import { carryOverToNext, computePot, formatPot, PotSettings } from './pot';
import { pointsReceived } from './recognition';
import { formatHours, formatMoney, sumOf } from '../units';

/**
 * A period's figures from what its ledger holds: the pot (computePot), its distribution
 * (distribute, tie salt = the period's id), recognition totals, hours by kind, names. Pure: the
 * service gathers the rows (loadLedger) and freezes the result at close; the live preview of an
 * open period is this same computation, minus the recognition points (secret until the close).
 */

export interface LedgerMovement {
  id: string;
  kind: 'payment' | 'credit_note' | 'refund' | 'expense';
  occurredOn: string;
  netCents: bigint;
  vatCents: bigint;
  missionId: string | null;
  reference: string;
}

export interface LedgerMissionHours {
  missionId: string;
  memberId: string;
  completedOn: string;
  title: string;
  hundredths: number;
}

export interface LedgerContribution {
  id: string;
  memberId: string;
  kind: ContributionKind;
  workedOn: string;
  hundredths: number;
}

export interface LedgerMember {
  id: string;
  firstName: string;
  lastName: string;
  joinedOn: string;
  leftOn: string | null;
}

export interface LedgerGift {
  fromMemberId: string;
  toMemberId: string;
  points: number;
}

/** Everything a period counts, as gathered in one transaction. */
export interface PeriodLedger {
  period: PeriodDates & { id: string };
  /** Money movements of the site not counted yet, dated up to the period's end (earlier ones are carry-ins). */
  movements: LedgerMovement[];
  /** Mission hours not counted yet, completed up to the period's end. */
  missionHours: LedgerMissionHours[];
  /** Each counted mission's margin: all its movements dated up to the period's end, whatever period counted them. */
  missionMargins: Map<string, bigint>;
  /** Validated contributions not counted yet, worked up to the period's end. */
  contributions: LedgerContribution[];
  /** The period's recognition gifts. */
  gifts: LedgerGift[];
  /** Every member the site knows (names as of now). */
  members: LedgerMember[];
  /** From the previous frozen period: its deficit plus what it left undistributed. */
  carryOverCents: bigint;
  hostVatFranchise: boolean;
  pot: PotSettings;
  distribution: DistributionSettings;
  recognitionBudget: number;
}

/** Stored in period.figures at close: the figures as shown, plus the names split for the payroll export. */
export interface StoredFigures extends PeriodFigures {
  members: { memberId: string; firstName: string; lastName: string }[];
}

export const UNKNOWN_MEMBER = { firstName: 'Membre', lastName: 'inconnu' };

function frenchDate(date: string): string {
  return date.split('-').reverse().join('/');
}

function byId<T>(a: T & { id: string }, b: T & { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A member of the site during the period (for the equal rule): joined by its end, not left before its start. */
export function activeDuring(member: Pick<LedgerMember, 'joinedOn' | 'leftOn'>, period: PeriodDates): boolean {
  return compareDates(member.joinedOn, period.endsOn) <= 0 && (member.leftOn === null || compareDates(member.leftOn, period.startsOn) >= 0);
}

/**
 * A money movement as it counts in a mission's margin, as in the pot: money collected only. A
 * credit note counts 0: on an unpaid part it cancels money that never arrives, on a paid part the
 * refund takes the money out (docs/remuneration.md). Its row stays in the ledger as information.
 */
function collectedCents(m: Pick<LedgerMovement, 'kind' | 'netCents' | 'vatCents'>, hostVatFranchise: boolean): bigint {
  switch (m.kind) {
    case 'payment':
      return m.netCents;
    case 'refund':
      return -m.netCents;
    case 'credit_note':
      return 0n;
    case 'expense':
      return -(hostVatFranchise ? m.netCents + m.vatCents : m.netCents);
  }
}

/** Mission margin: payments − refunds − expenses of the mission (an expense costs its VAT too under the franchise); credit notes count 0. */
export function missionMargin(movements: readonly Pick<LedgerMovement, 'kind' | 'netCents' | 'vatCents'>[], hostVatFranchise: boolean): bigint {
  return sumOf(movements.map((m) => collectedCents(m, hostVatFranchise)));
}

/** In a preview the peer rule has no basis because the points are secret, not because none were given: say so. */
const PREVIEW_PEER = 'Règle « reconnaissance entre pairs » : les points restent secrets jusqu’à la clôture ; dans cet aperçu, sa part revient aux autres règles';

const HOURS_FIELDS: Record<ContributionKind, keyof HoursByKind> = { contributive_day: 'contributiveDay', collective_task: 'collectiveTask', peer_training: 'peerTraining' };

/**
 * The figures of a period. `kind: 'preview'` leaves the recognition points out (individual gifts
 * and totals stay private while the round is open): the peer rule then has no basis and its part
 * goes to the other rules, as the label says.
 */
export function computeFigures(ledger: PeriodLedger, options: { kind: 'preview' | 'frozen'; now: Date }): StoredFigures {
  const { period } = ledger;
  const preview = options.kind === 'preview';
  const movements = [...ledger.movements].sort((a, b) => compareDates(a.occurredOn, b.occurredOn) || byId(a, b));
  const pot = computePot({
    period,
    paymentsNetCents: movements.filter((m) => m.kind === 'payment').map((m) => m.netCents),
    refundsNetCents: movements.filter((m) => m.kind === 'refund').map((m) => m.netCents),
    expenses: movements.filter((m) => m.kind === 'expense').map((m) => ({ netCents: m.netCents, vatCents: m.vatCents })),
    carryOverCents: ledger.carryOverCents,
    hostVatFranchise: ledger.hostVatFranchise,
    settings: ledger.pot,
  });

  const received = preview ? new Map<string, number>() : pointsReceived(ledger.gifts);
  const contributive = new Map<string, number>();
  const hours = new Map<string, Record<keyof HoursByKind, number>>();
  const addHours = (memberId: string, field: keyof HoursByKind, hundredths: number) => {
    const h = hours.get(memberId) ?? { mission: 0, contributiveDay: 0, collectiveTask: 0, peerTraining: 0 };
    h[field] += hundredths;
    hours.set(memberId, h);
  };
  for (const c of ledger.contributions) {
    contributive.set(c.memberId, (contributive.get(c.memberId) ?? 0) + c.hundredths);
    addHours(c.memberId, HOURS_FIELDS[c.kind], c.hundredths);
  }
  for (const h of ledger.missionHours) addHours(h.memberId, 'mission', h.hundredths);

  const known = new Map(ledger.members.map((m) => [m.id, m]));
  const involved = new Set<string>([...contributive.keys(), ...received.keys()]);
  for (const m of ledger.members) if (activeDuring(m, period)) involved.add(m.id);
  const members: MemberInvolvement[] = [...involved].sort().map((memberId) => {
    const m = known.get(memberId);
    return { memberId, activeInPeriod: m ? activeDuring(m, period) : false, contributiveHundredths: contributive.get(memberId) ?? 0, pointsReceived: received.get(memberId) ?? 0 };
  });

  const missionsById = new Map<string, { title: string; completedOn: string; participants: { memberId: string; hundredths: number }[] }>();
  for (const h of ledger.missionHours) {
    const mission = missionsById.get(h.missionId) ?? { title: h.title, completedOn: h.completedOn, participants: [] };
    mission.participants.push({ memberId: h.memberId, hundredths: h.hundredths });
    missionsById.set(h.missionId, mission);
  }
  const missions: MissionWork[] = [...missionsById.entries()].map(([missionId, m]) => ({
    missionId,
    marginCents: ledger.missionMargins.get(missionId) ?? 0n,
    participants: m.participants,
  }));

  const result = distribute({ distributableCents: pot.distributableCents, members, missions, settings: ledger.distribution, tieSalt: period.id });

  const nameParts = (memberId: string) => {
    const m = known.get(memberId);
    return m ? { firstName: m.firstName, lastName: m.lastName } : UNKNOWN_MEMBER;
  };
  const nameOf = (memberId: string) => {
    const { firstName, lastName } = nameParts(memberId);
    return `${firstName} ${lastName}`;
  };
  const byName = <T extends { memberId: string }>(a: T, b: T) => {
    const [x, y] = [nameParts(a.memberId), nameParts(b.memberId)];
    return x.lastName.localeCompare(y.lastName, 'fr') || x.firstName.localeCompare(y.firstName, 'fr') || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
  };

  const shares: MemberShareView[] = result.shares
    .map((share) => {
      const { memberId, total, beforeCap, byRule, capAdjustment } = formatMemberShare(share);
      const h = hours.get(memberId);
      return {
        memberId,
        name: nameOf(memberId),
        total,
        beforeCap,
        byRule: preview ? byRule.map((r) => (r.rule === 'peer' ? { ...r, explanation: PREVIEW_PEER } : r)) : byRule,
        capAdjustment,
        hours: {
          mission: formatHours(h?.mission ?? 0),
          contributiveDay: formatHours(h?.contributiveDay ?? 0),
          collectiveTask: formatHours(h?.collectiveTask ?? 0),
          peerTraining: formatHours(h?.peerTraining ?? 0),
        },
      };
    })
    .sort(byName);

  const rules: RulePartView[] = result.ruleParts.map((p) => ({
    rule: p.rule,
    weight: p.weight,
    hasBasis: p.hasBasis,
    amount: formatMoney(p.cents),
    unit: p.unit,
    basisTotal: p.basisTotal,
    explanation: preview && p.rule === 'peer' ? PREVIEW_PEER : p.explanation,
  }));

  const ledgerMovements: CountedMovement[] = movements.map((m) => ({
    id: m.id,
    kind: m.kind,
    occurredOn: m.occurredOn,
    net: formatMoney(m.netCents),
    vat: formatMoney(m.vatCents),
    reference: m.reference,
    missionId: m.missionId,
    carriedIn: compareDates(m.occurredOn, period.startsOn) < 0,
  }));
  const ledgerMissions: CountedMission[] = [...missionsById.entries()]
    .map(([missionId, m]) => ({
      missionId,
      title: m.title,
      completedOn: m.completedOn,
      margin: formatMoney(ledger.missionMargins.get(missionId) ?? 0n),
      carriedIn: compareDates(m.completedOn, period.startsOn) < 0,
      participants: [...m.participants].map((p) => ({ memberId: p.memberId, name: nameOf(p.memberId), hours: formatHours(p.hundredths) })).sort(byName),
    }))
    .sort((a, b) => compareDates(a.completedOn, b.completedOn) || (a.missionId < b.missionId ? -1 : 1));

  const formattedPot = formatPot(pot);
  const terms: PotTermView[] = formattedPot.terms;
  const totals = [...pointsReceived(ledger.gifts).entries()].map(([memberId, points]) => ({ memberId, name: nameOf(memberId), points })).sort(byName);
  const everyone = new Set<string>([...shares.map((s) => s.memberId), ...totals.map((t) => t.memberId)]);

  return {
    kind: options.kind,
    label: preview
      ? 'Aperçu calculé comme à la clôture, sans les points de reconnaissance (secrets jusqu’à la clôture) : les chiffres changent jusqu’à la clôture.'
      : `Chiffres figés à la clôture du ${frenchDate(options.now.toISOString().slice(0, 10))}, proposés à tous avant approbation.`,
    computedAt: options.now.toISOString(),
    pot: { terms, pot: formattedPot.pot, distributable: formattedPot.distributable, deficit: formattedPot.deficit, base: formattedPot.base },
    distribution: {
      distributable: formatMoney(result.distributableCents),
      distributed: formatMoney(result.distributedCents),
      undistributed: formatMoney(result.undistributedCents),
      undistributedReason: result.undistributedReason,
      rules,
    },
    carryOverToNext: formatMoney(carryOverToNext(pot, result.undistributedCents)),
    shares,
    recognition: { budget: ledger.recognitionBudget, totalsVisible: !preview, totals: preview ? null : totals },
    ledger: { movements: ledgerMovements, missions: ledgerMissions },
    members: [...everyone].sort().map((memberId) => ({ memberId, ...nameParts(memberId) })),
  };
}

/**
 * Frozen figures as shown today: the names of members erased since the close become their
 * pseudonym (what remuneration's read model now holds); the split names stay inside.
 */
export function renderFigures(stored: StoredFigures, erased: ReadonlyMap<string, { firstName: string; lastName: string }>): PeriodFigures {
  const rename = <T extends { memberId: string; name: string }>(x: T): T => {
    const pseudonym = erased.get(x.memberId);
    return pseudonym ? { ...x, name: `${pseudonym.firstName} ${pseudonym.lastName}` } : x;
  };
  const { kind, label, computedAt, pot, distribution, carryOverToNext: carry, shares, recognition, ledger } = stored;
  return {
    kind,
    label,
    computedAt,
    pot,
    distribution,
    carryOverToNext: carry,
    shares: shares.map(rename),
    recognition: { ...recognition, totals: recognition.totals?.map(rename) ?? null },
    ledger: { movements: ledger.movements, missions: ledger.missions.map((m) => ({ ...m, participants: m.participants.map(rename) })) },
  };
}

/**
 * The frozen figures with an erased member's name replaced by their pseudonym everywhere it is
 * kept (membership.member.erased): amounts and hours stay, they are pay records.
 */
export function pseudonymiseFigures(stored: StoredFigures, memberId: string, pseudonym: { firstName: string; lastName: string }): StoredFigures {
  const shown = renderFigures(stored, new Map([[memberId, pseudonym]]));
  return { ...stored, ...shown, members: stored.members.map((m) => (m.memberId === memberId ? { memberId, ...pseudonym } : m)) };
}

/** Every member id the figures name. */
export function namedMembers(figures: StoredFigures): string[] {
  return figures.members.map((m) => m.memberId);
}
