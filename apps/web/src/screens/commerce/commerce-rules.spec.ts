import {
  bucketRows,
  catalogueBody,
  cents,
  clientApiProblem,
  clientBody,
  clientFieldOf,
  clientFields,
  clientProblems,
  creditableCents,
  transmissionTone,
  creditNoteBody,
  defaultValidUntil,
  EMPTY_CLIENT,
  expenseActions,
  expenseBody,
  localDay,
  quoteActions,
  receiptProblem,
} from './commerce-rules';
import { editorLinesFrom, freeLine, lineFromCatalogue } from './invoice-draft';

describe('clients', () => {
  const business = {
    ...EMPTY_CLIENT,
    name: ' Boulangerie du Pile ',
    line: '3 place de la Liberté',
    postalCode: '59100',
    city: 'Roubaix',
    siret: '120 027 016 00357',
    vatNumber: 'FR 85 120027016',
  };

  it('asks each kind for its own fields: no SIRET for an individual, a Chorus code for a public body', () => {
    expect(clientFields('individual')).toEqual({ siret: null, vatNumber: false, chorus: false });
    expect(clientFields('association').siret).toBe('optional');
    expect(clientFields('company')).toEqual({ siret: 'required', vatNumber: true, chorus: false });
    expect(clientFields('public_body').chorus).toBe(true);
  });

  it('sends the kind’s fields trimmed, and null for the others so a changed kind clears them', () => {
    expect(clientBody(business)).toEqual({
      kind: 'company',
      name: 'Boulangerie du Pile',
      billingAddress: { line: '3 place de la Liberté', postalCode: '59100', city: 'Roubaix' },
      email: null,
      phone: null,
      siret: '120 027 016 00357',
      vatNumber: 'FR 85 120027016',
      chorusServiceCode: null,
    });
    const person = clientBody({ ...business, kind: 'individual', name: 'Nadia Benali', email: 'nadia@example.fr' });
    expect(person).toMatchObject({ kind: 'individual', siret: null, vatNumber: null, email: 'nadia@example.fr' });
    expect(clientBody({ ...business, kind: 'public_body', chorusServiceCode: 'SERV-01', commitmentNumberRequired: true })).toMatchObject({
      chorusServiceCode: 'SERV-01',
      commitmentNumberRequired: true,
    });
  });

  it('stops on an empty name or address, and a missing SIRET where the kind needs one', () => {
    expect(clientProblems(EMPTY_CLIENT)).toEqual({ name: 'required', line: 'required', postalCode: 'required', city: 'required', siret: 'required' });
    expect(clientProblems({ ...business, kind: 'association', siret: '' })).toEqual({});
  });

  it('words the common refusals itself, plainly, and leaves the rest to the API’s message', () => {
    expect(clientApiProblem('VALIDATION_FAILED', 'siret')).toBe('siret');
    expect(clientApiProblem('CLIENT_SIRET_TAKEN', 'siret')).toBe('siretTaken');
    expect(clientApiProblem('VALIDATION_FAILED', 'name')).toBeNull();
    expect(clientApiProblem('FORBIDDEN', null)).toBeNull();
  });

  it('maps the API’s field names to the form’s', () => {
    expect(clientFieldOf('billingAddress.city')).toBe('city');
    expect(clientFieldOf('billingAddress')).toBe('line');
    expect(clientFieldOf('siret')).toBe('siret');
    expect(clientFieldOf('somethingElse')).toBeNull();
    expect(clientFieldOf(null)).toBeNull();
  });
});

