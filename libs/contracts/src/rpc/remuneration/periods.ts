import { Page, PageRequest } from '../page';

/**
 * Remuneration periods: the pot of a period, its distribution between members, the peer
 * recognition round, members' objections, the payroll export, and the pay simulator.
 *
 * open → closed (figures frozen and proposed) → approved (after objections are answered) →
 * exported (the payroll CSV, downloadable again) → paid; closed → open to correct.
 */
export const REMUNERATION_PERIOD_STATUSES = ['open', 'closed', 'approved', 'exported', 'paid'] as const;
export type RemunerationPeriodStatus = (typeof REMUNERATION_PERIOD_STATUSES)[number];

/** Who acts, as the gateway knows it: a network admin acts as a coordinator; `memberId` is the caller's own member file on the site. */
export interface PeriodActor {
  userId: string;
  role: 'coordinator' | 'member' | 'accountant';
  memberId: string | null;
}

export interface PeriodTotals {
  /** The pot (may be negative: a deficit carried over). */
  pot: string;
  distributed: string;
  /** Left in the pot (no basis, caps) and carried over with any deficit. */
  undistributed: string;
  /** What the next period inherits: deficit + undistributed. */
  carryOverToNext: string;
}

export interface PeriodSummary {
  id: string;
  siteId: string;
  startsOn: string;
  endsOn: string;
  status: RemunerationPeriodStatus;
  /** The payroll month ("2026-03"): the weeks of a month are paid together. */
  payMonth: string;
  /** Frozen at close; null while open (GET the period for the live preview). */
  totals: PeriodTotals | null;
  closedAt: string | null;
  closedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  exportedAt: string | null;
  paidAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type PeriodPage = Page<PeriodSummary>;

export interface PotTermView {
  /**
   * 'credit_notes' only in figures frozen at a close before the pot counted money collected alone
   * (credit notes no longer a term, docs/remuneration.md): those figures are kept as approved.
   */
  kind: 'payments' | 'credit_notes' | 'refunds' | 'host_contribution' | 'expenses' | 'reserve_rate' | 'reserve_fixed' | 'carry_over';
  /** French, for people. */
  label: string;
  /** Signed as it counts: deductions are negative. */
  amount: string;
  detail: string;
}

export interface RuleBasisView {
  unit: 'hours' | 'weighted_hours' | 'members' | 'points';
  quantity: string;
  total: string;
}

export interface RuleShareView {
  rule: 'time' | 'equal' | 'peer' | 'mission';
  amount: string;
  beforeCap: string;
  basis: RuleBasisView;
  /** French: how the part was obtained. */
  explanation: string;
}

/** Hours counted for a member in the period, by kind (decimal strings, "7.50"). */
export interface HoursByKind {
  mission: string;
  contributiveDay: string;
  collectiveTask: string;
  peerTraining: string;
}

export interface MemberShareView {
  memberId: string;
  /** "Prénom Nom" (a pseudonym once the member is erased): names and amounts, never personal data. */
  name: string;
  total: string;
  beforeCap: string;
  byRule: RuleShareView[];
  capAdjustment: { amount: string; explanation: string } | null;
  hours: HoursByKind;
}

export interface RulePartView {
  rule: 'time' | 'equal' | 'peer' | 'mission';
  weight: number;
  hasBasis: boolean;
  amount: string;
  unit: RuleBasisView['unit'];
  basisTotal: string;
  explanation: string;
}

/** A money movement (payment, credit note, refund, expense) the period counts. */
export interface CountedMovement {
  id: string;
  kind: 'payment' | 'credit_note' | 'refund' | 'expense';
  occurredOn: string;
  net: string;
  vat: string;
  /** Invoice number, credit note number or expense category. */
  reference: string;
  missionId: string | null;
  /** Dated before the period: arrived after its own period was frozen (carry-in). */
  carriedIn: boolean;
}

export interface CountedMission {
  missionId: string;
  title: string;
  completedOn: string;
  /** What the mission earned less its costs as known at the computation (all its movements dated up to the period's end). */
  margin: string;
  carriedIn: boolean;
  participants: { memberId: string; name: string; hours: string }[];
}

export interface PeriodFigures {
  /** `preview` while the period is open (computed as the close would, changes until then); `frozen` once closed. */
  kind: 'preview' | 'frozen';
  /** French, for people: says whether these are a preview or the frozen figures. */
  label: string;
  computedAt: string;
  pot: { terms: PotTermView[]; pot: string; distributable: string; deficit: string; base: string };
  distribution: {
    distributable: string;
    distributed: string;
    undistributed: string;
    undistributedReason: 'none' | 'no_basis' | 'all_capped';
    rules: RulePartView[];
  };
  carryOverToNext: string;
  /** One per member involved or active in the period, by name. */
  shares: MemberShareView[];
  recognition: {
    budget: number;
    /** Totals received are shown once the period is closed. */
    totalsVisible: boolean;
    totals: { memberId: string; name: string; points: number }[] | null;
  };
  ledger: { movements: CountedMovement[]; missions: CountedMission[] };
}

export interface PeriodView extends PeriodSummary {
  figures: PeriodFigures;
  openObjections: number;
}

export interface ListPeriodsRequest extends PageRequest {
  siteId: string;
  status?: RemunerationPeriodStatus;
}

export interface CreatePeriodRequest {
  siteId: string;
  actor: PeriodActor;
  startsOn: unknown;
  endsOn: unknown;
}

export interface GetPeriodRequest {
  siteId: string;
  periodId: string;
}

/** close, reopen, approve, mark paid. */
export interface PeriodActionRequest {
  siteId: string;
  periodId: string;
  actor: PeriodActor;
}

export interface PeriodExport {
  filename: string;
  /** `text/csv; charset=utf-8` */
  contentType: string;
  /** The file's text, starting with a UTF-8 byte order mark. */
  content: string;
  lines: number;
  total: string;
}

export const OBJECTION_STATUSES = ['open', 'answered'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export interface Objection {
  id: string;
  periodId: string;
  memberId: string;
  name: string;
  text: string;
  status: ObjectionStatus;
  answer: string | null;
  answeredBy: string | null;
  createdAt: string;
  answeredAt: string | null;
}

export interface CreateObjectionRequest {
  siteId: string;
  periodId: string;
  actor: PeriodActor;
  text: unknown;
}

export interface AnswerObjectionRequest {
  siteId: string;
  periodId: string;
  objectionId: string;
  actor: PeriodActor;
  answer: unknown;
}

export interface ListObjectionsRequest {
  siteId: string;
  periodId: string;
  actor: PeriodActor;
}

export interface ObjectionList {
  /** Coordinators and accountants: every objection; a member: their own. */
  items: Objection[];
  open: number;
}

export interface Recognition {
  id: string;
  periodId: string;
  fromMemberId: string;
  toMemberId: string;
  toName: string;
  points: number;
  note: string | null;
  createdAt: string;
}

export interface GiveRecognitionRequest {
  siteId: string;
  periodId: string;
  actor: PeriodActor;
  toMemberId: unknown;
  points: unknown;
  note?: unknown;
}

export interface GivenRecognition extends Recognition {
  /** Points the giver has left in the period. */
  remaining: number;
}

export interface ListRecognitionsRequest {
  siteId: string;
  periodId: string;
  actor: PeriodActor;
}

export interface RecognitionRound {
  periodId: string;
  status: RemunerationPeriodStatus;
  budget: number;
  /** The caller's own gifts (never anyone else's), empty without a member file. */
  given: Recognition[];
  /** Points the caller has left (0 once the period is closed: unspent points are lost). */
  remaining: number;
  totalsVisible: boolean;
  /** Points received per member, once the period is closed; null while open. */
  totals: { memberId: string; name: string; points: number }[] | null;
}

export interface SimulatePayRequest {
  siteId: string;
  amount: unknown;
}

/** An estimate, never a payslip (labelled so). */
export interface PayEstimateView {
  estimate: true;
  label: 'estimation';
  table: { validFrom: string; label: string };
  employerCost: string;
  gross: string;
  employerContributions: string;
  employerRate: string;
  employerMutual: string;
  employeeContributions: string;
  employeeRate: string;
  employeeMutual: string;
  net: string;
  unused: string;
  lines: string[];
}
