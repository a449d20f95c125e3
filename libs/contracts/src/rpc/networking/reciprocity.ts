import { ReciprocityMovementKind } from '../../events/networking/reciprocity-recorded.v1';
import { Page, PageRequest } from '../page';
import { NetworkActor } from './network-actor';

/**
 * The reciprocity ledger between sites (issue 12 §4): double entry in hours. A balance is a
 * contribution to the commons (given − received), never a debt.
 */
export interface ReciprocityMovement {
  id: string;
  kind: ReciprocityMovementKind;
  giverSiteId: string;
  giverSiteName: string;
  receiverSiteId: string;
  receiverSiteName: string;
  hours: string;
  sourceId: string;
  label: string;
  recordedBy: string;
  recordedAt: string;
  reversesId: string | null;
  /** The reversal of this movement, if it was reversed. */
  reversedById: string | null;
}

export interface SiteReciprocityBalance {
  siteId: string;
  name: string;
  /** Hours given to other sites ("a donné 42 h"). */
  given: string;
  /** Hours received from other sites. */
  received: string;
  /** given − received; may be negative. */
  balance: string;
  /** Below the network's soft limit: flagged on the board, never blocked. */
  belowSoftLimit: boolean;
  /** "a donné 42 h, a reçu 14 h" */
  summary: string;
}

export interface ReciprocityBoard {
  balances: SiteReciprocityBalance[];
  /** The sum of every balance: always "0.00" (double entry). */
  total: string;
  softLimit: string | null;
  movements: Page<ReciprocityMovement>;
}

export interface SiteReciprocity extends SiteReciprocityBalance {
  softLimit: string | null;
  movements: Page<ReciprocityMovement>;
  /** Manual entries waiting for one of the two sites. */
  pendingEntries: ManualEntry[];
}

export interface MovementFilters extends PageRequest {
  siteId?: string;
  kind?: ReciprocityMovementKind;
  /** Recorded on or after this day (Paris). */
  from?: string;
  /** Recorded on or before this day (Paris). */
  to?: string;
}

export interface ReciprocityBoardRequest extends MovementFilters {
  actor: NetworkActor;
}

export interface SiteReciprocityRequest extends Omit<MovementFilters, 'siteId'> {
  siteId: string;
}

export interface ReciprocityStatementRequest {
  siteId: string;
  year: number;
}

export interface ReciprocityStatement {
  filename: string;
  csv: string;
}

export interface ReverseMovementRequest {
  actor: NetworkActor;
  movementId: string;
  reason: string;
}

// Templates: "micro-accompagnement 2 jours = 14 h", managed by the network admin.

export const TEMPLATE_KINDS = ['help', 'accompaniment', 'equipment_loan', 'manual'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface ReciprocityTemplate {
  id: string;
  label: string;
  kind: TemplateKind;
  hours: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ReciprocityTemplateInput {
  label: string;
  kind: TemplateKind;
  hours: string;
}

export interface CreateTemplateRequest {
  actor: NetworkActor;
  template: ReciprocityTemplateInput;
}

export interface UpdateTemplateRequest {
  actor: NetworkActor;
  templateId: string;
  changes: Partial<ReciprocityTemplateInput> & { active?: boolean };
}

export interface ListTemplatesRequest {
  includeInactive?: boolean;
}

export interface TemplateList {
  items: ReciprocityTemplate[];
}

export interface ReciprocitySettings {
  /** Balances below this (e.g. "-20.00") are flagged; null: no limit. */
  softLimit: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface UpdateReciprocitySettingsRequest {
  actor: NetworkActor;
  softLimit: string | null;
}

// Manual entries: proposed by one site, confirmed by the other, then one movement.

export const MANUAL_ENTRY_STATUSES = ['proposed', 'confirmed', 'rejected'] as const;
export type ManualEntryStatus = (typeof MANUAL_ENTRY_STATUSES)[number];

export interface ManualEntryInput {
  /** The other site of the exchange. */
  otherSiteId: string;
  /** From the proposing site's side: it `gave` the hours, or `received` them. */
  direction: 'gave' | 'received';
  /** Hours, or left out to take the template's. */
  hours?: string | null;
  templateId?: string | null;
  /** What was done: left out to take the template's label. */
  label?: string | null;
}

export interface ManualEntry {
  id: string;
  proposedBySiteId: string;
  giverSiteId: string;
  giverSiteName: string;
  receiverSiteId: string;
  receiverSiteName: string;
  hours: string;
  label: string;
  templateId: string | null;
  status: ManualEntryStatus;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionMessage: string | null;
  movementId: string | null;
}

export interface ProposeManualEntryRequest {
  siteId: string;
  actor: NetworkActor;
  entry: ManualEntryInput;
}

export interface DecideManualEntryRequest {
  actor: NetworkActor;
  entryId: string;
  message?: string | null;
}
