import { apiLines, decimalInput, type EditorLine } from './invoice-draft';

/**
 * The commerce screens' pure rules: which fields a client's kind asks for, the bodies sent to the
 * API, what a role may do with a quote or an expense, how the receivables board groups. The
 * business rules themselves (SIRET keys, VAT numbers, credit limits) stay the API's: its message
 * shows next to the field it names.
 */

export const CLIENT_KINDS = ['individual', 'company', 'association', 'public_body'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export interface ClientForm {
  kind: ClientKind;
  name: string;
  line: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
  siret: string;
  vatNumber: string;
  chorusServiceCode: string;
  commitmentNumberRequired: boolean;
}

export const EMPTY_CLIENT: ClientForm = {
  kind: 'company',
  name: '',
  line: '',
  postalCode: '',
  city: '',
  email: '',
  phone: '',
  siret: '',
  vatNumber: '',
  chorusServiceCode: '',
  commitmentNumberRequired: false,
};

/** The fields a kind of client shows (the API refuses the others: an individual has no SIRET). */
export function clientFields(kind: ClientKind): { siret: 'required' | 'optional' | null; vatNumber: boolean; chorus: boolean } {
  switch (kind) {
    case 'individual':
      return { siret: null, vatNumber: false, chorus: false };
    case 'association':
      return { siret: 'optional', vatNumber: true, chorus: false };
    case 'company':
      return { siret: 'required', vatNumber: true, chorus: false };
    case 'public_body':
      return { siret: 'required', vatNumber: true, chorus: true };
  }
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The body of POST/PATCH …/clients: the kind's own fields, the others sent as null so a changed kind clears them. */
export function clientBody(form: ClientForm) {
  const fields = clientFields(form.kind);
  return {
    kind: form.kind,
    name: form.name.trim(),
    billingAddress: { line: form.line.trim(), postalCode: form.postalCode.trim(), city: form.city.trim() },
    email: orNull(form.email),
    phone: orNull(form.phone),
    siret: fields.siret ? orNull(form.siret) : null,
    vatNumber: fields.vatNumber ? orNull(form.vatNumber) : null,
    chorusServiceCode: fields.chorus ? orNull(form.chorusServiceCode) : null,
    ...(fields.chorus ? { commitmentNumberRequired: form.commitmentNumberRequired } : {}),
  };
}

/** What the form checks before sending (the API checks the rest): the name and the address. */
export function clientProblems(form: ClientForm): Partial<Record<'name' | 'line' | 'postalCode' | 'city' | 'siret', 'required'>> {
  const problems: Partial<Record<'name' | 'line' | 'postalCode' | 'city' | 'siret', 'required'>> = {};
  for (const field of ['name', 'line', 'postalCode', 'city'] as const) if (form[field].trim() === '') problems[field] = 'required';
  if (clientFields(form.kind).siret === 'required' && form.siret.trim() === '') problems.siret = 'required';
  return problems;
}

/** The form field an API error names: `billingAddress.city` is the city's field. */
export function clientFieldOf(apiField: string | null): keyof ClientForm | null {
  if (!apiField) return null;
  const last = apiField.replace(/^billingAddress\./, '');
  return last in EMPTY_CLIENT ? (last as keyof ClientForm) : apiField === 'billingAddress' ? 'line' : null;
}

/** The client fields whose API refusals the console words itself, plainly (the API speaks English). */
export type ClientApiProblem = 'siret' | 'siretTaken' | 'vatNumber' | 'email' | 'phone' | 'postalCode';

/** Our own sentence for a refusal of the client form, or null to show the API's message. */
export function clientApiProblem(code: string, field: keyof ClientForm | null): ClientApiProblem | null {
  if (code === 'CLIENT_SIRET_TAKEN') return 'siretTaken';
  if (code !== 'VALIDATION_FAILED') return null;
  return field === 'siret' || field === 'vatNumber' || field === 'email' || field === 'phone' || field === 'postalCode' ? field : null;
}

export interface CatalogueForm {
  label: string;
  description: string;
  unit: EditorLine['unit'];
  unitPrice: string;
  vatRate: EditorLine['vatRate'];
  exemptionReason: string;
  nature: EditorLine['nature'];
}

const PRICE = /^\d{1,9}(?:\.\d{1,4})?$/;

/** The body of POST/PATCH …/catalogue, or the field to fix first. */
export function catalogueBody(form: CatalogueForm):
  | {
      ok: true;
      body: {
        label: string;
        description: string | null;
        unit: CatalogueForm['unit'];
        unitPrice: string;
        vatRate: CatalogueForm['vatRate'];
        exemptionReason: string | null;
        nature: CatalogueForm['nature'];
      };
    }
  | { ok: false; field: 'label' | 'unitPrice' | 'exemptionReason' } {
  if (form.label.trim() === '') return { ok: false, field: 'label' };
  const unitPrice = decimalInput(form.unitPrice);
  if (!PRICE.test(unitPrice)) return { ok: false, field: 'unitPrice' };
  const exempt = form.vatRate === '0';
  if (exempt && form.exemptionReason.trim() === '') return { ok: false, field: 'exemptionReason' };
  return {
    ok: true,
    body: {
      label: form.label.trim(),
      description: orNull(form.description),
      unit: form.unit,
      // The API keeps at least two decimals: "12" → "12.00".
      unitPrice: unitPrice.includes('.') ? (unitPrice.split('.')[1].length === 1 ? `${unitPrice}0` : unitPrice) : `${unitPrice}.00`,
      vatRate: form.vatRate,
      exemptionReason: exempt ? form.exemptionReason.trim() : null,
      nature: form.nature,
    },
  };
}

/** The body of POST …/invoices/:id/credit-notes: all that remains, or the lines typed, with the reason. */
export function creditNoteBody(mode: 'full' | 'lines', lines: readonly EditorLine[], reason: string) {
  return mode === 'full' ? { full: true, reason: orNull(reason) } : { lines: apiLines(lines), reason: orNull(reason) };
}

export type Role = 'member' | 'coordinator' | 'accountant' | 'admin';
export type QuoteStatus = 'draft' | 'submitted' | 'validated' | 'sent' | 'accepted' | 'declined' | 'expired';
export type QuoteAction = 'edit' | 'submit' | 'validate' | 'send' | 'accept' | 'decline';

/**
 * What a role may do with a quote in a status (the API's roles: a member drafts and submits, the
 * coordination validates, sends and records the client's answer; an accountant reads).
 */
export function quoteActions(status: QuoteStatus, role: Role): QuoteAction[] {
  const coordination = role === 'coordinator' || role === 'admin';
  if (role === 'accountant') return [];
  switch (status) {
    case 'draft':
      // Every draft goes through the coordination's validation (the API lets only a coordinator's own draft skip it).
      return ['edit', 'submit'];
    case 'submitted':
      return coordination ? ['validate'] : [];
    case 'validated':
      return coordination ? ['send'] : [];
    case 'sent':
      return coordination ? ['accept', 'decline'] : [];
    default:
      return [];
  }
}

/** A new quote's default last day: 30 days after today (calendar days, no time zone involved). */
export function defaultValidUntil(today: string): string {
  const [year, month, day] = today.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 30)).toISOString().slice(0, 10);
}

