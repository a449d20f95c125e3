import { ClientKind, compareDates, DomainError, frenchDate, isIsoDate, VAT_FRANCHISE_NOTE } from '@kpa/contracts';

/**
 * The legal sentences a quote or invoice prints besides its figures (docs/domain-rules.md §1.1, §1.4, §2.2,
 * §4.5). Plain French strings, in print order; the PDF only lays them out.
 */

/**
 * Legal interest rate (taux de l'intérêt légal, C. mon. fin. L313-2), set every half-year by arrêté.
 * It fixes the floor of a contractual late-penalty rate: 3 × the rate for professional creditors
 * (C. com. L441-10 II). Add a row every 1 January and 1 July; a date outside the table is not checked.
 */
export interface LegalInterestRatePeriod {
  validFrom: string;
  validTo: string;
  /** Creditor acting for professional needs: the host structure. */
  professionalCreditorPercent: string;
  /** Creditor who is a private individual. */
  individualCreditorPercent: string;
  source: string;
}

export const LEGAL_INTEREST_RATES: readonly LegalInterestRatePeriod[] = [
  {
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    professionalCreditorPercent: '2.62',
    individualCreditorPercent: '6.67',
    source: 'arrêté du 15 décembre 2025',
  },
];

export function legalInterestRateOn(date: string, table: readonly LegalInterestRatePeriod[] = LEGAL_INTEREST_RATES): LegalInterestRatePeriod | undefined {
  return table.find((period) => compareDates(period.validFrom, date) <= 0 && compareDates(date, period.validTo) <= 0);
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

/** Hundredths of a percent ("7.86" → 786); undefined if it is not a percent with at most 2 decimals. */
function percentHundredths(value: string): number | undefined {
  const match = PERCENT.exec(value);
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : undefined;
}

/** "7,86", "10", "12,5": French decimal comma, no useless zeros. */
function frenchPercent(hundredths: number): string {
  const integer = Math.trunc(hundredths / 100);
  const fraction = String(hundredths % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${integer},${fraction}` : String(integer);
}

/** The lowest contractual late-penalty rate on a date ("7.86" in H1 2026), or undefined if the table has no row for it. */
export function latePenaltyFloorPercent(date: string, table: readonly LegalInterestRatePeriod[] = LEGAL_INTEREST_RATES): string | undefined {
  const period = legalInterestRateOn(date, table);
  const legal = period && percentHundredths(period.professionalCreditorPercent);
  if (legal === undefined) return undefined;
  return frenchPercent(3 * legal).replace(',', '.');
}

/**
 * The statutory default (C. com. L441-10 II) written as the law words it: it stays true whatever the
 * ECB does, so no "current" rate is hidden here. A host that agreed a rate in its terms passes it.
 */
export const DEFAULT_LATE_PENALTY_SENTENCE =
  "En cas de retard de paiement, des pénalités égales au taux d'intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points de pourcentage, sont exigibles dès le lendemain de la date d'échéance, sans qu'un rappel soit nécessaire.";

/** Public buyers owe moratorium interest at the ECB rate + 8 points by law (CCP R2192-31), whatever the terms say. */
export const PUBLIC_BODY_LATE_INTEREST_SENTENCE =
  "En cas de retard de paiement, des intérêts moratoires sont dus de plein droit au taux d'intérêt appliqué par la Banque centrale européenne à ses opérations principales de refinancement les plus récentes, majoré de 8 points de pourcentage.";

/** C. com. L441-10 and D441-5 (B2B); CCP R2192-31 ff. (B2G). Never for a consumer (docs/domain-rules.md §1.4). */
export const RECOVERY_INDEMNITY_SENTENCE = 'Indemnité forfaitaire pour frais de recouvrement : 40 €';

/** CGI ann. II art. 242 nonies A (décret 2022-1299): a seller that opted to pay VAT on debits says so on its invoices. */
export const VAT_ON_DEBITS_SENTENCE = "Option pour le paiement de la taxe d'après les débits";

/** C. com. L441-9: the conditions of early-payment discount, here the usual "none". */
export const NO_EARLY_PAYMENT_DISCOUNT_SENTENCE = "Pas d'escompte pour paiement anticipé";

/**
 * Off-premises contracts with an individual (C. consom. L221-10): the invoice says when a payment may
 * be received, so that neither the client nor the person collecting pays or takes money too early.
 */
export const OFF_PREMISES_PAYMENT_PREFIX = 'Contrat conclu hors établissement';

export function offPremisesPaymentSentence(concludedOn: string, firstPaymentOn: string): string {
  return `${OFF_PREMISES_PAYMENT_PREFIX} le ${frenchDate(concludedOn)} : aucun paiement ne peut être reçu avant le ${frenchDate(firstPaymentOn)} (C. consom. L221-10).`;
}

export function latePenaltySentence(ratePercent: string): string {
  const hundredths = percentHundredths(ratePercent);
  if (hundredths === undefined) throw new RangeError(`Not a percent: ${ratePercent}`);
  return `En cas de retard de paiement, des pénalités au taux de ${frenchPercent(hundredths)} % l'an sont exigibles dès le lendemain de la date d'échéance, sans qu'un rappel soit nécessaire.`;
}

/** What C. com. R127-3 requires on business papers while the CAPE runs (docs/domain-rules.md §4.5). */
export interface CapeHolder {
  /** The member who carries out the activity. */
  beneficiaryName: string;
  /** The supporting entity: the host structure. */
  hostLegalName: string;
  /** Its registered office (siège), on one line. */
  hostAddress: string;
  /** Its identification number: SIRET (14 digits) or SIREN (9 digits). */
  hostIdentifier: string;
  /** End of the CAPE period active on the document's date ("terme du contrat"), YYYY-MM-DD. */
  contractEndDate: string;
}

export interface LegalMentionsInput {
  clientKind: ClientKind;
  /** The host structure is under the franchise en base (CGI art. 293 B). */
  vatFranchise: boolean;
  /** The document's issue date, YYYY-MM-DD: picks the legal interest rate and checks the CAPE term. */
  issueDate: string;
  /**
   * The host's contractual late-penalty rate ("10", "7.86"), at least 3 × the legal interest rate. When
   * absent the statutory default is printed: ECB refinancing rate + 10 points (C. com. L441-10 II).
   */
  latePenaltyRatePercent?: string | null;
  /** When a CAPE holder carries out the activity (C. com. R127-3). */
  capeHolder?: CapeHolder | null;
  /** An off-premises contract with an individual: the day it was concluded and the first day a payment may be received (L221-10). */
  offPremises?: { concludedOn: string; firstPaymentOn: string } | null;
  /** Invoices of a VAT-registered seller that opted to pay VAT on debits (docs/domain-rules.md §1.1). */
  vatOnDebits?: boolean;
  /** The host's consumer mediator, printed for individuals (C. consom. L616-1, R616-1). */
  consumerMediator?: { name: string; contact: string } | null;
  /** Override of the legal-rate table (tests, or a row not yet released). */
  legalInterestRates?: readonly LegalInterestRatePeriod[];
}

function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { field });
}

