/**
 * Every domain event the services publish, by its constant: the one list of the event catalogue.
 * Subscriptions bind each handler to one of these (`on(EVENT_V1, handler)` in the platform), which
 * gives the handler its payload type; `EventMap` names that type per event. A test checks that
 * every event definition the contracts export is listed here (event-map.spec.ts).
 */
import { EventDefinition } from './envelope';
import { SITE_USER_CHANGED_V1 } from './events/gateway/site-user-changed.v1';
import { CLIENT_CREATED_V1, CLIENT_UPDATED_V1 } from './events/commerce/client-changed.v1';
import { CREDIT_NOTE_ISSUED_V1 } from './events/commerce/credit-note-issued.v1';
import { EXPENSE_APPROVED_V1 } from './events/commerce/expense-approved.v1';
import { INVOICE_ISSUED_V1 } from './events/commerce/invoice-issued.v1';
import { INVOICE_PAID_V1 } from './events/commerce/invoice-paid.v1';
import { MISSION_COMPLETED_V1 } from './events/commerce/mission-completed.v1';
import { MISSION_TEAM_CONFIRMED_V1 } from './events/commerce/mission-team-confirmed.v1';
import { PAYMENT_RECORDED_V1 } from './events/commerce/payment-recorded.v1';
import { REFUND_RECORDED_V1 } from './events/commerce/refund-recorded.v1';
import { QUOTE_ACCEPTED_V1, QUOTE_DECLINED_V1, QUOTE_SENT_V1 } from './events/commerce/quote-decided.v1';
// worker: quotes (commerce's expiry sweep)
import { QUOTE_EXPIRED_V1 } from './events/commerce/quote-expired.v1';
import { E_INVOICE_REFUSED_V1 } from './events/commerce/e-invoice-refused.v1';
import { CAPE_RENEWED_V1, CAPE_SIGNED_V1, CAPE_TERMINATED_V1 } from './events/membership/cape-contract-changed.v1';
import { HOST_STRUCTURE_CREATED_V1, HOST_STRUCTURE_UPDATED_V1 } from './events/membership/host-structure-changed.v1';
import { INTERVIEW_HELD_V1 } from './events/membership/interview-held.v1';
import { JOURNEY_CHANGED_V1 } from './events/membership/journey-changed.v1';
import { MEMBER_JOINED_V1, MEMBER_LEFT_V1, MEMBER_REJOINED_V1, MEMBER_UPDATED_V1 } from './events/membership/member-changed.v1';
import { MEMBER_ERASED_V1 } from './events/membership/member-erased.v1';
import { SITE_CREATED_V1, SITE_UPDATED_V1 } from './events/membership/site-changed.v1';
// networking: help requests, reciprocity
import {
  HELP_HOURS_CONFIRMED_V1,
  HELP_OFFER_ACCEPTED_V1,
  HELP_OFFER_MADE_V1,
  HELP_REQUEST_CANCELLED_V1,
  HELP_REQUEST_DONE_V1,
  HELP_REQUEST_POSTED_V1,
} from './events/networking/help-request-changed.v1';
import { RECIPROCITY_RECORDED_V1 } from './events/networking/reciprocity-recorded.v1';
// networking: equipment, launches
import {
  EQUIPMENT_LOAN_ACCEPTED_V1,
  EQUIPMENT_LOAN_CANCELLED_V1,
  EQUIPMENT_LOAN_CHECKED_OUT_V1,
  EQUIPMENT_LOAN_DECLINED_V1,
  EQUIPMENT_LOAN_REQUESTED_V1,
  EQUIPMENT_LOAN_RETURNED_V1,
} from './events/networking/equipment-loan.v1';
import { LAUNCH_STEP_COMPLETED_V1 } from './events/networking/launch-step-completed.v1';
import { REMINDER_SENT_V1 } from './events/worker/reminder-sent.v1';
import { PERIOD_APPROVED_V1 } from './events/remuneration/period-approved.v1';
import { PERIOD_CLOSED_V1 } from './events/remuneration/period-closed.v1';
import { CONTRIBUTION_DECIDED_V1 } from './events/remuneration/contribution-decided.v1';
// worker: reports
import { REPORT_COMPLETED_V1 } from './events/worker/report-completed.v1';

export const EVENTS = {
  // gateway: the sites' users (for the worker's notifications)
  SITE_USER_CHANGED_V1,
  // membership
  CAPE_SIGNED_V1,
  CAPE_RENEWED_V1,
  CAPE_TERMINATED_V1,
  HOST_STRUCTURE_CREATED_V1,
  HOST_STRUCTURE_UPDATED_V1,
  INTERVIEW_HELD_V1,
  JOURNEY_CHANGED_V1,
  MEMBER_JOINED_V1,
  MEMBER_UPDATED_V1,
  MEMBER_LEFT_V1,
  MEMBER_REJOINED_V1,
  MEMBER_ERASED_V1,
  SITE_CREATED_V1,
  SITE_UPDATED_V1,
  // commerce
  CLIENT_CREATED_V1,
  CLIENT_UPDATED_V1,
  CREDIT_NOTE_ISSUED_V1,
  EXPENSE_APPROVED_V1,
  INVOICE_ISSUED_V1,
  INVOICE_PAID_V1,
  MISSION_COMPLETED_V1,
  MISSION_TEAM_CONFIRMED_V1,
  PAYMENT_RECORDED_V1,
  REFUND_RECORDED_V1,
  QUOTE_SENT_V1,
  QUOTE_ACCEPTED_V1,
  QUOTE_DECLINED_V1,
  // worker: quotes (commerce's expiry sweep)
  QUOTE_EXPIRED_V1,
  E_INVOICE_REFUSED_V1,
  // remuneration
  PERIOD_APPROVED_V1,
  PERIOD_CLOSED_V1,
  CONTRIBUTION_DECIDED_V1,
  // networking: help requests, reciprocity
  HELP_REQUEST_POSTED_V1,
  HELP_OFFER_MADE_V1,
  HELP_OFFER_ACCEPTED_V1,
  HELP_REQUEST_DONE_V1,
  HELP_HOURS_CONFIRMED_V1,
  HELP_REQUEST_CANCELLED_V1,
  RECIPROCITY_RECORDED_V1,
  // networking: equipment, launches
  EQUIPMENT_LOAN_REQUESTED_V1,
  EQUIPMENT_LOAN_ACCEPTED_V1,
  EQUIPMENT_LOAN_DECLINED_V1,
  EQUIPMENT_LOAN_CANCELLED_V1,
  EQUIPMENT_LOAN_CHECKED_OUT_V1,
  EQUIPMENT_LOAN_RETURNED_V1,
  LAUNCH_STEP_COMPLETED_V1,
  // worker: dunning
  REMINDER_SENT_V1,
  // worker: reports
  REPORT_COMPLETED_V1,
} as const;

export type EventName = keyof typeof EVENTS;
/** The payload type an event definition carries. */
export type EventData<D> = D extends EventDefinition<infer TData> ? TData : never;
/** `{ MEMBER_JOINED_V1: MemberChangedV1; INVOICE_ISSUED_V1: InvoiceIssuedV1; … }` */
export type EventMap = { [E in EventName]: EventData<(typeof EVENTS)[E]> };
