import { CLIENT_KINDS } from '@kpa/contracts';
import {
  CapeHolder,
  capeMention,
  DEFAULT_LATE_PENALTY_SENTENCE,
  latePenaltyFloorPercent,
  latePenaltySentence,
  legalInterestRateOn,
  legalMentions,
  LegalMentionsInput,
  NO_EARLY_PAYMENT_DISCOUNT_SENTENCE,
  offPremisesPaymentSentence,
  PUBLIC_BODY_LATE_INTEREST_SENTENCE,
  RECOVERY_INDEMNITY_SENTENCE,
  VAT_ON_DEBITS_SENTENCE,
} from './legal-mentions';
import { refusalOf } from '@kpa/testing/refusal';

const cape: CapeHolder = {
  beneficiaryName: 'Awa Diallo',
  hostLegalName: 'Coopérative Solidaire du Nord',
  hostAddress: '12 rue des Tisserands, 59000 Lille',
  hostIdentifier: '732 829 320 00074',
  contractEndDate: '2027-03-31',
};

function mentions(overrides: Partial<LegalMentionsInput> = {}): string[] {
  return legalMentions({ clientKind: 'company', vatFranchise: false, issueDate: '2026-03-10', ...overrides });
}

function fieldOf(fn: () => unknown): unknown {
  const refusal = refusalOf(fn);
  expect(refusal.code).toBe('VALIDATION_FAILED');
  return refusal.field;
}