export type ExpenseStatus = 'submitted' | 'approved' | 'rejected' | 'reimbursed';
export type ExpenseAction = 'approve' | 'reject' | 'reimburse';

/** The coordination approves or rejects a submitted expense, then reimburses an approved one (when a member paid it). */
export function expenseActions(status: ExpenseStatus, role: Role, paidByMember: boolean): ExpenseAction[] {
  if (role !== 'coordinator' && role !== 'admin') return [];
  if (status === 'submitted') return ['approve', 'reject'];
  if (status === 'approved' && paidByMember) return ['reimburse'];
  return [];
}

export interface ExpenseForm {
  spentOn: string;
  description: string;
  amount: string;
  vat: string;
  category: 'supplies' | 'travel' | 'meals' | 'equipment' | 'rent' | 'insurance' | 'training' | 'communication' | 'other';
}

const MONEY = /^\d{1,11}(?:\.\d{1,2})?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body of POST …/expenses, or the first field to fix (the same limits as the API: above 0, VAT within the amount, no future day). */
export function expenseBody(
  form: ExpenseForm,
  today: string,
):
  | { ok: true; body: { spentOn: string; description: string; amount: string; vat: string; category: ExpenseForm['category'] } }
  | { ok: false; field: 'spentOn' | 'description' | 'amount' | 'vat' } {
  const spentOn = form.spentOn.trim();
  if (!ISO_DATE.test(spentOn) || spentOn > today) return { ok: false, field: 'spentOn' };
  if (form.description.trim() === '') return { ok: false, field: 'description' };
  const amount = decimalInput(form.amount);
  if (!MONEY.test(amount) || cents(amount) <= 0) return { ok: false, field: 'amount' };
  const vat = decimalInput(form.vat === '' ? '0' : form.vat);
  if (!MONEY.test(vat) || cents(vat) > cents(amount)) return { ok: false, field: 'vat' };
  return { ok: true, body: { spentOn, description: form.description.trim(), amount, vat, category: form.category } };
}

/** A decimal string's cents, exactly (no binary float). */
export function cents(value: string): number {
  const [units, decimals = ''] = value.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0').slice(0, 2));
}

/**
 * What a credit note may still cancel on an issued invoice, in cents: its amount due (less the
 * deposits a final invoice deducts) less earlier credit notes, paid or not. Beyond `outstanding`,
 * what it cancels was already paid: it becomes `refundDue`, owed back to the client (issue 15).
 */
export function creditableCents(invoice: { totals: { amountDue: string }; credited: string }): number {
  return Math.max(0, cents(invoice.totals.amountDue) - cents(invoice.credited));
}

/** The receivables board's buckets, from not yet due to the oldest (what to chase first is last). */
export const BUCKETS = ['not_due', '1_30', '31_60', '61_90', 'over_90'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Every bucket in order, with zero where the API has no invoice. */
export function bucketRows(buckets: readonly { bucket: Bucket; count: number; outstanding: string }[]) {
  return BUCKETS.map((bucket) => buckets.find((row) => row.bucket === bucket) ?? { bucket, count: 0, outstanding: '0.00' });
}

/** The receipt a phone sends: an image or a PDF under the gateway's limit (5 MiB), checked before the upload. */
export const RECEIPT_MAX_BYTES = 5 * 1_048_576;
export function receiptProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (!/^image\/(jpeg|png)$/.test(file.type) && file.type !== 'application/pdf') return 'type';
  if (file.size > RECEIPT_MAX_BYTES) return 'size';
  return null;
}

/** The person's calendar day (YYYY-MM-DD), where they are. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** How an e-invoice's transmission status reads: ended well (green), ended badly (to act on), or on its way. */
export function transmissionTone(status: string): 'success' | 'error' | 'info' {
  if (status === 'accepted' || status === 'paid') return 'success';
  if (status === 'refused' || status === 'rejected') return 'error';
  return 'info';
}
