/**
 * Dunning (relances) of unpaid invoices, run by the worker (issue 13 §2). Money as decimal strings,
 * days as YYYY-MM-DD, instants ISO 8601. Levels: 0 courtesy notice before the due date, 1 and 2
 * reminders, 3 formal notice (mise en demeure: a draft a coordinator reviews and sends).
 */
export type DunningLevelNumber = 0 | 1 | 2 | 3;

export interface DunningLevelSetting {
  enabled: boolean;
  /** Days after the due date (0–365). */
  delayDays: number;
}

export interface DunningPolicyView {
  siteId: string;
  courtesy: { enabled: boolean; daysBefore: number };
  level1: DunningLevelSetting;
  level2: DunningLevelSetting;
  level3: DunningLevelSetting;
  /** Send window, whole hours in Paris time: from sendFromHour:00 until sendUntilHour:00. */
  sendFromHour: number;
  sendUntilHour: number;
  /** False while the site uses the defaults. */
  customised: boolean;
  updatedAt: string | null;
}

export type DunningPolicyInput = Omit<DunningPolicyView, 'siteId' | 'customised' | 'updatedAt'>;

export interface DunningActor {
  userId: string;
}

export interface GetDunningPolicyRequest {
  siteId: string;
}

export interface SetDunningPolicyRequest {
  siteId: string;
  policy: DunningPolicyInput;
  actor: DunningActor;
}

export interface DunningInvoiceRequest {
  siteId: string;
  invoiceId: string;
}

export interface PauseDunningRequest extends DunningInvoiceRequest {
  reason: string;
  actor: DunningActor;
}

export interface ResumeDunningRequest extends DunningInvoiceRequest {
  actor: DunningActor;
}

export const COLLECTION_NOTE_KINDS = ['call', 'promise_to_pay', 'note'] as const;
export type CollectionNoteKind = (typeof COLLECTION_NOTE_KINDS)[number];

export interface AddCollectionNoteRequest extends DunningInvoiceRequest {
  kind: CollectionNoteKind;
  text: string;
  /** A promise to pay: the day promised (required) and the amount (optional). */
  promisedOn?: string;
  promisedAmount?: string;
  actor: DunningActor;
}

/** One line of the collection log, oldest first. */
export type CollectionEntry =
  | { type: 'reminder'; at: string; level: DunningLevelNumber; status: 'pending' | 'queued' | 'draft' | 'dropped'; by: string | null }
  | { type: 'pause'; at: string; reason: string; by: string; resumedAt: string | null; resumedBy: string | null }
  | { type: CollectionNoteKind; at: string; text: string; promisedOn: string | null; promisedAmount: string | null; by: string };

export interface DunningStatus {
  /** Highest level recorded (-1: none yet). */
  level: DunningLevelNumber | -1;
  paused: boolean;
  settled: boolean;
  /** What the schedule will do next if nothing changes, or null (settled, paused, all done). */
  nextStep: { level: DunningLevelNumber; action: 'send' | 'draft'; on: string } | null;
}

export interface CollectionLog {
  invoiceId: string;
  siteId: string;
  number: string;
  dueOn: string;
  total: string;
  paid: string;
  credited: string;
  outstanding: string;
  status: DunningStatus;
  entries: CollectionEntry[];
}

export interface DunningStatusesRequest {
  siteIds: string[];
  invoiceIds: string[];
}

/** Per invoice id (absent: the worker has not seen the invoice yet). */
export interface DunningStatuses {
  statuses: Record<string, DunningStatus>;
}

export interface DunningDraft {
  invoiceId: string;
  siteId: string;
  number: string;
  dueOn: string;
  outstanding: string;
  preparedAt: string;
}

export interface ListDunningDraftsRequest {
  siteId: string;
}

export interface DunningDraftList {
  items: DunningDraft[];
}

/** A formal notice's letter as it would be sent today, for the coordinator to read before sending (A4 PDF, base64). */
export interface DunningDraftLetter {
  filename: string;
  contentType: 'application/pdf';
  base64: string;
}

export interface SendDunningDraftRequest extends DunningInvoiceRequest {
  actor: DunningActor;
}
