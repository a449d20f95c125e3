import { EReportingFigures, formatCents, LineNature, vatCents, VatRate } from '@kpa/contracts';
import { eReportingCsv, eReportingFilename, E_REPORTING_CSV_HEADER, NO_PAYMENT_DATA } from './e-reporting-csv';
import { eReportingRange, transmissionPeriods } from './e-reporting-period';
import {
  allocateMovements,
  byNature,
  chargedAmounts,
  eReportingPeriods,
  isB2c,
  NatureAmounts,
  natureNets,
  paymentData,
  RateAmounts,
  rateAmounts,
  ReportedCreditNote,
  ReportedInvoice,
  ReportedMovement,
  transactionData,
} from './e-reporting';

const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
const DECEMBER = { from: '2026-12-01', to: '2026-12-31' };
const FRANCHISE = 'TVA non applicable, art. 293 B du CGI';

/** A VAT group at `rate` of `baseCents`, its VAT rounded once as the documents do. */
function vatGroup(rate: VatRate, baseCents: number): RateAmounts {
  if (rate === '0') return { category: 'E', rate, exemptionReason: FRANCHISE, baseCents, vatCents: 0 };
  return { category: 'S', rate, exemptionReason: null, baseCents, vatCents: Number(vatCents(BigInt(baseCents), rate)) };
}

/** The same group, all of one nature (services unless said). */
function group(rate: VatRate, baseCents: number, nature: LineNature = 'service'): NatureAmounts {
  return { ...vatGroup(rate, baseCents), nature };
}

let next = 0;
function invoice(issuedOn: string, breakdown: NatureAmounts[], extra: Partial<ReportedInvoice> = {}): ReportedInvoice {
  next += 1;
  return { id: `inv-${next}`, kind: 'standard', issuedOn, breakdown, deducted: [], ...extra };
}

const totalOf = (groups: readonly RateAmounts[]) => groups.reduce((sum, g) => sum + g.baseCents + g.vatCents, 0);
const cents = (value: string) => Math.round(Number(value) * 100);

describe('who is B2C for e-reporting', () => {
  it('takes individuals and associations without a VAT number, never businesses nor public bodies', () => {
    expect(isB2c({ kind: 'individual', vatNumber: null })).toBe(true);
    expect(isB2c({ kind: 'association', vatNumber: null })).toBe(true);
    expect(isB2c({ kind: 'association', vatNumber: '  ' })).toBe(true);
    expect(isB2c({ kind: 'association', vatNumber: 'FR40303265045' })).toBe(false);
    expect(isB2c({ kind: 'company', vatNumber: null })).toBe(false);
    expect(isB2c({ kind: 'public_body', vatNumber: null })).toBe(false);
  });
});

