import { checkHostStructure, checkSite, checkSiteUser, figureBars, hostStructureBody, type HostStructureDraft, logoProblem, shareCapitalOf } from './admin-rules';

/** The SIRET and VAT number the e2e tests use (a real pair: Luhn key and VAT key match). */
const SIRET = '12002701600357';
const VAT = 'FR85120027016';
const host = (patch: Partial<HostStructureDraft> = {}): HostStructureDraft => ({
  kind: 'cae',
  legalName: 'CAE Grand Nord',
  legalForm: 'SCOP SARL à capital variable',
  shareCapital: '',
  rcsCity: '',
  siret: SIRET,
  vatNumber: VAT,
  city: 'Lille',
  addressLine: '',
  postalCode: '',
  iban: '',
  bic: '',
  electronicAddress: '',
  phone: '',
  email: '',
  vatOnDebits: false,
  mediatorName: '',
  mediatorContact: '',
  ...patch,
});
const fields = (problems: { field: string }[]) => problems.map((problem) => problem.field);

describe('a host structure', () => {
  it('takes a SIRET and VAT number as people type them, spaces included, or no VAT number at all', () => {
    expect(checkHostStructure(host())).toEqual([]);
    expect(checkHostStructure(host({ siret: '120 027 016 00357', vatNumber: 'FR 85 120027016' }))).toEqual([]);
    expect(checkHostStructure(host({ vatNumber: '' }))).toEqual([]);
  });

  it('refuses a SIRET whose key is wrong, and a VAT number of another SIREN', () => {
    expect(fields(checkHostStructure(host({ siret: '12002701600358' })))).toEqual(['siret']);
    expect(fields(checkHostStructure(host({ siret: '1200270160035' })))).toEqual(['siret']);
    expect(fields(checkHostStructure(host({ vatNumber: 'FR40303265045' })))).toEqual(['vatNumber']);
    expect(fields(checkHostStructure(host({ vatNumber: 'FR00120027016' })))).toEqual(['vatNumber']);
  });

  it('needs the legal form every invoice prints; takes a share capital as people write it', () => {
    expect(fields(checkHostStructure(host({ legalForm: ' ' })))).toEqual(['legalForm']);
    expect(fields(checkHostStructure(host({ shareCapital: 'quinze mille' })))).toEqual(['shareCapital']);
    expect(shareCapitalOf('15 000')).toBe('15000.00');
    expect(shareCapitalOf('15000,5')).toBe('15000.50');
    expect(shareCapitalOf('15000.50')).toBe('15000.50');
    expect(shareCapitalOf('15000,505')).toBeNull();
  });

  it('sends identifiers without spaces; an empty optional field is left out on creation, cleared on a change', () => {
    const draft = host({ siret: '120 027 016 00357', vatNumber: 'fr 85 120027016', shareCapital: '15 000', addressLine: '' });
    expect(hostStructureBody(draft, true)).toEqual({
      legalName: 'CAE Grand Nord',
      legalForm: 'SCOP SARL à capital variable',
      shareCapital: '15000.00',
      rcsCity: undefined,
      siret: SIRET,
      vatNumber: VAT,
      city: 'Lille',
      addressLine: undefined,
      postalCode: undefined,
      iban: undefined,
      bic: undefined,
      electronicAddress: undefined,
      phone: undefined,
      email: undefined,
      vatOnDebits: false,
      mediatorName: undefined,
      mediatorContact: undefined,
    });
    expect(hostStructureBody(host({ vatNumber: '' }), false)).toMatchObject({ vatNumber: null, shareCapital: null, addressLine: null });
  });

  it('names every other field to fix', () => {
    expect(fields(checkHostStructure(host({ legalName: 'A', city: ' ', postalCode: '5900', addressLine: 'x'.repeat(201) })))).toEqual([
      'legalName',
      'city',
      'addressLine',
      'postalCode',
    ]);
    expect(checkHostStructure(host({ postalCode: '59000', addressLine: '2 rue de la Coopération' }))).toEqual([]);
  });

  it('takes the IBAN as people type it and sends it compact, with its BIC, e-invoicing address, phone, e-mail and the debits option', () => {
    const draft = host({
      iban: 'fr76 3000 6000 0112 3456 7890 189',
      bic: 'bnpa frpp',
      electronicAddress: '120027016',
      phone: '03 20 00 00 00',
      email: 'compta@cae.fr',
      vatOnDebits: true,
    });
    expect(checkHostStructure(draft)).toEqual([]);
    expect(hostStructureBody(draft, false)).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', electronicAddress: '120027016', vatOnDebits: true });
    expect(hostStructureBody(host(), false)).toMatchObject({ iban: null, bic: null, vatOnDebits: false });
  });

  it('names a wrong IBAN key, a BIC without IBAN, an address with spaces, a bad phone or e-mail, the debits option without VAT number', () => {
    expect(
      fields(
        checkHostStructure(
          host({
            iban: 'FR76 3000 6000 0112 3456 7890 188',
            bic: 'BNPAFRPP',
            electronicAddress: '120 027 016',
            phone: 'demain',
            email: 'compta',
            vatNumber: '',
            vatOnDebits: true,
          }),
        ),
      ),
    ).toEqual(['iban', 'electronicAddress', 'phone', 'email', 'vatOnDebits']);
    expect(fields(checkHostStructure(host({ bic: 'BNPAFRPP' })))).toEqual(['bic']);
  });

  it('takes the consumer mediator whole: its name with its website or address, sent trimmed; one without the other is named', () => {
    const draft = host({ mediatorName: ' CM2C ', mediatorContact: 'www.cm2c.net' });
    expect(checkHostStructure(draft)).toEqual([]);
    expect(hostStructureBody(draft, false)).toMatchObject({ mediatorName: 'CM2C', mediatorContact: 'www.cm2c.net' });
    expect(hostStructureBody(host(), false)).toMatchObject({ mediatorName: null, mediatorContact: null });
    expect(fields(checkHostStructure(host({ mediatorName: 'CM2C' })))).toEqual(['mediatorContact']);
    expect(fields(checkHostStructure(host({ mediatorContact: 'www.cm2c.net' })))).toEqual(['mediatorName']);
  });

  it('takes a PNG or JPEG logo of 300 KB at most', () => {
    expect(logoProblem({ type: 'image/png', size: 20_000 })).toBeNull();
    expect(logoProblem({ type: 'image/jpeg', size: 300 * 1024 })).toBeNull();
    expect(logoProblem({ type: 'image/svg+xml', size: 2_000 })).toBe('type');
    expect(logoProblem({ type: 'image/png', size: 300 * 1024 + 1 })).toBe('size');
  });
});

