import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, toApiError } from '../api/api-error';
import { errorText, fieldErrorText, loadFrenchErrors } from '../ui/error-text';
import { frenchAmount } from '../format';
import { errorsFr, fieldLabel, fillErrorSentence, frenchErrorText, frenchValidation, isErrorCode, type ErrorCode } from './errors';
import type { MessageKey } from './fr';
import { translate } from './messages';
import { followsFrenchTypography, NBSP } from './typography';

const spaced = (text: string) => text.replace(/ ([:;?!»])/g, `${NBSP}$1`).replace(/« /g, `«${NBSP}`);
const tFr = (key: MessageKey) => translate('fr', key);
const tEn = (key: MessageKey) => translate('en', key);

/** The codes of the generated client's error type, read from its source (the type itself is erased at run time). */
function generatedCodes(): string[] {
  const source = readFileSync(join(__dirname, '../api/generated/types.gen.ts'), 'utf8');
  const union = /code: ('VALIDATION_FAILED'[^;]*);/.exec(source);
  if (!union) throw new Error('the error type of types.gen.ts was not found');
  return [...union[1].matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]).sort();
}

// errorText has the French sentences once their chunk is loaded (at once, in the console).
beforeAll(() => loadFrenchErrors());

describe('errorsFr', () => {
  const codes = Object.keys(errorsFr) as ErrorCode[];

  it('has a sentence for every code of the generated client, and no other', () => {
    expect([...codes].sort()).toEqual(generatedCodes());
    expect(isErrorCode('INVOICE_ALREADY_ISSUED')).toBe(true);
    expect(isErrorCode('SOMETHING_NEWER')).toBe(false);
  });

  it('reads well with and without details: no placeholder, bracket or double space left, French typography', () => {
    for (const code of codes) {
      for (const filled of [fillErrorSentence(errorsFr[code], undefined), fillErrorSentence(errorsFr[code], sampleDetails)]) {
        expect({ code, filled, leftover: /[{}[\]]| {2}| [.,)]|\( *\)/.test(filled) }).toEqual({ code, filled, leftover: false });
        expect({ code, filled, typography: followsFrenchTypography(filled) }).toEqual({ code, filled, typography: true });
        expect({ code, ends: /[.!?]$/.test(filled) }).toEqual({ code, ends: true });
      }
    }
  });

  it('every bracket holds a placeholder, and every placeholder is inside brackets', () => {
    for (const code of codes) {
      const outside = errorsFr[code].replace(/\[[^\]]*\]/g, '');
      expect({ code, outside: /\{/.test(outside) }).toEqual({ code, outside: false });
      for (const part of errorsFr[code].match(/\[[^\]]*\]/g) ?? []) expect({ code, part, placeholder: /\{[\w.]+\}/.test(part) }).toEqual({ code, part, placeholder: true });
    }
  });
});

/** Details as the services send them, for every placeholder used (the sentences are checked filled too). */
const sampleDetails = {
  leftOn: '2026-10-31',
  terminatedOn: '2026-11-02',
  number: 'F-2026-0042',
  deductedBy: 'F-2026-0040',
  startsOn: '2026-12-01',
  endsOn: '2026-12-31',
  openObjections: 2,
  conflictingRange: { startsAt: '2026-12-05T08:00:00+01:00', endsAt: '2026-12-05T18:30:00+01:00' },
  completedOn: '2026-09-15',
  maxBytes: 10_485_760,
  lastIssuedOn: '2026-12-03',
  minimumAge: 16,
  earliestStartsOn: '2027-01-15',
  ageOnStart: 17,
  latestEndsOn: '2027-11-30',
  maxRenewals: 2,
  otherStartsOn: '2026-01-05',
  otherEndsOn: '2026-12-31',
  row: 4,
  validUntil: '2026-11-30',
  max: 60,
  outstanding: '1234.5',
  date: '2026-12-04',
  alreadyRecorded: '7.50',
  weekStartsOn: '2026-11-30',
  remaining: 3,
  joinedOn: '2026-03-01',
  maxDurationHours: 48,
  retryAfterSeconds: 42,
  errorId: '0193a1b2-c3d4',
};

