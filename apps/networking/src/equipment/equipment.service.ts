import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateEquipmentRequest,
  DomainError,
  EQUIPMENT_LOAN_ACCEPTED_V1,
  EQUIPMENT_LOAN_CANCELLED_V1,
  EQUIPMENT_LOAN_CHECKED_OUT_V1,
  EQUIPMENT_LOAN_DECLINED_V1,
  EQUIPMENT_LOAN_REQUESTED_V1,
  EQUIPMENT_LOAN_RETURNED_V1,
  Equipment,
  EquipmentLoanChangedV1,
  EquipmentPage,
  EquipmentReservation,
  EquipmentReservationPage,
  EventDefinition,
  GetEquipmentRequest,
  ListEquipmentRequest,
  ListReservationsRequest,
  ReservationAction,
  ReservationActionRequest,
  ReserveEquipmentRequest,
  siteIdOf,
  UpdateEquipmentRequest,
  WithdrawEquipmentRequest,
} from '@kpa/contracts';
import { createEvent, decodeCursor, encodeCursor, pageSize, UnitOfWork } from '@kpa/platform';
import { ReciprocityLedger } from '../reciprocity/reciprocity-ledger';
import { changedTerms, equipmentTerms, searchTextOf, searchWords } from './equipment';
import { EquipmentRecord, EquipmentRepository, ReservationRecord } from './equipment.repository';
import { checkReservationRange, loanHours, nextReservationStatus } from './reservation';

const LOAN_EVENTS: Record<ReservationAction, EventDefinition<EquipmentLoanChangedV1>> = {
  accept: EQUIPMENT_LOAN_ACCEPTED_V1,
  decline: EQUIPMENT_LOAN_DECLINED_V1,
  cancel: EQUIPMENT_LOAN_CANCELLED_V1,
  check_out: EQUIPMENT_LOAN_CHECKED_OUT_V1,
  return: EQUIPMENT_LOAN_RETURNED_V1,
};

const EQUIPMENT_SCOPE = 'networking.equipment';
const RESERVATION_SCOPE = 'networking.equipment_reservation';

function loanChanged(reservation: ReservationRecord, equipmentName: string): EquipmentLoanChangedV1 {
  return {
    reservationId: reservation.id,
    equipmentId: reservation.equipmentId,
    equipmentName,
    ownerSiteId: reservation.ownerSiteId,
    borrowerSiteId: reservation.borrowerSiteId,
    startsAt: reservation.startsAt.toISOString(),
    endsAt: reservation.endsAt.toISOString(),
    status: reservation.status,
    hours: reservation.hours,
  };
}

function requiredText(text: string | null | undefined, action: ReservationAction): string {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') {
    throw new DomainError('VALIDATION_FAILED', `text is required to ${action.replace('_', ' ')}: the condition of the equipment (e.g. "propre, complet").`, { field: 'text' });
  }
  return trimmed;
}