describe('transaction data', () => {
  it('sums the invoices issued in the period per rate, less its credit notes, and reconciles with their totals to the cent', () => {
    const a = invoice('2026-11-03', [group('20', 12_345), group('5.5', 1_001)]);
    const b = invoice('2026-11-30', [group('20', 99), group('10', 3_333)]);
    const outside = invoice('2026-12-01', [group('20', 100_000)]);
    const credit: ReportedCreditNote = { invoiceId: a.id, issuedOn: '2026-11-15', breakdown: [group('20', 2_000)] };
    const lateCredit: ReportedCreditNote = { invoiceId: b.id, issuedOn: '2026-12-02', breakdown: [group('10', 3_333)] };

    const data = transactionData(NOVEMBER, [a, b, outside], [credit, lateCredit]);

    expect(data.invoiceCount).toBe(2);
    expect(data.creditNoteCount).toBe(1);
    expect(data.rates.map((r) => [r.category, r.rate, r.base, r.vat, r.creditedBase, r.creditedVat])).toEqual([
      ['S', '20', '104.44', '20.89', '20.00', '4.00'], // 123.45 + 0.99 − 20.00; VAT 24.69 + 0.20 − 4.00
      ['S', '10', '33.33', '3.33', '0.00', '0.00'],
      ['S', '5.5', '10.01', '0.55', '0.00', '0.00'],
    ]);
    const expected = totalOf(a.breakdown) + totalOf(b.breakdown) - totalOf(credit.breakdown);
    expect(cents(data.total)).toBe(expected);
    expect(data.rates.reduce((sum, r) => sum + cents(r.total), 0)).toBe(expected);
  });

  it('reports the VAT franchise as category E at 0 % with its reason and no VAT', () => {
    const data = transactionData(NOVEMBER, [invoice('2026-11-10', [group('0', 45_000)])], []);
    expect(data.rates).toEqual([
      {
        category: 'E',
        rate: '0',
        exemptionReason: FRANCHISE,
        nature: 'service',
        invoicedBase: '450.00',
        invoicedVat: '0.00',
        creditedBase: '0.00',
        creditedVat: '0.00',
        base: '450.00',
        vat: '0.00',
        total: '450.00',
      },
    ]);
  });

  it('counts a deposit when issued and the final invoice without the deposits it deducts: no double counting', () => {
    // Quote: 1 000.00 at 20 % and 200.00 at 5.5 %; a 30 % deposit in November, the final in December.
    const deposit = invoice('2026-11-20', [group('20', 30_000), group('5.5', 6_000)], { kind: 'deposit' });
    const full = [group('20', 100_000), group('5.5', 20_000)];
    const final = invoice('2026-12-05', full, { kind: 'final', deducted: deposit.breakdown });

    const november = transactionData(NOVEMBER, [deposit, final], []);
    const december = transactionData(DECEMBER, [deposit, final], []);

    expect(november.rates.map((r) => [r.rate, r.base, r.vat])).toEqual([
      ['20', '300.00', '60.00'],
      ['5.5', '60.00', '3.30'],
    ]);
    expect(december.rates.map((r) => [r.rate, r.base, r.vat])).toEqual([
      ['20', '700.00', '140.00'],
      ['5.5', '140.00', '7.70'],
    ]);
    // Over both periods: exactly the final invoice's own totals (the whole sale), each rate to the cent.
    expect(cents(november.total) + cents(december.total)).toBe(totalOf(full));
    expect(cents(november.vat) + cents(december.vat)).toBe(full.reduce((s, g) => s + g.vatCents, 0));
  });

  it('may go negative when a period credits more than it invoices', () => {
    const old = invoice('2026-10-02', [group('20', 10_000)]);
    const data = transactionData(NOVEMBER, [old], [{ invoiceId: old.id, issuedOn: '2026-11-02', breakdown: [group('20', 10_000)] }]);
    expect([data.invoiceCount, data.base, data.vat, data.total]).toEqual([0, '-100.00', '-20.00', '-120.00']);
  });
});