describe('catalogue', () => {
  const item = { label: 'Buffet', description: '', unit: 'piece' as const, unitPrice: '12,5', vatRate: '10' as const, exemptionReason: '', nature: 'goods' as const };

  it('reads French prices and keeps two decimals at least', () => {
    expect(catalogueBody(item)).toEqual({
      ok: true,
      body: { label: 'Buffet', description: null, unit: 'piece', unitPrice: '12.50', vatRate: '10', exemptionReason: null, nature: 'goods' },
    });
    expect(catalogueBody({ ...item, unitPrice: '30' })).toMatchObject({ body: { unitPrice: '30.00' } });
    expect(catalogueBody({ ...item, unitPrice: '1,2345' })).toMatchObject({ body: { unitPrice: '1.2345' } });
  });

  it('names the first field to fix', () => {
    expect(catalogueBody({ ...item, label: ' ' })).toEqual({ ok: false, field: 'label' });
    expect(catalogueBody({ ...item, unitPrice: '12,345678' })).toEqual({ ok: false, field: 'unitPrice' });
    expect(catalogueBody({ ...item, unitPrice: '-3' })).toEqual({ ok: false, field: 'unitPrice' });
    expect(catalogueBody({ ...item, vatRate: '0' })).toEqual({ ok: false, field: 'exemptionReason' });
    expect(catalogueBody({ ...item, vatRate: '0', exemptionReason: 'Art. 261-4-4° CGI' })).toMatchObject({ body: { vatRate: '0', exemptionReason: 'Art. 261-4-4° CGI' } });
  });
});

describe('credit notes', () => {
  it('sends either all that remains or the lines typed, with the reason', () => {
    expect(creditNoteBody('full', [], ' Prestation annulée ')).toEqual({ full: true, reason: 'Prestation annulée' });
    const lines = editorLinesFrom([{ catalogueItemId: null, description: 'Buffet', quantity: '1', unit: 'piece', unitPrice: '40.00', vatRate: '20', exemptionReason: null }]);
    expect(creditNoteBody('lines', lines, '')).toEqual({
      lines: [{ description: 'Buffet', quantity: '1', unit: 'piece', unitPrice: '40.00', vatRate: '20', nature: 'service' }],
      reason: null,
    });
  });
});

describe('quotes', () => {
  it('lets a member draft and submit, the coordination validate, send and record the answer, an accountant read', () => {
    expect(quoteActions('draft', 'member')).toEqual(['edit', 'submit']);
    expect(quoteActions('submitted', 'member')).toEqual([]);
    expect(quoteActions('submitted', 'coordinator')).toEqual(['validate']);
    expect(quoteActions('validated', 'admin')).toEqual(['send']);
    expect(quoteActions('sent', 'coordinator')).toEqual(['accept', 'decline']);
    expect(quoteActions('accepted', 'coordinator')).toEqual([]);
    expect(quoteActions('draft', 'accountant')).toEqual([]);
  });

  it('holds a new quote 30 calendar days', () => {
    expect(defaultValidUntil('2026-12-05')).toBe('2027-01-04');
    expect(defaultValidUntil('2026-02-10')).toBe('2026-03-12');
  });
});

