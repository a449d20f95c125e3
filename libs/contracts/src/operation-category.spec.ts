import { refusalOf as refusal } from '@kpa/testing/refusal';
import { checkedOperationCategory, lineNature, operationCategoryOf } from './operation-category';

describe('the nature of the operation (CGI ann. II 242 nonies A 8° bis)', () => {
  it('is derived from the lines: all goods, all services, or both', () => {
    expect(operationCategoryOf([{ nature: 'goods' }, { nature: 'goods' }])).toBe('goods');
    expect(operationCategoryOf([{ nature: 'service' }])).toBe('services');
    expect(operationCategoryOf([{ nature: 'service' }, { nature: 'goods' }])).toBe('mixed');
  });

  it('counts a line without a nature (stored before natures existed) as a service', () => {
    expect(operationCategoryOf([{}])).toBe('services');
    expect(operationCategoryOf([{ nature: null }, { nature: 'goods' }])).toBe('mixed');
  });

  it('defaults a line to a service and refuses an unknown nature, naming the line', () => {
    expect(lineNature(undefined, 'lines[0].nature')).toBe('service');
    expect(lineNature('goods', 'lines[0].nature')).toBe('goods');
    const error = refusal(() => lineNature('food', 'lines[2].nature'));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ field: 'lines[2].nature' });
  });

  it('accepts a stated category only when the lines say the same', () => {
    const goods = [{ nature: 'goods' as const }];
    expect(checkedOperationCategory(undefined, goods)).toBe('goods');
    expect(checkedOperationCategory('goods', goods)).toBe('goods');
    const error = refusal(() => checkedOperationCategory('services', goods));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ field: 'operationCategory', derived: 'goods' });
    expect(error.message).toContain('every line supplies goods');
    expect(refusal(() => checkedOperationCategory('food', goods)).details).toEqual({ field: 'operationCategory' });
    expect(refusal(() => checkedOperationCategory('goods', [{ nature: 'service' as const }, { nature: 'goods' as const }])).message).toContain('both goods and services');
  });
});