describe('payment data', () => {
  it('splits instalments over the rates so that a fully paid invoice gives back exactly its base and VAT per rate', () => {
    const breakdown = [group('20', 12_345), group('5.5', 1_001), group('10', 3_333)];
    const total = totalOf(breakdown); // 148.14 + 10.56 + 36.66 = 195.36
    const instalments = [3_333, 1, 10_000, total - 13_334];
    const movements = instalments.map((amountCents, index) => ({ invoiceId: 'x', on: `2026-11-0${index + 1}`, amountCents }));
    const allocated = allocateMovements(breakdown, movements);
    allocated.forEach((movement, index) => expect(totalOf(movement.groups)).toBe(instalments[index]));
    for (const [index, g] of breakdown.entries()) {
      expect(allocated.reduce((sum, m) => sum + m.groups[index].baseCents, 0)).toBe(g.baseCents);
      expect(allocated.reduce((sum, m) => sum + m.groups[index].vatCents, 0)).toBe(g.vatCents);
    }
  });

  it('keeps every split exact for any instalments (largest remainder over what is still awaited), never negative', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round++) {
      const breakdown = [group('20', 1 + Math.floor(random() * 500_000)), group('2.1', Math.floor(random() * 9_999)), group('0', Math.floor(random() * 999))];
      let left = totalOf(breakdown);
      const movements: ReportedMovement[] = [];
      while (left > 0) {
        const amount = Math.min(left, 1 + Math.floor(random() * 40_000));
        movements.push({ invoiceId: 'x', on: '2026-11-10', amountCents: amount });
        left -= amount;
      }
      const allocated = allocateMovements(breakdown, movements);
      const perRate = breakdown.map((_, i) => allocated.reduce((s, m) => s + m.groups[i].baseCents + m.groups[i].vatCents, 0));
      expect(perRate).toEqual(breakdown.map((g) => g.baseCents + g.vatCents));
      expect(allocated.every((m) => m.groups.every((g) => g.baseCents >= 0 && g.vatCents >= 0))).toBe(true);
    }
  });

  it('counts received less refunded in the period, using earlier payments only to place the split', () => {
    const inv = invoice('2026-10-20', [group('20', 10_000), group('5.5', 10_000)]); // 120.00 + 105.50 = 225.50
    const movements: ReportedMovement[] = [
      { invoiceId: inv.id, on: '2026-10-25', amountCents: 10_000 }, // before the period
      { invoiceId: inv.id, on: '2026-11-05', amountCents: 12_550 }, // settles it
      { invoiceId: inv.id, on: '2026-11-20', amountCents: -2_255 }, // a refund after a credit note
      { invoiceId: inv.id, on: '2026-12-01', amountCents: -100 }, // after the period
    ];
    const data = paymentData(NOVEMBER, [inv], movements);
    expect([data.paymentCount, data.refundCount, data.amount]).toEqual([1, 1, '102.95']);
    expect(data.rates.map((r) => [r.rate, r.received, r.refunded, r.amount, r.base, r.vat])).toEqual([
      // October's 100.00 over (100.00, 20.00, 100.00, 5.50): 44.35 + 8.87 + 44.34 + 2.44; November's 125.50 is the rest.
      ['20', '66.78', '12.00', '54.78', '45.65', '9.13'],
      ['5.5', '58.72', '10.55', '48.17', '45.66', '2.51'],
    ]);
    const october = paymentData({ from: '2026-10-01', to: '2026-10-31' }, [inv], movements);
    // October + November received, less the refund: what the invoice charges minus the refund, per rate.
    expect(cents(october.amount) + cents(data.amount)).toBe(22_550 - 2_255);
    expect(cents(october.rates[0].amount) + cents(data.rates[0].amount) + cents(data.rates[0].refunded)).toBe(12_000);
    expect(cents(october.rates[0].base) + cents(data.rates[0].base)).toBe(10_000 - 1_000); // the refund's base at 20 %: 10.00
  });

  it('splits a final invoice payment over what it still charges (its rates less the deducted deposits)', () => {
    const deposit = invoice('2026-11-01', [group('20', 30_000)], { kind: 'deposit' });
    const final = invoice('2026-11-10', [group('20', 100_000), group('5.5', 20_000)], { kind: 'final', deducted: deposit.breakdown });
    const charged = chargedAmounts(final);
    expect(charged.map((g) => [g.rate, g.baseCents, g.vatCents])).toEqual([
      ['20', 70_000, 14_000],
      ['5.5', 20_000, 1_100],
    ]);
    const movements = [
      { invoiceId: deposit.id, on: '2026-11-02', amountCents: 36_000 },
      { invoiceId: final.id, on: '2026-11-15', amountCents: totalOf(charged) },
    ];
    const data = paymentData(NOVEMBER, [deposit, final], movements);
    expect(data.rates.map((r) => [r.rate, r.base, r.vat])).toEqual([
      ['20', '1000.00', '200.00'],
      ['5.5', '200.00', '11.00'],
    ]);
    expect(cents(data.amount)).toBe(totalOf(final.breakdown));
  });

  it('leaves out goods-only invoices (VAT due at delivery) and counts only the services share of a mixed one', () => {
    const goods = invoice('2026-11-02', [group('20', 5_000, 'goods')]);
    // 30.00 of services and 20.00 of goods at 10 %: VAT 5.00 split 3.00 / 2.00.
    const mixed = invoice(
      '2026-11-02',
      byNature(
        [vatGroup('10', 5_000)],
        [
          { rate: '10', nature: 'service', netCents: 3_000 },
          { rate: '10', nature: 'goods', netCents: 2_000 },
        ],
      ),
    );
    const data = paymentData(
      NOVEMBER,
      [goods, mixed],
      [
        { invoiceId: goods.id, on: '2026-11-03', amountCents: 6_000 },
        { invoiceId: mixed.id, on: '2026-11-03', amountCents: 5_500 },
      ],
    );
    expect(data.rates.map((r) => [r.rate, r.received, r.amount, r.base, r.vat])).toEqual([['10', '33.00', '33.00', '30.00', '3.00']]);
    expect(data.paymentCount).toBe(1);
  });

  it('property: the payments of fully paid mixed invoices add up to exactly their services base and VAT, to the cent, whatever the instalments', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const rates: VatRate[] = ['20', '10', '5.5'];
    for (let round = 0; round < 200; round++) {
      const nets = rates.flatMap((rate) => (['service', 'goods'] as const).map((nature) => ({ rate, nature, netCents: Math.floor(random() * 80_000) })));
      const breakdown = rates.map((rate) =>
        vatGroup(
          rate,
          nets.filter((n) => n.rate === rate).reduce((s, n) => s + n.netCents, 0),
        ),
      );
      const inv = invoice('2026-11-01', byNature(breakdown, nets));
      let left = totalOf(breakdown);
      const movements: ReportedMovement[] = [];
      while (left > 0) {
        const amount = Math.min(left, 1 + Math.floor(random() * 50_000));
        movements.push({ invoiceId: inv.id, on: '2026-11-15', amountCents: amount });
        left -= amount;
      }
      const data = paymentData(NOVEMBER, [inv], movements);
      const services = inv.breakdown.filter((g) => g.nature === 'service');
      expect(cents(data.base)).toBe(services.reduce((s, g) => s + g.baseCents, 0));
      expect(cents(data.vat)).toBe(services.reduce((s, g) => s + g.vatCents, 0));
      expect(cents(data.amount)).toBe(totalOf(services));
      for (const rate of data.rates) expect(cents(rate.received)).toBe(totalOf(services.filter((g) => g.rate === rate.rate)));
    }
  });

  it('reports no payment data at all when the host structure opted for VAT on debits', () => {
    const inv = invoice('2026-11-02', [group('20', 5_000)]);
    const documents = { invoices: [inv], creditNotes: [], movements: [{ invoiceId: inv.id, on: '2026-11-03', amountCents: 6_000 }] };
    const [period] = eReportingPeriods([NOVEMBER], documents, 'debits');
    expect(period.payments).toBeNull();
    expect(period.transactions.total).toBe('60.00');
    expect(eReportingPeriods([NOVEMBER], documents)[0].payments?.amount).toBe('60.00');
  });
});