describe('fillErrorSentence', () => {
  it('fills dates, amounts, hours and numbers the French way', () => {
    expect(frenchErrorText('PAYMENT_EXCEEDS_BALANCE', 'This payment (200.00) exceeds…', { field: 'amount', outstanding: '1234.5' })).toBe(
      `Ce paiement dépasse ce qui reste à payer sur la facture (${frenchAmount('1234.5')}). Enregistrez au plus ce montant.`,
    );
    expect(frenchErrorText('MEMBER_ALREADY_LEFT', 'This member already left on 2026-10-31; record a return first.', { leftOn: '2026-10-31' })).toBe(
      `Ce membre est parti le 31${NBSP}octobre${NBSP}2026. Enregistrez d’abord son retour.`,
    );
    expect(frenchErrorText('MINOR_DAILY_HOURS_EXCEEDED', 'A member under 18…', { date: '2026-12-04', alreadyRecorded: '7.50', limit: '8.00' })).toBe(
      `Avant 18 ans, on travaille 8 heures par jour au plus. 7,5 h sont déjà déclarées le 4${NBSP}décembre${NBSP}2026. Déclarez moins d’heures ce jour-là.`,
    );
    expect(frenchErrorText('CAPE_MEMBER_TOO_YOUNG', 'The member is 15…', { field: 'startsOn', minimumAge: 16, ageOnStart: 15, earliestStartsOn: '2027-03-01' })).toBe(
      `Ce membre est trop jeune pour un contrat CAPE à cette date${NBSP}: ce site les signe à partir de 16 ans. Faites commencer le contrat le 1er${NBSP}mars${NBSP}2027 ou plus tard.`,
    );
  });

  it('reads nested details, durations and sizes', () => {
    expect(frenchErrorText('RESERVATION_OVERLAP', 'x', { conflictingRange: { startsAt: '2026-12-05T08:00:00+01:00', endsAt: '2026-12-06T18:30:00+01:00' } })).toContain(
      `(du 5${NBSP}décembre${NBSP}2026 à 8${NBSP}h${NBSP}00 au 6${NBSP}décembre${NBSP}2026 à 18${NBSP}h${NBSP}30)`,
    );
    expect(frenchErrorText('RATE_LIMITED', 'x', { retryAfterSeconds: 30 })).toBe(`Trop de demandes d’affilée. Attendez un moment (30${NBSP}secondes), puis réessayez.`);
    expect(frenchErrorText('TOO_MANY_LOGIN_ATTEMPTS', 'x', { retryAfterSeconds: 61 })).toContain(`(2${NBSP}minutes)`);
    expect(frenchErrorText('RECEIPT_TOO_LARGE', 'x', { maxBytes: 10 * 1_048_576 })).toContain(`(10${NBSP}Mo au plus)`);
    expect(frenchErrorText('INTERNAL_ERROR', 'Unexpected error. Reference: abc', { errorId: 'abc-123' })).toBe(
      `Quelque chose s’est mal passé de notre côté. Réessayez dans un moment. Si cela recommence, donnez cette référence à la coordination${NBSP}: abc-123.`,
    );
  });

  it('leaves out a part whose details are missing, null, or not something to show', () => {
    expect(frenchErrorText('MEMBER_ALREADY_LEFT', 'x')).toBe('Ce membre est parti. Enregistrez d’abord son retour.');
    expect(frenchErrorText('INVOICE_NOT_EDITABLE', 'x', { status: 'issued', number: null })).toBe(
      spaced('La facture est émise : elle ne change plus. Pour la corriger, faites un avoir, puis une nouvelle facture si besoin.'),
    );
    expect(frenchErrorText('CAPE_MEMBER_TOO_YOUNG', 'x', { minimumAge: 16, earliestStartsOn: 'not a date' })).toBe(
      `Ce membre est trop jeune pour un contrat CAPE à cette date${NBSP}: ce site les signe à partir de 16 ans.`,
    );
    expect(frenchErrorText('CONTRIBUTION_OUTSIDE_MEMBERSHIP', 'x', { joinedOn: { year: 2026 } })).toBe(
      'Ce jour-là, cette personne n’était pas membre du site. Déclarez des heures sur un jour où elle était membre.',
    );
    expect(fillErrorSentence('Rien {ici}.', { ici: 'x'.repeat(200) })).toBe('Rien .');
    // A document number made of digits stays as written.
    expect(frenchErrorText('INVOICE_ALREADY_ISSUED', 'x', { number: '20260042' })).toContain('sous le numéro 20260042.');
  });

  it('the CAPE refused for a minor without consent (the members journey)', () => {
    const error = toApiError(422, {
      statusCode: 422,
      code: 'CAPE_GUARDIAN_CONSENT_MISSING',
      message: "The member is 17 on 2026-12-05: record a guardian's consent in the member's file before signing.",
      details: { field: 'guardian', ageOnStart: 17 },
    });
    expect(errorText(error, 'fr', tFr)).toBe(
      `Ce membre a moins de 18 ans au début du contrat (17 ans)${NBSP}: il faut d’abord l’accord écrit d’un parent ou d’un représentant légal, enregistré dans sa fiche.`,
    );
  });
});

