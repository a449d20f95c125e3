import { DomainError } from '@kpa/contracts';
import { refusalOf } from '@kpa/testing/refusal';
import { generated } from './factur-x';

describe('a file the library refuses to generate', () => {
  it('is a 422 EINVOICE_RULE_BROKEN naming the schema’s complaint, not a 500', async () => {
    const schemaRefusal = Object.assign(new AggregateError([], 'validation failed'), {
      errors: [{ instancePath: '/ubl:Invoice/cac:Delivery/cbc:ActualDeliveryDate', message: 'must match pattern' }],
    });
    const error = await generated(() => Promise.reject(schemaRefusal)).catch((e: unknown) => e);
    const refusal = refusalOf(() => {
      throw error;
    });
    expect(refusal).toMatchObject({ code: 'EINVOICE_RULE_BROKEN', details: { rule: 'EN16931-SCHEMA' } });
    expect(refusal.message).toContain('/ubl:Invoice/cac:Delivery/cbc:ActualDeliveryDate must match pattern');
  });

  it('lets a domain refusal and any other error through unchanged', async () => {
    const domain = new DomainError('DOCUMENT_NOT_ISSUED', 'draft');
    await expect(generated(() => Promise.reject(domain))).rejects.toBe(domain);
    const bug = new TypeError('boom');
    await expect(generated(() => Promise.reject(bug))).rejects.toBe(bug);
    await expect(generated(async () => Buffer.from('ok'))).resolves.toEqual(Buffer.from('ok'));
  });
});