/** Shared equipment: what sites lend, and the reservations of the others (one transaction each). */
@Injectable()
export class EquipmentService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly equipment: EquipmentRepository,
    private readonly ledger: ReciprocityLedger,
  ) {}

  create(request: CreateEquipmentRequest): Promise<Equipment> {
    const terms = equipmentTerms(request.equipment);
    const record: EquipmentRecord = { ...terms, id: uuidv7(), siteId: siteIdOf(request.siteId), status: 'available' };
    return this.unitOfWork.run(async ({ manager }) => {
      await this.equipment.insert(record, searchTextOf(terms), request.actor, new Date(), manager);
      return this.equipment.get(record.id, manager);
    });
  }

  update(request: UpdateEquipmentRequest): Promise<Equipment> {
    return this.unitOfWork.run(async ({ manager }) => {
      const current = await this.equipment.findForChange(request.equipmentId, request.siteId, manager);
      const terms = changedTerms(current, request.changes);
      await this.equipment.update({ ...current, ...terms }, searchTextOf(terms), new Date(), manager);
      return this.equipment.get(current.id, manager);
    });
  }

  /** No longer offered: hidden from the network list; reservations already made stay (the owner may cancel them). */
  withdraw(request: WithdrawEquipmentRequest): Promise<Equipment> {
    return this.unitOfWork.run(async ({ manager }) => {
      const current = await this.equipment.findForChange(request.equipmentId, request.siteId, manager);
      if (current.status !== 'withdrawn') await this.equipment.update({ ...current, status: 'withdrawn' }, searchTextOf(current), new Date(), manager);
      return this.equipment.get(current.id, manager);
    });
  }

  get(request: GetEquipmentRequest): Promise<Equipment> {
    return this.equipment.get(request.equipmentId);
  }

  async list(request: ListEquipmentRequest): Promise<EquipmentPage> {
    const limit = pageSize(request);
    const rows = await this.equipment.list({
      words: searchWords(request.q),
      near: request.near,
      siteId: request.siteId,
      includeWithdrawn: request.includeWithdrawn === true,
      after: decodeCursor(request.cursor, EQUIPMENT_SCOPE),
      limit,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }, EQUIPMENT_SCOPE) : null };
  }

  /**
   * Another site's coordinator asks for the item over a time range. The item's row is locked
   * first, so concurrent requests for it queue: the first holds the range, each other one
   * overlapping it gets 409 RESERVATION_OVERLAP with the range it hit.
   */
  reserve(request: ReserveEquipmentRequest): Promise<EquipmentReservation> {
    const borrowerSiteId = siteIdOf(request.siteId.toLowerCase());
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    const now = new Date();
    return this.unitOfWork.run(async (tx) => {
      const item = await this.equipment.findForChange(request.equipmentId, null, tx.manager);
      if (item.status === 'withdrawn') throw new DomainError('EQUIPMENT_WITHDRAWN', 'This equipment is no longer lent by its site.', { equipmentId: item.id });
      if (item.siteId === borrowerSiteId) {
        throw new DomainError('RESERVATION_OWN_EQUIPMENT', 'A site does not reserve its own equipment: reservations are for the other sites of the network.', {
          equipmentId: item.id,
        });
      }
      checkReservationRange(startsAt, endsAt, now, item.maxDurationHours);
      const conflict = await this.equipment.overlapping(item.id, startsAt, endsAt, tx.manager);
      if (conflict) {
        const range = { startsAt: conflict.startsAt.toISOString(), endsAt: conflict.endsAt.toISOString() };
        throw new DomainError('RESERVATION_OVERLAP', `This equipment is already reserved from ${range.startsAt} to ${range.endsAt}: choose a range outside it.`, {
          equipmentId: item.id,
          conflictingRange: range,
        });
      }
      const reservation: ReservationRecord = {
        id: uuidv7(),
        equipmentId: item.id,
        ownerSiteId: item.siteId,
        borrowerSiteId,
        startsAt,
        endsAt,
        status: 'requested',
        message: null,
        checkedOutAt: null,
        checkOutCondition: null,
        returnedAt: null,
        returnCondition: null,
        // The value is fixed when asked for: a later change of the item's terms does not change a loan agreed on.
        hours: loanHours(item.value, startsAt, endsAt),
        movementId: null,
      };
      await this.equipment.insertReservation({ ...reservation, note: request.note?.trim() || null, requestedBy: request.actor }, now, tx.manager);
      await tx.publish(createEvent(EQUIPMENT_LOAN_REQUESTED_V1, item.siteId, loanChanged(reservation, item.name), now));
      return this.equipment.getReservation(reservation.id, tx.manager);
    });
  }

  /** One step of a reservation by one of its two sites; a valued loan writes its hours into the ledger at return. */
  act(request: ReservationActionRequest): Promise<EquipmentReservation> {
    const now = new Date();
    return this.unitOfWork.run(async (tx) => {
      const siteId = request.siteId.toLowerCase();
      const reservation = await this.equipment.findReservationForChange(request.reservationId, siteId, tx.manager);
      const side = reservation.ownerSiteId === siteId ? 'owner' : 'borrower';
      const next: ReservationRecord = { ...reservation, status: nextReservationStatus(reservation.status, request.action, side, reservation.id) };
      const text = request.text?.trim() || null;
      switch (request.action) {
        case 'decline':
        case 'cancel':
          next.message = text;
          break;
        case 'check_out':
          next.checkedOutAt = now;
          next.checkOutCondition = requiredText(text, request.action);
          break;
        case 'return':
          next.returnedAt = now;
          next.returnCondition = requiredText(text, request.action);
          break;
      }
      const current = await this.equipment.getReservation(reservation.id, tx.manager);
      if (request.action === 'return' && next.hours !== null) {
        const { movementId } = await this.ledger.record(tx, {
          kind: 'equipment_loan',
          giverSiteId: siteIdOf(reservation.ownerSiteId),
          receiverSiteId: siteIdOf(reservation.borrowerSiteId),
          hours: next.hours,
          sourceId: reservation.id,
          label: `Prêt de matériel : ${current.equipmentName}`,
          recordedBy: request.actor,
        });
        next.movementId = movementId;
      }
      await this.equipment.updateReservation(next, now, tx.manager);
      await tx.publish(createEvent(LOAN_EVENTS[request.action], reservation.ownerSiteId, loanChanged(next, current.equipmentName), now));
      return this.equipment.getReservation(reservation.id, tx.manager);
    });
  }

  async listReservations(request: ListReservationsRequest): Promise<EquipmentReservationPage> {
    const limit = pageSize(request);
    const rows = await this.equipment.listReservations(request.siteId, request.side, request.status, decodeCursor(request.cursor, RESERVATION_SCOPE), limit);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }, RESERVATION_SCOPE) : null };
  }
}