describe('goods and services apart', () => {
  it("splits a mixed VAT group by its lines: the bases are the lines' nets, the VAT in proportion to the cent", () => {
    // 20 %: 0.01 of goods and 0.02 of services → base 0.03, VAT 0.01 (rounded once): 1 cent to services (the larger share).
    const nets = natureNets(
      [
        { quantity: '1', unitPrice: '0.01', vatRate: '20', nature: 'goods' },
        { quantity: '2', unitPrice: '0.01', vatRate: '20', nature: 'service' },
        { quantity: '1', unitPrice: '100', vatRate: '5.5' },
      ],
      false,
    );
    expect(byNature([vatGroup('20', 3), vatGroup('5.5', 10_000)], nets).map((g) => [g.rate, g.nature, g.baseCents, g.vatCents])).toEqual([
      ['20', 'service', 2, 1],
      ['20', 'goods', 1, 0],
      ['5.5', 'service', 10_000, 550],
    ]);
  });

  it('reads franchise lines at rate 0, discount lines as negative nets, and gives no part to a nature whose lines add up to nothing', () => {
    const nets = natureNets(
      [
        { quantity: '1.5', unitPrice: '10', vatRate: '20', nature: 'goods' },
        { quantity: '1', unitPrice: '-5', vatRate: '20', nature: 'goods' },
        { quantity: '1', unitPrice: '20', vatRate: '10', nature: null },
      ],
      true,
    );
    expect(nets).toEqual([
      { rate: '0', nature: 'goods', netCents: 1_500 },
      { rate: '0', nature: 'goods', netCents: -500 },
      { rate: '0', nature: 'service', netCents: 2_000 },
    ]);
    expect(byNature([vatGroup('0', 3_000)], nets).map((g) => [g.nature, g.baseCents])).toEqual([
      ['service', 2_000],
      ['goods', 1_000],
    ]);
    const cancelled = [
      { rate: '20' as const, nature: 'goods' as const, netCents: -1_000 },
      { rate: '20' as const, nature: 'service' as const, netCents: 5_000 },
    ];
    expect(byNature([vatGroup('20', 4_000)], cancelled).map((g) => [g.nature, g.baseCents, g.vatCents])).toEqual([['service', 4_000, 800]]);
    expect(byNature([vatGroup('20', 0)], []).map((g) => g.nature)).toEqual(['service']);
  });

  it('property: the parts of every group add up to it exactly', () => {
    let seed = 3;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 300; round++) {
      const nets = (['service', 'goods'] as const).map((nature) => ({ rate: '10' as const, nature, netCents: Math.floor(random() * 1_000_000) }));
      const whole = vatGroup('10', nets[0].netCents + nets[1].netCents);
      const parts = byNature([whole], nets);
      expect(parts.reduce((s, g) => s + g.baseCents, 0)).toBe(whole.baseCents);
      expect(parts.reduce((s, g) => s + g.vatCents, 0)).toBe(whole.vatCents);
      for (const part of parts) expect(part.baseCents).toBe(nets.find((n) => n.nature === part.nature)?.netCents);
    }
  });

  it('reports the transaction data of a mixed invoice per nature, adding up to the invoice to the cent', () => {
    const nets = [
      { rate: '20' as const, nature: 'goods' as const, netCents: 33_333 },
      { rate: '20' as const, nature: 'service' as const, netCents: 11_111 },
    ];
    const whole = vatGroup('20', 44_444);
    const inv = invoice('2026-11-04', byNature([whole], nets));
    const data = transactionData(NOVEMBER, [inv], []);
    expect(data.rates.map((r) => [r.nature, r.base, r.vat])).toEqual([
      ['service', '111.11', '22.22'],
      ['goods', '333.33', '66.67'],
    ]);
    expect(cents(data.total)).toBe(whole.baseCents + whole.vatCents);
  });
});

