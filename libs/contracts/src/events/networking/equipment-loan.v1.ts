import { defineEvent } from '../../envelope';
import { ReservationStatus } from '../../rpc/networking/equipment';

/**
 * A reservation of shared equipment changed: which item, which two sites, the range and where it
 * stands. Sites and equipment only, never a person. `siteId` of the envelope is the lending site.
 */
export interface EquipmentLoanChangedV1 {
  reservationId: string;
  equipmentId: string;
  equipmentName: string;
  ownerSiteId: string;
  borrowerSiteId: string;
  startsAt: string;
  endsAt: string;
  status: ReservationStatus;
  /** Valued loans only: reciprocity hours, decimal string ("8.00"). */
  hours: string | null;
}

export const EQUIPMENT_LOAN_REQUESTED_V1 = defineEvent<EquipmentLoanChangedV1>('networking.equipment_loan.requested', 1);
export const EQUIPMENT_LOAN_ACCEPTED_V1 = defineEvent<EquipmentLoanChangedV1>('networking.equipment_loan.accepted', 1);
export const EQUIPMENT_LOAN_DECLINED_V1 = defineEvent<EquipmentLoanChangedV1>('networking.equipment_loan.declined', 1);
export const EQUIPMENT_LOAN_CANCELLED_V1 = defineEvent<EquipmentLoanChangedV1>('networking.equipment_loan.cancelled', 1);
export const EQUIPMENT_LOAN_CHECKED_OUT_V1 = defineEvent<EquipmentLoanChangedV1>('networking.equipment_loan.checked_out', 1);
export const EQUIPMENT_LOAN_RETURNED_V1 = defineEvent<EquipmentLoanChangedV1>('networking.equipment_loan.returned', 1);
