import { addDays, ClientKind, compareDates, DomainError, isIsoDate } from '@kpa/contracts';

/**
 * Due dates of invoices (docs/domain-rules.md §1.4). Counted from the issue date: L441-10 counts the default
 * 30 days from receipt of the goods or performance of the service, which precedes or equals the
 * issue date on KPA invoices (issued after the mission), so the printed date is never later than the law's.
 */

/** C. com. L441-10 I: 30 days after performance when nothing is agreed. */
export const DEFAULT_BUSINESS_TERM_DAYS = 30;
/** C. com. L441-10 I: an agreed term may not exceed 60 days from the issue date. */
export const MAX_BUSINESS_TERM_DAYS = 60;
/** CCP R2192-10: the State, local authorities and their administrative public bodies pay within 30 days. */
export const PUBLIC_BODY_TERM_DAYS = 30;
/**
 * (design) No statute caps a term granted to a consumer; a year bounds typing mistakes. Change it if
 * a KPA ever grants longer instalments.
 */
export const MAX_INDIVIDUAL_TERM_DAYS = 365;

function termError(message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field: 'paymentTermsDays' });
}

/** The number of days between issue and due date for this client, validating the agreed term. */
export function paymentTermDays(clientKind: ClientKind, agreedDays?: number | null): number {
  if (agreedDays !== undefined && agreedDays !== null && (!Number.isSafeInteger(agreedDays) || agreedDays < 0)) {
    throw termError('paymentTermsDays must be a whole number of days, 0 or more.');
  }
  const agreed = agreedDays ?? undefined;
  switch (clientKind) {
    case 'company':
    case 'association':
      if (agreed === undefined) return DEFAULT_BUSINESS_TERM_DAYS;
      if (agreed > MAX_BUSINESS_TERM_DAYS) {
        throw termError(`A business client may be granted at most ${MAX_BUSINESS_TERM_DAYS} days after the issue date (C. com. L441-10); ${agreed} days were asked.`);
      }
      return agreed;
    case 'public_body':
      // The term is set by the Code de la commande publique, not by the parties.
      if (agreed !== undefined && agreed !== PUBLIC_BODY_TERM_DAYS) {
        throw termError(`Public bodies pay within ${PUBLIC_BODY_TERM_DAYS} days (Code de la commande publique R2192-10): leave paymentTermsDays empty.`);
      }
      return PUBLIC_BODY_TERM_DAYS;
    case 'individual':
      // No L441-10 regime for consumers: payable on receipt unless a term was agreed.
      if (agreed === undefined) return 0;
      if (agreed > MAX_INDIVIDUAL_TERM_DAYS) throw termError(`paymentTermsDays must be at most ${MAX_INDIVIDUAL_TERM_DAYS} days.`);
      return agreed;
    default: {
      const unknownKind: never = clientKind;
      throw new DomainError('VALIDATION_FAILED', `Unknown client kind "${String(unknownKind)}".`, { field: 'clientKind' });
    }
  }
}

/** The due date printed on the invoice (C. com. L441-9), YYYY-MM-DD. */
export function dueDate(issueDate: string, clientKind: ClientKind, agreedDays?: number | null): string {
  if (!isIsoDate(issueDate)) throw new DomainError('VALIDATION_FAILED', 'issueDate must be a date written YYYY-MM-DD.', { field: 'issueDate' });
  return addDays(issueDate, paymentTermDays(clientKind, agreedDays));
}

/**
 * C. consom. L221-10: "Le professionnel ne peut recevoir aucun paiement ou aucune contrepartie, sous
 * quelque forme que ce soit, de la part du consommateur avant l'expiration d'un délai de sept jours à
 * compter de la conclusion du contrat hors établissement" (penalty: L242-7, two years and 150 000 €).
 *
 * Counting, as French law counts a period in days (C. proc. civ. 641; règlement 1182/71 art. 3, which
 * L221-19 applies to the withdrawal period of the same contracts): the day the contract is concluded
 * is not counted; the seven days are the next seven, and the period expires at the end of the
 * seventh. So a contract concluded on day D allows a payment from day D + 8: concluded Monday
 * 7 December 2026, no payment through Monday 14 December, a payment on Tuesday 15 December.
 * (uncertain) L221-19's extension to the next working day when a period ends on a Saturday, Sunday
 * or public holiday is written for the withdrawal period only; it is not applied here.
 */
export const OFF_PREMISES_NO_PAYMENT_DAYS = 7;

/** The first day a payment may be received for an off-premises contract concluded on `concludedOn` (YYYY-MM-DD). */
export function firstPaymentDayOffPremises(concludedOn: string): string {
  if (!isIsoDate(concludedOn)) throw new DomainError('VALIDATION_FAILED', 'concludedOn must be a date written YYYY-MM-DD.', { field: 'concludedOn' });
  return addDays(concludedOn, OFF_PREMISES_NO_PAYMENT_DAYS + 1);
}

/**
 * What an invoice issued on `issueDate` under an off-premises contract concluded on `concludedOn`
 * must print: the first day a payment may be received, or null when that day has already come (an
 * invoice issued 8 days or more after the contract asks for nothing the law forbids).
 */
export function offPremisesRestriction(concludedOn: string | null, issueDate: string): { concludedOn: string; firstPaymentOn: string } | null {
  if (concludedOn === null) return null;
  const firstPaymentOn = firstPaymentDayOffPremises(concludedOn);
  return compareDates(firstPaymentOn, issueDate) > 0 ? { concludedOn, firstPaymentOn } : null;
}

/**
 * The due date of an invoice under an off-premises contract: its usual due date, but never before
 * the first day a payment may be received (an earlier date would ask for what the law forbids).
 */
export function dueDateNotBefore(usualDueOn: string, firstPaymentOn: string | null): string {
  return firstPaymentOn !== null && compareDates(usualDueOn, firstPaymentOn) < 0 ? firstPaymentOn : usualDueOn;
}

/**
 * What a quote says of the payment of the invoice it leads to: the term that invoice will get (a
 * quote agrees no other term, so the default of the client's kind, as paymentTermDays gives it), and
 * for a contract signed at an individual's home, that no payment is received before the 8th day
 * after the acceptance (L221-10).
 */
export function quotePaymentTerms(clientKind: ClientKind, offPremises: boolean): string {
  if (offPremises) {
    return `Paiement à réception de la facture, et au plus tôt le ${OFF_PREMISES_NO_PAYMENT_DAYS + 1}e jour après l'acceptation du devis (C. consom. L221-10)`;
  }
  const days = paymentTermDays(clientKind);
  return days === 0 ? 'Paiement à réception de la facture' : `Paiement à ${days} jours à compter de la date de la facture`;
}
