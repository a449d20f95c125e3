import { contributionNotice, eInvoiceRefusedNotice, missionTeamNotice, periodClosedNotice, quoteExpiredNotice } from './member-notices';

describe('members’ notices', () => {
  const site = '0191f0c4-0000-7000-8000-000000000001';

  it('a confirmed team: the mission, its dates, a link to it', () => {
    const notice = missionTeamNotice(site, { missionId: 'm1', title: 'Jardin de la résidence', startsOn: '2026-12-01', endsOn: '2026-12-03', team: ['a'] });
    expect(notice('fr')).toEqual({
      title: 'Vous faites partie de l’équipe : Jardin de la résidence',
      paragraphs: [
        'Bonjour,',
        'Votre coordinateur vous a choisi pour la mission « Jardin de la résidence ».',
        'Elle a lieu du 1er\u00a0décembre\u00a02026 au 3\u00a0décembre\u00a02026.',
      ],
      link: `/v1/sites/${site}/missions/m1`,
      signature: 'La plateforme KPA-Cité',
    });
    expect(missionTeamNotice(site, { missionId: 'm1', title: 'T', startsOn: '2026-12-04', endsOn: '2026-12-04', team: [] })('en').paragraphs[2]).toBe(
      'It takes place on 4 December 2026.',
    );
  });

  it('hours validated, or rejected with the reason and what to do', () => {
    const decided = { contributionId: 'c1', memberId: 'x', date: '2026-11-28', hours: '7.50', reason: null };
    expect(contributionNotice(site, { ...decided, status: 'validated' })('fr').paragraphs).toEqual([
      'Bonjour,',
      'Vos 7,5\u00a0h du 28\u00a0novembre\u00a02026 sont validées.',
      'Elles comptent pour votre part de la prochaine période.',
    ]);
    const rejected = contributionNotice(site, { ...decided, hours: '2.00', status: 'rejected', reason: 'Déjà compté le 27' });
    expect(rejected('fr')).toMatchObject({
      title: 'Vos heures du 28\u00a0novembre\u00a02026 ne sont pas validées',
      paragraphs: [
        'Bonjour,',
        'Vos 2\u00a0h du 28\u00a0novembre\u00a02026 n’ont pas été validées.',
        'Raison : Déjà compté le 27',
        'Parlez-en à votre coordinateur si vous n’êtes pas d’accord.',
      ],
    });
    expect(rejected('en').paragraphs[1]).toBe('Your 2 h of 28 November 2026 were not validated.');
  });

  it('a closed period: the member’s own share in French money, and how to object', () => {
    const period = { periodId: 'p1', startsOn: '2026-11-01', endsOn: '2026-11-30', pot: '5000.00', distributed: '4800.00', undistributed: '200.00', shares: [] };
    expect(periodClosedNotice(site, period, '1234.50')('fr').paragraphs[2]).toBe('Votre part proposée est de 1\u00a0234,50\u00a0€.');
    expect(periodClosedNotice(site, period, '1234.50')('en').paragraphs[2]).toBe('Your proposed share is €1234.50.');
    expect(periodClosedNotice(site, period, '0.00')('fr').link).toBe(`/v1/sites/${site}/periods/p1`);
  });

  it('an expired quote: its number, client (never an individual’s name), amount and last day, and what to do', () => {
    const quote = {
      quoteId: 'q1',
      siteId: site,
      number: 'LACAPE-D-2026-00012',
      clientId: 'c1',
      clientName: 'Boulangerie du Pile',
      validUntil: '2026-11-30',
      totalIncludingTax: '1200.00',
      createdBy: 'u1',
      createdByRole: 'member' as const,
    };
    expect(quoteExpiredNotice(quote)('fr')).toEqual({
      title: 'Votre devis LACAPE-D-2026-00012 a expiré',
      paragraphs: [
        'Bonjour,',
        'Le devis LACAPE-D-2026-00012 pour Boulangerie du Pile (1\u00a0200,00\u00a0€ TTC) était valable jusqu’au 30\u00a0novembre\u00a02026.',
        'Le client ne l’a pas accepté à temps : il ne peut plus l’être.',
        'Si le client est toujours intéressé, faites un nouveau devis.',
      ],
      link: `/v1/sites/${site}/quotes/q1`,
      signature: 'La plateforme KPA-Cité',
    });
    expect(quoteExpiredNotice({ ...quote, clientName: null })('fr').paragraphs[1]).toContain('pour un particulier');
    expect(quoteExpiredNotice({ ...quote, clientName: null })('en').paragraphs[1]).toBe(
      'Quote LACAPE-D-2026-00012 for a private client (€1200.00 incl. VAT) was valid until 30 November 2026.',
    );
  });
});

describe('coordinators’ e-invoice notices', () => {
  const refused = {
    siteId: '0191f0c4-0000-7000-8000-000000000001',
    kind: 'invoice' as const,
    documentId: 'i1',
    number: 'LACAPE-F-2026-00042',
    status: 'refused' as const,
    reason: 'Prestation non commandée',
    occurredAt: '2026-12-05T10:00:00.000Z',
  };

  it('a refused invoice: who refused it, when, why, and what to do, with a link to it', () => {
    expect(eInvoiceRefusedNotice(refused)('fr')).toEqual({
      title: 'La facture LACAPE-F-2026-00042 a été refusée par le client',
      paragraphs: [
        'Bonjour,',
        'La facture électronique LACAPE-F-2026-00042 a été refusée par le client le 5\u00a0décembre\u00a02026.',
        'Motif : Prestation non commandée',
        'Elle ne peut pas être modifiée : annulez-la par un avoir, puis émettez une facture corrigée.',
      ],
      link: '/v1/sites/0191f0c4-0000-7000-8000-000000000001/invoices/i1',
      signature: 'La plateforme KPA-Cité',
    });
  });

  it('a credit note rejected by the PA without reason, in English', () => {
    const notice = eInvoiceRefusedNotice({ ...refused, kind: 'credit_note', status: 'rejected', reason: null })('en');
    expect(notice.title).toBe('Credit note LACAPE-F-2026-00042 was rejected by the approved platform');
    expect(notice.paragraphs).toHaveLength(3);
    expect(notice.link).toBe('/v1/sites/0191f0c4-0000-7000-8000-000000000001/credit-notes/i1');
  });
});