describe('ranges and transmission periods', () => {
  it('defaults to the previous calendar month, monthly', () => {
    expect(eReportingRange({}, '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31', frequency: 'monthly' });
    expect(eReportingRange({ from: '', to: '' }, '2027-03-01')).toEqual({ from: '2027-02-01', to: '2027-02-28', frequency: 'monthly' });
  });

  it('refuses bad dates, half ranges, reversed ranges, more than a year and unknown frequencies with a 400 naming the field', () => {
    const refusal = (query: Record<string, unknown>) => {
      try {
        eReportingRange(query, '2026-12-01');
      } catch (error) {
        return error as { code: string; details: { field: string }; message: string };
      }
      throw new Error('accepted');
    };
    expect(refusal({ from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'from' } });
    expect(refusal({ from: '2026-01-01', to: '01/02/2026' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'to' } });
    expect(refusal({ from: '2026-01-01' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'to' } });
    expect(refusal({ to: '2026-01-01' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'from' } });
    expect(refusal({ from: '2026-03-01', to: '2026-02-01' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'from' } });
    expect(refusal({ from: '2025-01-01', to: '2026-01-02' }).message).toMatch(/367 days.*at most 366/);
    expect(refusal({ frequency: 'weekly' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'frequency' } });
    expect(eReportingRange({ from: '2024-01-01', to: '2024-12-31' }, '2026-12-01').to).toBe('2024-12-31'); // a leap year: 366 days
  });

  it('cuts a range into months, decades, pairs of months, or keeps it whole', () => {
    expect(transmissionPeriods({ from: '2026-01-15', to: '2026-03-10' }, 'monthly')).toEqual([
      { from: '2026-01-15', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-10' },
    ]);
    expect(transmissionPeriods({ from: '2026-02-05', to: '2026-03-02' }, 'decadal')).toEqual([
      { from: '2026-02-05', to: '2026-02-10' },
      { from: '2026-02-11', to: '2026-02-20' },
      { from: '2026-02-21', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-03-02' },
    ]);
    expect(transmissionPeriods({ from: '2026-02-10', to: '2026-06-30' }, 'bimonthly')).toEqual([
      { from: '2026-02-10', to: '2026-02-28' },
      { from: '2026-03-01', to: '2026-04-30' },
      { from: '2026-05-01', to: '2026-06-30' },
    ]);
    expect(transmissionPeriods({ from: '2026-02-10', to: '2026-06-30' }, 'whole')).toEqual([{ from: '2026-02-10', to: '2026-06-30' }]);
  });
});

describe('the whole figures and their CSV', () => {
  const inv = invoice('2026-11-03', [group('20', 12_345), group('0', 1_000)]);
  const credit: ReportedCreditNote = { invoiceId: inv.id, issuedOn: '2026-12-03', breakdown: [group('20', 12_345)] };
  const figures: EReportingFigures = {
    hostStructureId: 'h',
    from: '2026-11-01',
    to: '2026-12-31',
    frequency: 'monthly',
    servicesVatDue: 'receipts',
    paymentsNote: null,
    periods: eReportingPeriods([NOVEMBER, DECEMBER], {
      invoices: [inv],
      creditNotes: [credit],
      movements: [{ invoiceId: inv.id, on: '2026-11-04', amountCents: 5_000 }],
    }),
  };

  it('gives each period its two data sets', () => {
    expect(figures.periods.map((p) => [p.from, p.transactions.total, p.payments?.amount])).toEqual([
      ['2026-11-01', formatCents(totalOf(inv.breakdown)), '50.00'],
      ['2026-12-01', '-148.14', '0.00'],
    ]);
  });

  it('writes a French spreadsheet CSV: BOM, ";", decimal comma, DD/MM/YYYY, negative amounts kept as numbers', () => {
    const csv = eReportingCsv(figures);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe(E_REPORTING_CSV_HEADER.join(';'));
    expect(rows).toContain('01/11/2026;30/11/2026;Opérations;Services;S;20;;123,45;24,69;148,14;148,14;0,00');
    expect(rows).toContain(`01/11/2026;30/11/2026;Opérations;Services;E;0;${FRANCHISE};10,00;0,00;10,00;10,00;0,00`);
    expect(rows).toContain('01/12/2026;31/12/2026;Opérations;Services;S;20;;-123,45;-24,69;-148,14;0,00;148,14');
    expect(rows.filter((row) => row.includes('Encaissements'))).toHaveLength(2);
    expect(rows.at(-1)).toBe('');
    expect(eReportingFilename(figures)).toBe('e-reporting-2026-11-01-2026-12-31.csv');
  });

  it('says in the CSV, period by period, that there is no payment data under the option for debits', () => {
    const goods = invoice('2026-11-05', [group('20', 1_000, 'goods')]);
    const debits: EReportingFigures = {
      ...figures,
      servicesVatDue: 'debits',
      paymentsNote: 'no payment data',
      periods: eReportingPeriods([NOVEMBER, DECEMBER], { invoices: [goods], creditNotes: [], movements: [] }, 'debits'),
    };
    const rows = eReportingCsv(debits).slice(1).split('\r\n');
    expect(rows).toContain('01/11/2026;30/11/2026;Opérations;Biens;S;20;;10,00;2,00;12,00;12,00;0,00');
    expect(rows.filter((row) => row.includes(NO_PAYMENT_DATA))).toEqual([
      `01/11/2026;30/11/2026;${NO_PAYMENT_DATA};Services;;;;;;;;`,
      `01/12/2026;31/12/2026;${NO_PAYMENT_DATA};Services;;;;;;;;`,
    ]);
    expect(NO_PAYMENT_DATA).toMatch(/débits/);
  });

  it('reads a frozen breakdown into cents', () => {
    expect(rateAmounts([{ category: 'S', rate: '5.5', exemptionReason: null, base: '10.01', vat: '0.55' }])).toEqual([
      { category: 'S', rate: '5.5', exemptionReason: null, baseCents: 1001, vatCents: 55 },
    ]);
  });
});