function requiredText(value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw invalid(field, `${field} is required: ${what}.`);
  return value.trim();
}

/** The R127-3 sentence; throws if the CAPE has ended by the document's date (no mention can cover it). */
export function capeMention(holder: CapeHolder, issueDate: string): string {
  const name = requiredText(holder.beneficiaryName, 'capeHolder.beneficiaryName', "the CAPE holder's name");
  const host = requiredText(holder.hostLegalName, 'capeHolder.hostLegalName', 'the legal name of the supporting structure');
  const address = requiredText(holder.hostAddress, 'capeHolder.hostAddress', 'the registered office of the supporting structure');
  const identifier = requiredText(holder.hostIdentifier, 'capeHolder.hostIdentifier', 'the SIRET or SIREN of the supporting structure').replace(/\s+/g, '');
  if (!/^(\d{9}|\d{14})$/.test(identifier)) {
    throw invalid('capeHolder.hostIdentifier', 'capeHolder.hostIdentifier must be a SIRET (14 digits) or a SIREN (9 digits).');
  }
  if (!isIsoDate(holder.contractEndDate)) throw invalid('capeHolder.contractEndDate', 'capeHolder.contractEndDate must be a date written YYYY-MM-DD.');
  if (compareDates(holder.contractEndDate, issueDate) < 0) {
    throw invalid('capeHolder.contractEndDate', `The CAPE ended on ${holder.contractEndDate}, before this document's date (${issueDate}): renew it or name no CAPE holder.`);
  }
  const label = identifier.length === 14 ? 'SIRET' : 'SIREN';
  return `Activité exercée par ${name}, bénéficiaire d'un contrat d'appui au projet d'entreprise pour la création ou la reprise d'une activité économique (C. com. L127-1), conclu avec ${host}, ${address}, ${label} ${identifier}, jusqu'au ${frenchDate(holder.contractEndDate)}.`;
}