describe('expenses', () => {
  const form = { spentOn: '2026-12-04', description: 'Farine', amount: '12,50', vat: '0,66', category: 'supplies' as const };

  it('sends French amounts as the API’s decimals', () => {
    expect(expenseBody(form, '2026-12-05')).toEqual({ ok: true, body: { spentOn: '2026-12-04', description: 'Farine', amount: '12.50', vat: '0.66', category: 'supplies' } });
    expect(expenseBody({ ...form, vat: '' }, '2026-12-05')).toMatchObject({ body: { vat: '0' } });
  });

  it('stops a future day, an empty description, a zero amount and VAT above the amount', () => {
    expect(expenseBody({ ...form, spentOn: '2026-12-06' }, '2026-12-05')).toEqual({ ok: false, field: 'spentOn' });
    expect(expenseBody({ ...form, spentOn: '4/12/2026' }, '2026-12-05')).toEqual({ ok: false, field: 'spentOn' });
    expect(expenseBody({ ...form, description: '' }, '2026-12-05')).toEqual({ ok: false, field: 'description' });
    expect(expenseBody({ ...form, amount: '0' }, '2026-12-05')).toEqual({ ok: false, field: 'amount' });
    expect(expenseBody({ ...form, amount: '1,234' }, '2026-12-05')).toEqual({ ok: false, field: 'amount' });
    expect(expenseBody({ ...form, vat: '12,51' }, '2026-12-05')).toEqual({ ok: false, field: 'vat' });
  });

  it('counts cents exactly', () => {
    expect(cents('12.5')).toBe(1250);
    expect(cents('0.07')).toBe(7);
    expect(cents('1234')).toBe(123400);
  });

  it('lets the coordination approve or reject, then reimburse what a member paid', () => {
    expect(expenseActions('submitted', 'coordinator', true)).toEqual(['approve', 'reject']);
    expect(expenseActions('approved', 'coordinator', true)).toEqual(['reimburse']);
    expect(expenseActions('approved', 'coordinator', false)).toEqual([]);
    expect(expenseActions('submitted', 'member', true)).toEqual([]);
    expect(expenseActions('submitted', 'accountant', true)).toEqual([]);
  });

  it('takes a JPEG, a PNG or a PDF up to 5 MiB', () => {
    expect(receiptProblem({ type: 'image/jpeg', size: 2_000_000 })).toBeNull();
    expect(receiptProblem({ type: 'application/pdf', size: 10 })).toBeNull();
    expect(receiptProblem({ type: 'image/heic', size: 10 })).toBe('type');
    expect(receiptProblem({ type: 'image/png', size: 6_000_000 })).toBe('size');
  });

  it('writes the person’s day as YYYY-MM-DD', () => {
    expect(localDay(new Date(2026, 0, 3, 23, 30))).toBe('2026-01-03');
  });
});

describe('receivables', () => {
  it('shows every age group in order, with zero where nothing is owed', () => {
    expect(bucketRows([{ bucket: '31_60', count: 2, outstanding: '300.00' }])).toEqual([
      { bucket: 'not_due', count: 0, outstanding: '0.00' },
      { bucket: '1_30', count: 0, outstanding: '0.00' },
      { bucket: '31_60', count: 2, outstanding: '300.00' },
      { bucket: '61_90', count: 0, outstanding: '0.00' },
      { bucket: 'over_90', count: 0, outstanding: '0.00' },
    ]);
  });
});

describe('editor lines', () => {
  it('starts a free line at one hour and 20 %, and a catalogue line from the item', () => {
    const free = freeLine();
    expect(free).toMatchObject({ catalogueItemId: null, quantity: '1', unit: 'hour', vatRate: '20', unitPrice: '', nature: 'service' });
    const fromItem = lineFromCatalogue({ id: 'i1', label: 'Atelier couture', unit: 'day', unitPrice: '150.00', vatRate: '0', exemptionReason: 'Art. 261 CGI', nature: 'goods' });
    expect(fromItem).toMatchObject({
      catalogueItemId: 'i1',
      description: 'Atelier couture',
      unit: 'day',
      unitPrice: '150.00',
      vatRate: '0',
      exemptionReason: 'Art. 261 CGI',
      nature: 'goods',
    });
    expect(fromItem.key).not.toBe(free.key);
  });
});

describe('credit notes on an issued invoice', () => {
  it('may cancel all that is not credited yet, paid or not (the paid part is then refunded)', () => {
    expect(creditableCents({ totals: { amountDue: '275.16' }, credited: '0.00' })).toBe(27516);
    expect(creditableCents({ totals: { amountDue: '275.16' }, credited: '120.00' })).toBe(15516);
    expect(creditableCents({ totals: { amountDue: '275.16' }, credited: '275.16' })).toBe(0);
  });
});

describe('transmissionTone', () => {
  it('is green once approved or paid, an alert when refused or rejected, plain on the way', () => {
    expect(['accepted', 'paid'].map(transmissionTone)).toEqual(['success', 'success']);
    expect(['refused', 'rejected'].map(transmissionTone)).toEqual(['error', 'error']);
    expect(['pending', 'deposited', 'received'].map(transmissionTone)).toEqual(['info', 'info', 'info']);
  });
});