describe('VALIDATION_FAILED in French', () => {
  const pipe = (fields: { field: string; problems: string[] }[]) => ({ fields });

  it("translates class-validator's messages, naming the field in the form's words", () => {
    expect(
      frenchValidation(
        'firstName must be longer than or equal to 1 characters',
        pipe([{ field: 'firstName', problems: ['firstName must be longer than or equal to 1 characters'] }]),
      ),
    ).toBe(`Prénom${NBSP}: écrivez au moins 1 caractère.`);
    expect(frenchValidation('x', pipe([{ field: 'email', problems: ['email must be an e-mail address'] }]))).toBe(
      `Adresse e-mail${NBSP}: écrivez une adresse e-mail complète, par exemple prenom@exemple.fr.`,
    );
    expect(frenchValidation('x', pipe([{ field: 'lines.1.quantity', problems: ['quantity must be written like "2" or "1.125" (up to 3 decimals)'] }]))).toBe(
      `Ligne 2, quantité${NBSP}: écrivez un nombre, par exemple 2,5.`,
    );
    expect(frenchValidation('x', pipe([{ field: 'from', problems: ['from must be a date written YYYY-MM-DD (a real calendar day)'] }]))).toBe(
      `«${NBSP}from${NBSP}»${NBSP}: choisissez une date qui existe dans le calendrier.`,
    );
    expect(frenchValidation('x', pipe([{ field: 'extra', problems: ['property extra should not exist'] }]))).toBe(
      `«${NBSP}extra${NBSP}»${NBSP}: ce champ n’est pas attendu. Rechargez la page, puis réessayez.`,
    );
    expect(frenchValidation('x', pipe([{ field: 'points', problems: ['points must not be less than 1', 'points must be a whole number'] }]))).toBe(
      `Points${NBSP}: écrivez un nombre égal ou supérieur à 1.`,
    );
    expect(frenchValidation('x', pipe([{ field: 'vatRate', problems: ['vatRate must be one of "20", "10", "5.5", "2.1", "0"'] }]))).toBe(
      `Taux de TVA${NBSP}: choisissez une des valeurs proposées.`,
    );
  });

  it('says each field once, three at most', () => {
    const fields = ['firstName', 'lastName', 'birthDate', 'email'].map((field) => ({ field, problems: [`${field} should not be empty`] }));
    expect(frenchValidation('x', pipe(fields))).toBe(
      [`Prénom${NBSP}: ce champ est à remplir.`, `Nom${NBSP}: ce champ est à remplir.`, `Date de naissance${NBSP}: ce champ est à remplir.`].join(' '),
    );
  });

  it("reads a service's message about details.field, and falls back to the field's name", () => {
    expect(frenchValidation('hours must be more than 0 and at most 12 per session, written like "3" or "3.5".', { field: 'hours' })).toBe(
      `Nombre d’heures${NBSP}: écrivez un nombre d’heures, par exemple 2,5.`,
    );
    expect(frenchValidation('Give both latitude and longitude of the venue, or neither.', { field: 'latitude' })).toBe(`Vérifiez le champ «${NBSP}latitude${NBSP}».`);
    expect(frenchValidation('Nothing to change: send stageOverride or nextPath.', undefined)).toBe(errorsFr.VALIDATION_FAILED);
    expect(
      frenchValidation('text holds U+0000 NULL, a control, direction or broken character: remove it.', {
        field: 'text',
        fields: [{ field: 'text', problems: ['text holds U+0000 NULL, a control, direction or broken character: remove it.'] }],
      }),
    ).toBe(`Texte${NBSP}: enlevez le caractère invisible ou spécial, copié peut-être d’un autre logiciel.`);
  });

  it('labels nested and listed fields', () => {
    expect(fieldLabel('lines[2].unitPrice')).toBe('ligne 3, prix unitaire');
    expect(fieldLabel('guardian.name')).toBe('nom du représentant légal');
    expect(fieldLabel('address.postalCode')).toBe('code postal');
    expect(fieldLabel('level2.delayDays')).toBe(`«${NBSP}level2.delayDays${NBSP}»`);
  });

  it('every sentence follows French typography', () => {
    const samples = [
      'firstName must be shorter than or equal to 100 characters',
      'startTime must be a time HH:MM (00:00 to 23:59)',
      'amount must be an amount written like "152.05"',
      'toMemberId must be a UUID',
      'people must contain no more than 50 elements',
      'postalCode must be 5 digits',
      'active must be true or false',
    ];
    for (const problem of samples) {
      const field = problem.split(' ')[0];
      const text = frenchValidation('x', pipe([{ field, problems: [problem] }]));
      expect({ problem, text, typography: followsFrenchTypography(text), generic: text.startsWith('Vérifiez') }).toEqual({ problem, text, typography: true, generic: false });
    }
  });
});