describe('legal mentions', () => {
  it('never shows the 40 € or late penalties to a consumer, whatever else is set', () => {
    for (const vatFranchise of [false, true]) {
      for (const latePenaltyRatePercent of [undefined, null, '10']) {
        for (const capeHolder of [undefined, cape]) {
          const text = legalMentions({ clientKind: 'individual', vatFranchise, issueDate: '2026-03-10', latePenaltyRatePercent, capeHolder }).join('\n');
          expect(text).not.toMatch(/40\s*€/);
          expect(text).not.toMatch(/recouvrement/i);
          expect(text).not.toMatch(/pénalités|intérêts moratoires/);
          expect(text).not.toContain('escompte');
        }
      }
    }
    expect(mentions({ clientKind: 'individual' })).toEqual([]);
  });

  it('gives every business and public client the 40 € indemnity and "no early-payment discount"', () => {
    for (const clientKind of CLIENT_KINDS.filter((k) => k !== 'individual')) {
      const list = mentions({ clientKind });
      expect(list).toContain(RECOVERY_INDEMNITY_SENTENCE);
      expect(list).toContain(NO_EARLY_PAYMENT_DISCOUNT_SENTENCE);
    }
    expect(RECOVERY_INDEMNITY_SENTENCE).toBe('Indemnité forfaitaire pour frais de recouvrement : 40 €');
  });

  it("prints the host's agreed late-penalty rate with a French decimal comma", () => {
    expect(mentions({ latePenaltyRatePercent: '10' })).toEqual([
      NO_EARLY_PAYMENT_DISCOUNT_SENTENCE,
      "En cas de retard de paiement, des pénalités au taux de 10 % l'an sont exigibles dès le lendemain de la date d'échéance, sans qu'un rappel soit nécessaire.",
      RECOVERY_INDEMNITY_SENTENCE,
    ]);
    expect(mentions({ clientKind: 'association', latePenaltyRatePercent: '7.86' })[1]).toContain("au taux de 7,86 % l'an");
    expect(latePenaltySentence('12.50')).toContain('au taux de 12,5 %');
    expect(latePenaltySentence('12.05')).toContain('au taux de 12,05 %');
  });

  it('prints the statutory default (ECB + 10 points) when no rate was agreed', () => {
    expect(mentions()).toContain(DEFAULT_LATE_PENALTY_SENTENCE);
    expect(mentions({ latePenaltyRatePercent: null })).toContain(DEFAULT_LATE_PENALTY_SENTENCE);
    expect(DEFAULT_LATE_PENALTY_SENTENCE).toMatch(/majoré de 10 points/);
  });

  it('refuses an agreed rate below 3 × the legal interest rate of the issue date (C. com. L441-10 II)', () => {
    expect(latePenaltyFloorPercent('2026-01-01')).toBe('7.86');
    expect(latePenaltyFloorPercent('2026-06-30')).toBe('7.86');
    expect(legalInterestRateOn('2026-03-10')?.professionalCreditorPercent).toBe('2.62');
    expect(fieldOf(() => mentions({ latePenaltyRatePercent: '7.85' }))).toBe('latePenaltyRatePercent');
    expect(mentions({ latePenaltyRatePercent: '7.86' })).toHaveLength(3);
    // A half-year the table does not cover yet is not checked (and not guessed).
    expect(latePenaltyFloorPercent('2026-07-01')).toBeUndefined();
    expect(mentions({ issueDate: '2026-07-01', latePenaltyRatePercent: '5' })[1]).toContain('5 %');
    // The table is a parameter.
    const table = [{ validFrom: '2026-07-01', validTo: '2026-12-31', professionalCreditorPercent: '3.1', individualCreditorPercent: '7', source: 'test' }];
    expect(latePenaltyFloorPercent('2026-08-01', table)).toBe('9.3');
    expect(fieldOf(() => mentions({ issueDate: '2026-08-01', latePenaltyRatePercent: '9.29', legalInterestRates: table }))).toBe('latePenaltyRatePercent');
  });

  it('refuses a rate that is not a percent', () => {
    for (const bad of ['0', '7,86', '-1', '10.123', 'dix', '']) expect(fieldOf(() => mentions({ latePenaltyRatePercent: bad }))).toBe('latePenaltyRatePercent');
    expect(() => latePenaltySentence('x')).toThrow(RangeError);
  });

  it('gives public bodies the legal moratorium interest (ECB + 8), not a contractual rate', () => {
    const list = mentions({ clientKind: 'public_body', latePenaltyRatePercent: '10' });
    expect(list).toEqual([NO_EARLY_PAYMENT_DISCOUNT_SENTENCE, PUBLIC_BODY_LATE_INTEREST_SENTENCE, RECOVERY_INDEMNITY_SENTENCE]);
    expect(list.join('\n')).not.toContain('10 %');
  });

  it('prints "TVA non applicable, art. 293 B du CGI" under the franchise only', () => {
    for (const clientKind of CLIENT_KINDS) {
      expect(mentions({ clientKind, vatFranchise: true })).toContain('TVA non applicable, art. 293 B du CGI');
      expect(mentions({ clientKind, vatFranchise: false }).join('\n')).not.toContain('293 B');
    }
  });

  it('prints the CAPE mention of R127-3: beneficiary, supporting entity, its seat and id, the contract term', () => {
    const expected =
      "Activité exercée par Awa Diallo, bénéficiaire d'un contrat d'appui au projet d'entreprise pour la création ou la reprise d'une activité économique (C. com. L127-1), conclu avec Coopérative Solidaire du Nord, 12 rue des Tisserands, 59000 Lille, SIRET 73282932000074, jusqu'au 31/03/2027.";
    expect(mentions({ capeHolder: cape }).at(-1)).toBe(expected);
    expect(mentions({ clientKind: 'individual', capeHolder: cape })).toEqual([expected]);
    expect(capeMention({ ...cape, hostIdentifier: '732829320' }, '2026-03-10')).toContain('SIREN 732829320,');
    // The last day of the contract is still covered.
    expect(capeMention(cape, '2027-03-31')).toContain('31/03/2027');
    expect(mentions({ capeHolder: null }).join('\n')).not.toContain("contrat d'appui");
  });

  it('refuses an incomplete or ended CAPE', () => {
    expect(fieldOf(() => mentions({ issueDate: '2027-04-01', capeHolder: cape }))).toBe('capeHolder.contractEndDate');
    expect(fieldOf(() => mentions({ capeHolder: { ...cape, contractEndDate: '31/03/2027' } }))).toBe('capeHolder.contractEndDate');
    expect(fieldOf(() => mentions({ capeHolder: { ...cape, beneficiaryName: ' ' } }))).toBe('capeHolder.beneficiaryName');
    expect(fieldOf(() => mentions({ capeHolder: { ...cape, hostLegalName: '' } }))).toBe('capeHolder.hostLegalName');
    expect(fieldOf(() => mentions({ capeHolder: { ...cape, hostAddress: '' } }))).toBe('capeHolder.hostAddress');
    expect(fieldOf(() => mentions({ capeHolder: { ...cape, hostIdentifier: '1234' } }))).toBe('capeHolder.hostIdentifier');
  });

  it('needs a valid issue date and a known client kind', () => {
    expect(fieldOf(() => mentions({ issueDate: '2026-02-30' }))).toBe('issueDate');
    expect(fieldOf(() => mentions({ clientKind: 'partner' as never }))).toBe('clientKind');
  });

  it('lists the mentions in print order', () => {
    expect(mentions({ vatFranchise: true, latePenaltyRatePercent: '10', capeHolder: cape }).map((m) => m.slice(0, 30))).toEqual([
      'TVA non applicable, art. 293 B',
      "Pas d'escompte pour paiement a",
      'En cas de retard de paiement, ',
      'Indemnité forfaitaire pour fra',
      'Activité exercée par Awa Diall',
    ]);
  });

  it('an off-premises contract with an individual: the day no payment may be received before (C. consom. L221-10), before the CAPE mention', () => {
    const offPremises = { concludedOn: '2026-12-07', firstPaymentOn: '2026-12-15' };
    expect(mentions({ clientKind: 'individual', vatFranchise: true, capeHolder: cape, offPremises })).toEqual([
      'TVA non applicable, art. 293 B du CGI',
      offPremisesPaymentSentence('2026-12-07', '2026-12-15'),
      capeMention(cape, '2026-03-10'),
    ]);
    expect(offPremisesPaymentSentence('2026-12-07', '2026-12-15')).toBe(
      'Contrat conclu hors établissement le 07/12/2026 : aucun paiement ne peut être reçu avant le 15/12/2026 (C. consom. L221-10).',
    );
    expect(mentions({ clientKind: 'individual', offPremises: null })).toEqual([]);
  });
});

describe('VAT on debits (docs/domain-rules.md §1.1)', () => {
  it('prints the option when a VAT-registered seller opted for it, never under the franchise', () => {
    expect(legalMentions({ clientKind: 'company', vatFranchise: false, vatOnDebits: true, issueDate: '2026-03-02' })).toContain(VAT_ON_DEBITS_SENTENCE);
    expect(legalMentions({ clientKind: 'individual', vatFranchise: false, vatOnDebits: true, issueDate: '2026-03-02' })).toEqual([VAT_ON_DEBITS_SENTENCE]);
    expect(legalMentions({ clientKind: 'company', vatFranchise: false, issueDate: '2026-03-02' })).not.toContain(VAT_ON_DEBITS_SENTENCE);
    expect(legalMentions({ clientKind: 'individual', vatFranchise: true, vatOnDebits: true, issueDate: '2026-03-02' })).not.toContain(VAT_ON_DEBITS_SENTENCE);
  });
});
