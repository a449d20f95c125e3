import 'reflect-metadata';
import { ArgumentMetadata, Type } from '@nestjs/common';
import { DomainError } from '@kpa/contracts';
import { ContributionListQueryDto } from '../remuneration/dto/contributions.dto';
import { CreateQuoteDto, UpdateQuoteDto } from '../commerce/dto/quotes.dto';
import { ImportMembersDto } from '../members/dto/member-privacy.dto';
import { UpdateMemberDto } from '../members/dto/members.dto';
import { UpdateSiteDto } from '../sites/dto/sites.dto';
import { validationPipe } from './validation';

async function refusal(value: unknown, metatype: Type<unknown> | undefined, type: ArgumentMetadata['type'] = 'body', data?: string): Promise<DomainError> {
  try {
    await validationPipe().transform(value, { type, metatype, data });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the pipe accepted');
}

const accepts = (value: unknown, metatype: Type<unknown>, type: ArgumentMetadata['type'] = 'body') => validationPipe().transform(value, { type, metatype });

const line = { description: 'Repassage', quantity: '1', unit: 'heure', unitPrice: '20.00', vatRate: '0' };

describe('the global validation pipe', () => {
  it('refuses a control character anywhere in a body, naming its path, before the DTO rules', async () => {
    const error = await refusal({ clientId: 'not checked yet', lines: [line, line, { ...line, description: 'a\u0000b' }] }, CreateQuoteDto);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'lines[2].description', fields: [{ field: 'lines[2].description' }] });
    expect(error.message).toContain('U+0000');
  });

  it('refuses a direction override or a C1 control in a nested field, and in a query', async () => {
    expect((await refusal({ address: { line: '1 rue', postalCode: '59100', city: 'Roubaix\u202e' } }, UpdateMemberDto)).details).toMatchObject({ field: 'address.city' });
    expect((await refusal({ q: 'a\u0000b' }, undefined, 'query')).details).toMatchObject({ field: 'q' });
    expect((await refusal('a\u0085', undefined, 'query', 'q')).details).toMatchObject({ field: 'q' });
    expect((await refusal({ name: 'x', extra: { 'k\u0007': 1 } }, Object, 'body')).details).toMatchObject({ field: 'extra.k\u0007' });
  });

  it('lets tab and line breaks through', async () => {
    await expect(accepts({ executionPlace: 'ligne 1\n\tligne 2\r\n' }, UpdateQuoteDto)).resolves.toMatchObject({ executionPlace: 'ligne 1\n\tligne 2\r\n' });
  });

  it('leaves the CSV of an import to its reader, which refuses the rows at fault', async () => {
    await expect(accepts({ csv: 'prénom;nom\nA\u0000;B', dryRun: true }, ImportMembersDto)).resolves.toMatchObject({ dryRun: true });
  });

  it('refuses null for an optional boolean: dryRun null is not "no"', async () => {
    expect((await refusal({ csv: 'a', dryRun: null }, ImportMembersDto)).details).toMatchObject({ fields: [{ field: 'dryRun' }] });
    expect((await refusal({ signedAtClientHome: null }, UpdateQuoteDto)).details).toMatchObject({ fields: [{ field: 'signedAtClientHome' }] });
    expect((await refusal({ priorityNeighbourhood: null }, UpdateMemberDto)).details).toMatchObject({ fields: [{ field: 'priorityNeighbourhood' }] });
    await expect(accepts({ csv: 'a' }, ImportMembersDto)).resolves.toBeDefined();
  });

  it('keeps null where it means "none" (an address removed)', async () => {
    await expect(accepts({ address: null }, UpdateMemberDto)).resolves.toMatchObject({ address: null });
  });

  it('refuses site settings that are null or not an object', async () => {
    expect((await refusal({ settings: null }, UpdateSiteDto)).details).toMatchObject({ fields: [{ field: 'settings' }] });
    expect((await refusal({ settings: [] }, UpdateSiteDto)).details).toMatchObject({ fields: [{ field: 'settings' }] });
    await expect(accepts({ settings: { charterRequired: true } }, UpdateSiteDto)).resolves.toBeDefined();
  });

  it('refuses a query date that does not exist in the calendar, as in bodies', async () => {
    const error = await refusal({ from: '2026-02-30' }, ContributionListQueryDto, 'query');
    expect(error.details).toMatchObject({ fields: [{ field: 'from' }] });
    expect(error.message).toContain('from must be a date written YYYY-MM-DD');
    await expect(accepts({ from: '2028-02-29', to: '2026-12-31' }, ContributionListQueryDto, 'query')).resolves.toBeDefined();
  });
});