describe('a site', () => {
  it('needs a code and a host structure when it is created, never after', () => {
    const site = { name: 'Kpa-Moulins', code: 'kpa-lille', city: 'Lille', status: 'active' as const, hostStructureId: 'h1' };
    expect(checkSite(site, true)).toEqual([]);
    expect(fields(checkSite({ ...site, code: 'K', hostStructureId: null }, true))).toEqual(['code', 'hostStructureId']);
    expect(fields(checkSite({ ...site, code: 'LILLE CENTRE' }, true))).toEqual(['code']);
    expect(checkSite({ ...site, code: '', hostStructureId: null }, false)).toEqual([]);
    expect(fields(checkSite({ ...site, name: 'K', city: '' }, false))).toEqual(['name', 'city']);
  });
});

describe('a role given by e-mail', () => {
  it('needs an e-mail address, a name and a first password of 12 characters', () => {
    expect(checkSiteUser({ email: 'coordination@moulins.kpa.local', displayName: 'Coordination', role: 'coordinator', password: 'une phrase facile' })).toEqual([]);
    expect(fields(checkSiteUser({ email: 'coordination', displayName: ' ', role: 'accountant', password: 'court' }))).toEqual(['email', 'displayName', 'password']);
  });
});

describe("the region's figures as bars", () => {
  it('sorts by count, measures each bar against the largest, and draws no bar for a hidden small count', () => {
    expect(figureBars({ male: 5, female: 10, non_binary: null, not_said: 0 })).toEqual([
      { key: 'female', count: 10, percent: 100 },
      { key: 'male', count: 5, percent: 50 },
      { key: 'non_binary', count: null, percent: 0 },
      { key: 'not_said', count: 0, percent: 0 },
    ]);
    expect(figureBars({})).toEqual([]);
    expect(figureBars({ a: 0, b: null })).toEqual([
      { key: 'a', count: 0, percent: 0 },
      { key: 'b', count: null, percent: 0 },
    ]);
  });
});
