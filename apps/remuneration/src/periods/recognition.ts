import { DomainError } from '@kpa/contracts';
import { assertPeriodOpen, PeriodStatus } from './period';

/**
 * The peer recognition round of a period (docs/domain-rules.md §6, Coordinape-like): each active member has
 * a budget of points (100 by default) to give to other members while the period is open, with an
 * optional word of thanks. Nobody gives to themselves; unspent points are lost; a gift goes to an
 * active member only. Individual gifts stay private to their giver; the totals each member received
 * are shown once the period is closed, and feed the `peer` rule of the distribution.
 */

export const DEFAULT_RECOGNITION_BUDGET = 100;
export const MAX_RECOGNITION_BUDGET = 10_000;
export const MAX_RECOGNITION_NOTE_LENGTH = 500;

export interface RecognitionInput {
  toMemberId?: unknown;
  points?: unknown;
  note?: unknown;
}

export interface RecognitionContext {
  fromMemberId: string;
  periodStatus: PeriodStatus;
  /** Only active members have a budget. */
  giverActive: boolean;
  /** The recipient is a member of the site (the service answers MEMBER_NOT_FOUND otherwise): are they active? */
  recipientActive: boolean;
  /** The site's budget per active member and period. */
  budget: number;
  /** Points the giver already gave in this period. */
  alreadyGiven: number;
}

export interface Gift {
  fromMemberId: string;
  toMemberId: string;
  points: number;
  note: string | null;
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

/** The site's budget setting: a whole number of points from 1 to 10 000. */
export function parseRecognitionBudget(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_RECOGNITION_BUDGET;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RECOGNITION_BUDGET) {
    throw invalid('recognitionBudget', `recognitionBudget must be a whole number of points from 1 to ${MAX_RECOGNITION_BUDGET}.`);
  }
  return value;
}

/** Checks a gift: format (VALIDATION_FAILED), open period (PERIOD_NOT_OPEN), not to oneself, to an active member, within the budget. */
export function checkGift(input: RecognitionInput, context: RecognitionContext): Gift {
  if (typeof input.toMemberId !== 'string' || input.toMemberId.trim() === '') throw invalid('toMemberId', 'toMemberId must be the id of the member you thank.');
  const points = input.points;
  if (typeof points !== 'number' || !Number.isInteger(points) || points < 1) throw invalid('points', 'points must be a whole number of at least 1.');
  let note: string | null = null;
  if (input.note !== undefined && input.note !== null && !(typeof input.note === 'string' && input.note.trim() === '')) {
    if (typeof input.note !== 'string' || input.note.trim().length > MAX_RECOGNITION_NOTE_LENGTH)
      throw invalid('note', `note must be text of at most ${MAX_RECOGNITION_NOTE_LENGTH} characters.`);
    note = input.note.trim();
  }
  assertPeriodOpen(context.periodStatus, 'recognition points are given');
  const toMemberId = input.toMemberId.trim();
  if (toMemberId === context.fromMemberId)
    throw new DomainError('SELF_RECOGNITION_REFUSED', 'Recognition points go to other members: you cannot give points to yourself.', { field: 'toMemberId' });
  if (!context.recipientActive)
    throw new DomainError('RECOGNITION_RECIPIENT_INACTIVE', 'This member is no longer active on the site: give your points to an active member.', {
      field: 'toMemberId',
      toMemberId,
    });
  const budget = context.giverActive ? context.budget : 0;
  const remaining = Math.max(0, budget - context.alreadyGiven);
  if (points > remaining) {
    throw new DomainError(
      'RECOGNITION_BUDGET_EXCEEDED',
      context.giverActive
        ? `You have ${remaining} point(s) left of your ${budget} for this period: give at most ${remaining}.`
        : 'Only active members of the site have recognition points to give.',
      { budget, alreadyGiven: context.alreadyGiven, remaining },
    );
  }
  return { fromMemberId: context.fromMemberId, toMemberId, points, note };
}

/** Points received per member (members who received none are absent), in id order. */
export function pointsReceived(gifts: readonly Pick<Gift, 'toMemberId' | 'points'>[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const g of [...gifts].sort((a, b) => (a.toMemberId < b.toMemberId ? -1 : a.toMemberId > b.toMemberId ? 1 : 0)))
    totals.set(g.toMemberId, (totals.get(g.toMemberId) ?? 0) + g.points);
  return totals;
}

/** Points a member has left to give; what is left when the period closes is lost. */
export function remainingPoints(budget: number, given: number, active: boolean): number {
  return active ? Math.max(0, budget - given) : 0;
}

/** Totals received are shown to the site once the period is closed (not while gifts can still change them). */
export function receivedTotalsVisible(status: PeriodStatus): boolean {
  return status !== 'open';
}

/** The gifts a member may read: their own, never who gave what to whom otherwise. */
export function giftsVisibleTo<T extends Pick<Gift, 'fromMemberId'>>(gifts: readonly T[], viewerMemberId: string): T[] {
  return gifts.filter((g) => g.fromMemberId === viewerMemberId);
}
