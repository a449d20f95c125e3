import { defineEvent } from '../../envelope';

export const RECIPROCITY_MOVEMENT_KINDS = ['help', 'accompaniment', 'equipment_loan', 'manual', 'reversal'] as const;
export type ReciprocityMovementKind = (typeof RECIPROCITY_MOVEMENT_KINDS)[number];

/**
 * One movement entered the reciprocity ledger between two sites: `giverSiteId` gave `hours` to
 * `receiverSiteId` (a contribution to the commons, not a debt). Site ids, hours and the source's
 * id only: no label, no person. A reversal names the movement it cancels in `reversesId`.
 */
export interface ReciprocityRecordedV1 {
  movementId: string;
  kind: ReciprocityMovementKind;
  giverSiteId: string;
  receiverSiteId: string;
  /** Decimal string, two decimals ("7.50"), always positive. */
  hours: string;
  /** The help request, loan, session or manual entry it comes from (the reversed movement for a reversal). */
  sourceId: string;
  reversesId: string | null;
  recordedAt: string;
}

/** Stable: the worker and partners build on it. A breaking change is a v2 published beside it. */
export const RECIPROCITY_RECORDED_V1 = defineEvent<ReciprocityRecordedV1>('networking.reciprocity.recorded', 1);
