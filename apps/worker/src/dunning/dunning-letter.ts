import { ClientKind, formatCents, frenchAmount, frenchDate } from '@kpa/contracts';
import { DunningLevel } from './dunning-schedule';

/**
 * The words of a reminder, per level and client kind (issue 13 §2, docs/domain-rules.md §1.4). Pure:
 * the PDF and the e-mail only lay these out.
 *
 * - Businesses and associations: late penalties at the invoice's rate (the sentence the invoice
 *   printed, frozen at issue) and the 40 € fixed recovery indemnity (C. com. L441-10, D441-5).
 * - Public bodies: moratorium interest (CCP R2192-31 ff.) and the 40 € indemnity, owed by law.
 * - Individuals: NEVER the 40 € nor any recovery fee (C. proc. civ. exéc. L111-8: recovery costs
 *   without an enforceable title are the creditor's; claiming them from a consumer is an offence).
 *   The formal notice only reminds that the sum bears interest at the legal rate from it (C. civ. 1231-6).
 */

export interface LetterFacts {
  level: DunningLevel;
  clientKind: ClientKind;
  clientName: string;
  /** Who writes: the site (and its host structure, the legal seller) as the invoice printed it. */
  senderName: string;
  invoiceNumber: string;
  issuedOn: string;
  dueOn: string;
  totalCents: number;
  /** Final invoices: the deposit invoices deducted (0 otherwise). */
  depositsCents: number;
  paidCents: number;
  creditedCents: number;
  /** The late-penalty sentence the invoice printed (its agreed or statutory rate), if any. */
  invoiceLatePenaltySentence: string | null;
  /** The day the letter is written. */
  writtenOn: string;
}

export interface Letter {
  /** Whom the letter is addressed to: the debtor's name exactly as the invoice printed it (a formal notice must name its debtor). */
  addressee: string;
  /** Title printed at the top of the PDF and used as the e-mail subject's start. */
  title: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** The figures block: label → amount, printed as a table. */
  figures: { label: string; value: string }[];
  /** The legal sentences of the client's kind, in print order. */
  legal: string[];
  closing: string;
}

export const RECOVERY_INDEMNITY_REMINDER = 'Une indemnité forfaitaire pour frais de recouvrement de 40 € est due de plein droit (articles L441-10 et D441-5 du Code de commerce).';
export const PUBLIC_BODY_INTEREST_REMINDER =
  "Des intérêts moratoires sont dus de plein droit au taux d'intérêt de la Banque centrale européenne majoré de 8 points, ainsi que l'indemnité forfaitaire pour frais de recouvrement de 40 € (articles L2192-13 et R2192-31 et suivants du Code de la commande publique).";
export const CONSUMER_NO_FEES = "Aucuns frais de recouvrement ne vous seront réclamés (article L111-8 du Code des procédures civiles d'exécution).";
export const CONSUMER_LEGAL_INTEREST = 'À défaut de paiement, la somme due portera intérêts au taux légal à compter de la présente mise en demeure (article 1231-6 du Code civil).';
const LATE_PENALTY_FALLBACK =
  'Des pénalités de retard sont exigibles au taux indiqué sur la facture, dès le lendemain de la date d’échéance (article L441-10 du Code de commerce).';

/** "1234.50" written "1 234,50 €" (no-break spaces: the amount never splits over two lines). */
export function frenchAmountOf(cents: number): string {
  return frenchAmount(formatCents(cents));
}

const TITLES: Record<DunningLevel, string> = {
  0: 'Rappel d’échéance',
  1: 'Relance de paiement',
  2: 'Seconde relance de paiement',
  3: 'Mise en demeure de payer',
};

function legalSentences(facts: LetterFacts): string[] {
  if (facts.level === 0) return [];
  switch (facts.clientKind) {
    case 'individual':
      return facts.level === 3 ? [CONSUMER_LEGAL_INTEREST, CONSUMER_NO_FEES] : [CONSUMER_NO_FEES];
    case 'public_body':
      return [PUBLIC_BODY_INTEREST_REMINDER];
    case 'company':
    case 'association':
      return [facts.invoiceLatePenaltySentence ?? LATE_PENALTY_FALLBACK, RECOVERY_INDEMNITY_REMINDER];
  }
}