describe('errorText and fieldErrorText', () => {
  it('says a known code in French, the API message in English', () => {
    const error = new ApiError(409, 'INVOICE_ALREADY_ISSUED', 'The invoice was already issued as F-2026-0007: it keeps its number, nothing to do.', undefined, {
      number: 'F-2026-0007',
    });
    expect(errorText(error, 'fr', tFr)).toBe('Cette facture est déjà émise sous le numéro F-2026-0007. Il n’y a rien d’autre à faire.');
    expect(errorText(error, 'en', tEn)).toBe('The invoice was already issued as F-2026-0007: it keeps its number, nothing to do.');
  });

  it('falls back to the API message with French typography for a code the console does not know yet', () => {
    const error = new ApiError(422, 'SOMETHING_NEWER', 'Cela ne va pas: réessayez!');
    expect(errorText(error, 'fr', tFr)).toBe(`Cela ne va pas${NBSP}: réessayez${NBSP}!`);
    expect(frenchErrorText('SOMETHING_NEWER', 'Plain text.')).toBe('Plain text.');
  });

  it('keeps our own sentences for no answer and an unreadable one', () => {
    expect(errorText(toApiError(502, '<html>Bad gateway</html>'), 'fr', tFr)).toBe(tFr('app.error.unreadable'));
    expect(errorText(new Error('boom'), 'fr', tFr)).toBe(tFr('app.error.unreadable'));
    expect(errorText(new ApiError(0, 'NETWORK_ERROR', ''), 'fr', tFr)).toBe(tFr('app.error.network'));
  });

  it('gives a field its sentence only when the error names it', () => {
    const error = toApiError(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'hours must be written like "7", "7.5" or "7.25"',
      details: { fields: [{ field: 'hours', problems: ['hours must be written like "7", "7.5" or "7.25"'] }] },
    });
    expect(fieldErrorText(error, 'hours', 'fr', tFr)).toBe(`Nombre d’heures${NBSP}: écrivez un nombre d’heures, par exemple 2,5.`);
    expect(fieldErrorText(error, 'hours', 'en', tEn)).toBe('hours must be written like "7", "7.5" or "7.25"');
    expect(fieldErrorText(error, 'date', 'fr', tFr)).toBeUndefined();
    expect(fieldErrorText(new Error('x'), 'hours', 'fr', tFr)).toBeUndefined();
  });
});
