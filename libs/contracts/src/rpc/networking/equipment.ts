import { Page, PageRequest } from '../page';

/**
 * Shared equipment (§5 of the networking service): what a site lends to the others of the region
 * (a shared kitchen, sewing machines, tools, a van), and the reservations other sites make of it.
 * Region-wide by design: every logged-in user of the region sees the equipment on offer.
 */

/** A loan may be valued in reciprocity hours: per started day, per started half-day, or per loan. */
export const EQUIPMENT_VALUE_UNITS = ['day', 'half_day', 'loan'] as const;
export type EquipmentValueUnit = (typeof EQUIPMENT_VALUE_UNITS)[number];

export interface EquipmentValue {
  /** Reciprocity hours per unit, decimal string with two decimals ("4.00"), > 0. */
  hours: string;
  per: EquipmentValueUnit;
}

export const EQUIPMENT_STATUSES = ['available', 'withdrawn'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

export interface EquipmentInput {
  name: string;
  description: string;
  /** What the borrower must have first, e.g. "formation hygiène alimentaire (HACCP)". */
  prerequisite?: string | null;
  /** Deposit asked (chèque de caution), euros as a decimal string ("300.00"). */
  deposit?: string | null;
  /** Longest reservation, in hours (1..8760). */
  maxDurationHours?: number | null;
  /** The loan's value in reciprocity hours; null: lent without counting. */
  value?: EquipmentValue | null;
}

export type EquipmentChanges = Partial<EquipmentInput>;

export interface Equipment {
  id: string;
  siteId: string;
  siteName: string;
  name: string;
  description: string;
  prerequisite: string | null;
  deposit: string | null;
  maxDurationHours: number | null;
  value: EquipmentValue | null;
  status: EquipmentStatus;
  /** Distance from the `near` point of a search, in km with one decimal; null otherwise (or when the site has no coordinates). */
  distanceKm: number | null;
  createdAt: string;
  updatedAt: string;
}

export type EquipmentPage = Page<Equipment>;

export interface CreateEquipmentRequest {
  siteId: string;
  actor: string;
  equipment: EquipmentInput;
}

export interface UpdateEquipmentRequest {
  siteId: string;
  equipmentId: string;
  actor: string;
  changes: EquipmentChanges;
}

export interface WithdrawEquipmentRequest {
  siteId: string;
  equipmentId: string;
  actor: string;
}

export interface GetEquipmentRequest {
  equipmentId: string;
}

export interface ListEquipmentRequest extends PageRequest {
  /** Words of the name or description, accents and case ignored. */
  q?: string;
  /** Only equipment of sites within `km` of this point (the lending site's venue coordinates). */
  near?: { latitude: number; longitude: number; km: number };
  /** One site's equipment, withdrawn included when it is the caller's own (the gateway decides). */
  siteId?: string;
  includeWithdrawn?: boolean;
}

/**
 * A reservation's life: requested by the borrowing site's coordinator → accepted or declined by
 * the owner → checked out (condition noted) → returned (condition noted, hours into the ledger).
 * Cancelled by either side before check-out. Requested, accepted, checked-out and returned
 * reservations hold their time range: no other reservation of the item may overlap it.
 */
export const RESERVATION_STATUSES = ['requested', 'accepted', 'declined', 'cancelled', 'checked_out', 'returned'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const RESERVATION_ACTIONS = ['accept', 'decline', 'cancel', 'check_out', 'return'] as const;
export type ReservationAction = (typeof RESERVATION_ACTIONS)[number];

export interface EquipmentReservation {
  id: string;
  equipmentId: string;
  equipmentName: string;
  /** The lending site. */
  ownerSiteId: string;
  /** The borrowing site. */
  borrowerSiteId: string;
  /** ISO 8601 instants; the range is [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
  note: string | null;
  status: ReservationStatus;
  /** The owner's message with a decline, the reason of a cancellation. */
  message: string | null;
  checkedOutAt: string | null;
  checkOutCondition: string | null;
  returnedAt: string | null;
  returnCondition: string | null;
  /** The loan's value in reciprocity hours (from the equipment's value and the reserved range); null: not valued. */
  hours: string | null;
  /** The reciprocity movement written at return, for a valued loan. */
  movementId: string | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}

export type EquipmentReservationPage = Page<EquipmentReservation>;

export interface ReserveEquipmentRequest {
  /** The borrowing site. */
  siteId: string;
  actor: string;
  equipmentId: string;
  startsAt: string;
  endsAt: string;
  note?: string | null;
}

export interface ReservationActionRequest {
  /** The site acting: the owner (accept, decline, check out, return) or either side (cancel). */
  siteId: string;
  reservationId: string;
  actor: string;
  action: ReservationAction;
  /** Decline/cancel: the message; check out/return: the condition of the equipment. */
  text?: string | null;
}

export interface ListReservationsRequest extends PageRequest {
  siteId: string;
  /** `owner`: reservations of the site's equipment; `borrower`: the site's own reservations; both if absent. */
  side?: 'owner' | 'borrower';
  status?: ReservationStatus;
}