/** What is left to pay: total − deposits − payments − credit notes, never below 0. */
export function letterAmountDueCents(facts: Pick<LetterFacts, 'totalCents' | 'depositsCents' | 'paidCents' | 'creditedCents'>): number {
  return Math.max(0, facts.totalCents - facts.depositsCents - facts.paidCents - facts.creditedCents);
}

export function reminderLetter(facts: LetterFacts): Letter {
  const due = frenchAmountOf(letterAmountDueCents(facts));
  const invoice = `la facture n° ${facts.invoiceNumber} du ${frenchDate(facts.issuedOn)}`;
  const dueOn = frenchDate(facts.dueOn);
  const paragraphs: Record<DunningLevel, string[]> = {
    0: [`Nous vous rappelons que ${invoice} arrive à échéance le ${dueOn}.`, `Le montant restant à payer est de ${due}. Merci de prévoir son règlement.`],
    1: [
      `Sauf erreur de notre part, ${invoice}, échue le ${dueOn}, n’est pas entièrement réglée à ce jour.`,
      `Le montant restant à payer est de ${due}. Merci de procéder à son règlement dès que possible.`,
      'Si vous avez réglé cette somme entre-temps, merci de ne pas tenir compte de ce courrier.',
    ],
    2: [
      `Malgré notre précédente relance, ${invoice}, échue le ${dueOn}, n’est toujours pas réglée.`,
      `Nous vous demandons de régler la somme de ${due} sous 8 jours.`,
      'En cas de difficulté, contactez-nous : nous pouvons convenir d’un échéancier.',
    ],
    3: [
      `Malgré nos relances, ${invoice}, échue le ${dueOn}, reste impayée.`,
      `Par la présente, nous vous mettons en demeure de régler la somme de ${due} dans un délai de 8 jours à compter de la réception de ce courrier.`,
      'À défaut, nous pourrons engager une procédure de recouvrement.',
    ],
  };
  const figures = [
    { label: 'Facture', value: `n° ${facts.invoiceNumber}` },
    { label: 'Date de la facture', value: frenchDate(facts.issuedOn) },
    { label: 'Date d’échéance', value: dueOn },
    { label: 'Montant TTC', value: frenchAmountOf(facts.totalCents) },
    ...(facts.depositsCents > 0 ? [{ label: 'Acomptes déduits', value: frenchAmountOf(facts.depositsCents) }] : []),
    { label: 'Déjà réglé', value: frenchAmountOf(facts.paidCents) },
    ...(facts.creditedCents > 0 ? [{ label: 'Avoirs', value: frenchAmountOf(facts.creditedCents) }] : []),
    { label: 'Reste à payer', value: due },
  ];
  return {
    addressee: facts.clientName,
    title: TITLES[facts.level],
    subject: `${TITLES[facts.level]} — facture n° ${facts.invoiceNumber}`,
    greeting: facts.clientKind === 'individual' ? `Bonjour ${facts.clientName},` : 'Madame, Monsieur,',
    paragraphs: paragraphs[facts.level],
    figures,
    legal: legalSentences(facts),
    closing: `Nous vous prions d’agréer nos salutations distinguées.\n${facts.senderName}`,
  };
}

/** The e-mail's plain text: the letter's words, short, the PDFs attached. */
export function letterText(letter: Letter): string {
  return [
    letter.greeting,
    '',
    ...letter.paragraphs,
    '',
    ...letter.figures.map((f) => `${f.label} : ${f.value}`),
    '',
    ...letter.legal,
    '',
    'Le courrier et la facture sont joints en PDF.',
    '',
    letter.closing,
  ].join('\n');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** Simple accessible HTML: a heading, paragraphs, a real table for the figures. */
export function letterHtml(letter: Letter): string {
  const p = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const rows = letter.figures.map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
  return [
    `<!doctype html><html lang="fr"><body>`,
    `<h1>${escapeHtml(letter.title)}</h1>`,
    p(letter.greeting),
    ...letter.paragraphs.map(p),
    `<table>${rows}</table>`,
    ...letter.legal.map(p),
    p('Le courrier et la facture sont joints en PDF.'),
    p(letter.closing),
    `</body></html>`,
  ].join('\n');
}