/**
 * C. consom. L612-1: a consumer may go to a consumer mediator for free; L616-1 and R616-1: the
 * professional gives the mediator's name and website or address on its documents. Individuals only.
 */
export function consumerMediatorSentence(mediator: { name: string; contact: string }): string {
  return `En cas de litige, le client consommateur peut recourir gratuitement au médiateur de la consommation : ${mediator.name}, ${mediator.contact} (C. consom. L612-1).`;
}

/**
 * The sentences to print, in order. Consumers (individual) never get the late-penalty or 40 €
 * sentences: L441-10 is B2B only and claiming the 40 € from a consumer is a criminal-law risk
 * (docs/domain-rules.md §1.4), so they are absent from the list rather than hidden by the template.
 */
export function legalMentions(input: LegalMentionsInput): string[] {
  if (!isIsoDate(input.issueDate)) throw invalid('issueDate', 'issueDate must be a date written YYYY-MM-DD.');
  const mentions: string[] = [];

  if (input.vatFranchise) mentions.push(VAT_FRANCHISE_NOTE);
  else if (input.vatOnDebits) mentions.push(VAT_ON_DEBITS_SENTENCE);

  const rate = input.latePenaltyRatePercent ?? undefined;
  const rateHundredths = rate === undefined ? undefined : percentHundredths(rate);
  if (rate !== undefined && (rateHundredths === undefined || rateHundredths === 0)) {
    throw invalid('latePenaltyRatePercent', 'latePenaltyRatePercent must be a yearly percent such as "10" or "7.86" (at most 2 decimals, above 0).');
  }

  switch (input.clientKind) {
    case 'company':
    case 'association': {
      mentions.push(NO_EARLY_PAYMENT_DISCOUNT_SENTENCE);
      if (rate === undefined) {
        mentions.push(DEFAULT_LATE_PENALTY_SENTENCE);
      } else {
        const floor = latePenaltyFloorPercent(input.issueDate, input.legalInterestRates);
        const floorHundredths = floor === undefined ? undefined : percentHundredths(floor);
        if (floorHundredths !== undefined && rateHundredths !== undefined && rateHundredths < floorHundredths) {
          throw invalid(
            'latePenaltyRatePercent',
            `A contractual late-penalty rate cannot be below 3 times the legal interest rate (C. com. L441-10 II): at least ${floor} % on ${input.issueDate}.`,
          );
        }
        mentions.push(latePenaltySentence(rate));
      }
      mentions.push(RECOVERY_INDEMNITY_SENTENCE);
      break;
    }
    case 'public_body':
      mentions.push(NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, PUBLIC_BODY_LATE_INTEREST_SENTENCE, RECOVERY_INDEMNITY_SENTENCE);
      break;
    case 'individual':
      if (input.consumerMediator) mentions.push(consumerMediatorSentence(input.consumerMediator));
      break;
    default: {
      const unknownKind: never = input.clientKind;
      throw invalid('clientKind', `Unknown client kind "${String(unknownKind)}".`);
    }
  }

  if (input.offPremises) mentions.push(offPremisesPaymentSentence(input.offPremises.concludedOn, input.offPremises.firstPaymentOn));
  if (input.capeHolder) mentions.push(capeMention(input.capeHolder, input.issueDate));
  return mentions;
}
