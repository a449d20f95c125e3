import { pdfText } from '@kpa/testing';
import { pdfFonts } from '@kpa/testing/pdf-fonts';
import { ClientKind } from '@kpa/contracts';
import { LetterFacts, letterHtml, letterText, reminderLetter } from './dunning-letter';
import { DunningLevel } from './dunning-schedule';
import { renderLetterPdf } from './letter-pdf';

function facts(clientKind: ClientKind, level: DunningLevel = 1): LetterFacts {
  return {
    level,
    clientKind,
    clientName: clientKind === 'individual' ? 'Awa Diallo' : 'Boulangerie du Nord',
    senderName: 'La Cape — Coopérative Grands Ensemble',
    invoiceNumber: 'LACAPE-F-2026-00042',
    issuedOn: '2026-01-05',
    dueOn: '2026-02-04',
    totalCents: 1_234_50,
    depositsCents: 0,
    paidCents: 200_00,
    creditedCents: 0,
    invoiceLatePenaltySentence: 'En cas de retard de paiement, des pénalités au taux de 12 % sont exigibles.',
    writtenOn: '2026-02-11',
  };
}

const everything = (kind: ClientKind, level: DunningLevel = 1) => {
  const letter = reminderLetter(facts(kind, level));
  return [letterText(letter), letterHtml(letter)].join('\n');
};

describe('reminder letters', () => {
  it('tells a business client about late penalties at the invoice’s rate and the 40 € indemnity', () => {
    for (const kind of ['company', 'association'] as const) {
      const text = everything(kind);
      expect(text).toContain('40 €');
      expect(text).toContain('L441-10');
      expect(text).toContain('au taux de 12 %');
    }
  });

  it('never claims the 40 € nor any recovery fee from an individual, at any level', () => {
    for (const level of [0, 1, 2, 3] as const) {
      const text = everything('individual', level);
      expect(text).not.toMatch(/40\s?€/);
      expect(text).not.toContain('indemnité forfaitaire');
      expect(text).not.toContain('pénalités');
    }
    expect(everything('individual', 1)).toContain('Aucuns frais de recouvrement ne vous seront réclamés');
    expect(everything('individual', 3)).toContain('intérêts au taux légal');
  });

  it('words moratorium interest for a public body', () => {
    const text = everything('public_body');
    expect(text).toContain('intérêts moratoires');
    expect(text).toContain('40 €');
    expect(text).not.toContain('au taux de 12 %');
  });

  it('says what is due and what was already paid, and names the invoice', () => {
    const text = everything('company', 2);
    expect(text).toContain('LACAPE-F-2026-00042');
    expect(text).toContain('05/01/2026');
    expect(text).toContain('Déjà réglé : 200,00\u00a0€');
    expect(text).toContain('Reste à payer : 1\u00a0034,50\u00a0€');
  });

  it('deducts the deposits of a final invoice from what is left to pay', () => {
    const text = letterText(reminderLetter({ ...facts('company'), depositsCents: 300_00 }));
    expect(text).toContain('Acomptes déduits : 300,00\u00a0€');
    expect(text).toContain('Reste à payer : 734,50\u00a0€');
  });

  it('grows firmer with the level: the formal notice says "mise en demeure", the courtesy notice has no legal threat', () => {
    expect(reminderLetter(facts('company', 3)).title).toBe('Mise en demeure de payer');
    expect(everything('company', 3)).toContain('mettons en demeure');
    expect(reminderLetter(facts('company', 0)).legal).toEqual([]);
  });

  it('escapes the client’s name in the HTML', () => {
    const html = letterHtml(reminderLetter({ ...facts('individual'), clientName: '<script>x</script>' }));
    expect(html).not.toContain('<script>');
  });

  it('prints an A4 PDF in French with the figures, the 40 € for a business and never for an individual', async () => {
    const business = await pdfText(await renderLetterPdf(reminderLetter(facts('company')), '2026-02-11', 'Roubaix'));
    expect(business.pageSizes[0]).toEqual({ width: 595.28, height: 841.89 });
    expect(business.text).toContain('Relance de paiement');
    expect(business.text).toContain('LACAPE-F-2026-00042');
    expect(business.text).toMatch(/Déjà réglé\s200,00\s€/);
    expect(business.text).toMatch(/Reste à payer\s1\s034,50\s€/);
    expect(business.text).toMatch(/40\s€/);
    const consumer = await pdfText(await renderLetterPdf(reminderLetter(facts('individual')), '2026-02-11'));
    expect(consumer.text).toContain('Déjà réglé');
    expect(consumer.text).not.toMatch(/40\s€/);
  });

  it('names the debtor exactly on the formal notice — Latin Extended, Cyrillic, Arabic — with every font embedded', async () => {
    for (const [kind, name] of [
      ['individual', 'Łukasz Dağlı'],
      ['company', 'ООО Дмитрий Иванов'],
      ['individual', 'محمد عبد الله'],
    ] as const) {
      const pdf = await renderLetterPdf(reminderLetter({ ...facts(kind, 3), clientName: name, senderName: 'La Cape — Coopérative Łódź' }), '2026-02-11', 'Roubaix');
      const { text, info } = await pdfText(pdf);
      const words = text.replace(/\s+/g, ' ');
      // The addressee block names every debtor; an individual is greeted by name too.
      expect(words).toContain(name);
      if (kind === 'individual') expect(words).toContain(`Bonjour ${name},`);
      expect(words).toContain('Mise en demeure de payer');
      expect(words).toContain('La Cape — Coopérative Łódź');
      expect(info).toMatchObject({ Title: 'Mise en demeure de payer — facture n° LACAPE-F-2026-00042' });
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((font) => !font.embedded)).toEqual([]);
      expect(fonts.map((font) => font.baseFont)).not.toContain('Helvetica');
      if (kind === 'individual' && name.startsWith('م')) expect(fonts.map((font) => font.baseFont)).toContain('NotoSansArabic-Regular');
    }
  });

  it('renders the same bytes for the same letter', async () => {
    const letter = reminderLetter(facts('company'));
    expect((await renderLetterPdf(letter, '2026-02-11')).equals(await renderLetterPdf(letter, '2026-02-11'))).toBe(true);
  });
});
