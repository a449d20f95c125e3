import { CatalogueItemInput } from '@kpa/contracts';
import { changeCatalogueItem, formatTenThousandths, newCatalogueItem, parseTenThousandths } from './catalogue-item';
import { refusalOf } from '@kpa/testing/refusal';

const item: CatalogueItemInput = { label: 'Repassage', unit: 'hour', unitPrice: '18.5', vatRate: '20', activityPole: 'services à la personne' };

describe('catalogue item rules', () => {
  it('keeps the unit price as an integer of ten-thousandths, never a float', () => {
    expect(parseTenThousandths('12.3456')).toBe(123456);
    expect(parseTenThousandths('0.1')).toBe(1000);
    expect(parseTenThousandths('7')).toBe(70000);
    expect(parseTenThousandths('0.0001')).toBe(1);
    for (const bad of ['12.34567', '-1', '1,5', '1e3', '', ' . ', 12.5, '1234567890']) expect(parseTenThousandths(bad)).toBeUndefined();
    expect(formatTenThousandths(123456)).toBe('12.3456');
    expect(formatTenThousandths(125000)).toBe('12.50');
    expect(formatTenThousandths(123450)).toBe('12.345');
    expect(formatTenThousandths(0)).toBe('0.00');
    expect(formatTenThousandths(1)).toBe('0.0001');
    // 0.1 + 0.2 as floats is 0.30000000000000004; as ten-thousandths it is exact.
    expect(formatTenThousandths(parseTenThousandths('0.1')! + parseTenThousandths('0.2')!)).toBe('0.30');
  });

  it('normalises a new item', () => {
    expect(newCatalogueItem({ ...item, label: '  Repassage ', vatRate: '5.5' })).toEqual({
      label: 'Repassage',
      description: null,
      unit: 'hour',
      unitPriceTenThousandths: 185000,
      vatRate: '5.5',
      exemptionReason: null,
      activityPole: 'services à la personne',
      nature: 'service',
      archived: false,
    });
    expect(newCatalogueItem({ ...item, nature: 'goods' }).nature).toBe('goods');
    expect(refusalOf(() => newCatalogueItem({ ...item, nature: 'food' as never })).details).toEqual({ field: 'nature' });
    expect(changeCatalogueItem(newCatalogueItem({ ...item, nature: 'goods' }), { unitPrice: '20' }).nature).toBe('goods');
  });

  it('refuses a 0 % rate without its exemption reason, and a reason with another rate', () => {
    expect(refusalOf(() => newCatalogueItem({ ...item, vatRate: '0' })).details).toEqual({ field: 'exemptionReason' });
    expect(newCatalogueItem({ ...item, vatRate: '0', exemptionReason: 'Art. 261-7-1° du CGI' }).exemptionReason).toBe('Art. 261-7-1° du CGI');
    expect(refusalOf(() => newCatalogueItem({ ...item, exemptionReason: 'Art. 261' })).details).toEqual({ field: 'exemptionReason' });
  });

  it('refuses an unknown rate or unit, a float price, a price with 5 decimals', () => {
    expect(refusalOf(() => newCatalogueItem({ ...item, vatRate: '19.6' as never })).details).toEqual({ field: 'vatRate' });
    expect(refusalOf(() => newCatalogueItem({ ...item, vatRate: 20 as never })).details).toEqual({ field: 'vatRate' });
    expect(refusalOf(() => newCatalogueItem({ ...item, unit: 'week' as never })).details).toEqual({ field: 'unit' });
    expect(refusalOf(() => newCatalogueItem({ ...item, unitPrice: 18.5 as never })).details).toEqual({ field: 'unitPrice' });
    expect(refusalOf(() => newCatalogueItem({ ...item, unitPrice: '18.55555' })).message).toContain('4 decimals');
  });

  it('changes only what is sent, archives, and drops the exemption when leaving 0 %', () => {
    const zero = newCatalogueItem({ ...item, vatRate: '0', exemptionReason: 'Art. 261-7-1° du CGI' });
    const changed = changeCatalogueItem(zero, { vatRate: '10' });
    expect(changed).toMatchObject({ vatRate: '10', exemptionReason: null, unitPriceTenThousandths: 185000, label: 'Repassage' });
    expect(changeCatalogueItem(changed, { archived: true })).toMatchObject({ archived: true, vatRate: '10' });
    expect(changeCatalogueItem({ ...changed, archived: true }, { unitPrice: '20' })).toMatchObject({ archived: true, unitPriceTenThousandths: 200000 });
    expect(refusalOf(() => changeCatalogueItem(changed, {})).code).toBe('VALIDATION_FAILED');
  });
});
