import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import {
  CATALOGUE_UNITS,
  LINE_NATURES,
  LineNature,
  CatalogueUnit,
  Quote,
  QUOTE_STATUSES,
  QuoteInput,
  QuoteLine,
  QuoteLineInput,
  QuotePage,
  QuoteStatus,
  QuoteTotals,
  QuoteVatBreakdown,
  VAT_RATES,
  VatRate,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

export class QuoteLineDto implements QuoteLineInput {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'description, unit, unitPrice, vatRate and exemptionReason default from the item' })
  @IsOptional()
  @IsUUID()
  catalogueItemId?: string | null;

  @ApiPropertyOptional({ example: 'Repassage à domicile', description: 'required unless the line comes from a catalogue item' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;

  @ApiProperty({ example: '2.5', description: 'a decimal string, up to 3 decimals' })
  @IsString()
  @Matches(/^\d{1,7}(\.\d{1,3})?$/, { message: 'quantity must be written like "2" or "1.125" (up to 3 decimals)' })
  quantity: string;

  @ApiPropertyOptional({ enum: CATALOGUE_UNITS }) @IsOptional() @IsIn(CATALOGUE_UNITS, { message: `unit must be one of ${CATALOGUE_UNITS.join(', ')}` }) unit?: CatalogueUnit;

  @ApiPropertyOptional({ example: '18.1234', description: 'excluding VAT, up to 4 decimals' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,13}(\.\d{1,4})?$/, { message: 'unitPrice must be an amount excluding VAT written like "12.50" or "12.3456" (up to 4 decimals)' })
  unitPrice?: string;

  @ApiPropertyOptional({ enum: VAT_RATES, description: 'a string; "0" needs exemptionReason' })
  @IsOptional()
  @IsIn(VAT_RATES, { message: `vatRate must be one of ${VAT_RATES.map((r) => `"${r}"`).join(', ')} (a string)` })
  vatRate?: VatRate;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(0, 500) exemptionReason?: string | null;

  @ApiPropertyOptional({ enum: LINE_NATURES, description: "goods or a service; the catalogue item's, else service. The lines decide an invoice's nature of the operation" })
  @IsOptionalNotNull()
  @IsIn(LINE_NATURES, { message: `nature must be one of ${LINE_NATURES.join(', ')}` })
  nature?: LineNature;
}

export class CreateQuoteDto implements QuoteInput {
  @ApiProperty({ format: 'uuid', description: 'a client of the site' }) @IsUUID() clientId: string;

  @ApiProperty({ type: [QuoteLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuoteLineDto)
  lines: QuoteLineDto[];

  @ApiProperty({ example: '2026-12-31', description: 'last day the offer holds, after today' })
  @IsCalendarDate()
  validUntil: string;
  @ApiPropertyOptional({ nullable: true, example: '8 rue Jules Guesde, Roubaix' }) @IsOptional() @IsString() @Length(0, 300) executionPlace?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2027-01-04' })
  @IsOptional()
  @IsCalendarDate()
  executionStartsOn?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2027-01-08' })
  @IsOptional()
  @IsCalendarDate()
  executionEndsOn?: string | null;

  @ApiPropertyOptional({ description: 'individual clients only: signed at their home, the 14-day withdrawal notice applies' })
  @IsOptionalNotNull()
  @IsBoolean()
  signedAtClientHome?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    format: 'uuid',
    description: 'the member carrying the work out under a CAPE: the quote prints the R127-3 mention (422 CAPE_NOT_RUNNING without a running CAPE)',
  })
  @IsOptional()
  @IsUUID()
  capeHolderMemberId?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '30',
    description:
      'the deposit asked when the quote is accepted, in percent of its total (0 < p ≤ 100, 2 decimals at most): printed with its amount; accepting drafts that deposit invoice',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: 'depositPercent must be a percent written like "30" or "12.5"' })
  depositPercent?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    example: '14 rue de Lannoy, 59100 Roubaix',
    description: 'goods delivered elsewhere than the client’s address (lines of nature "goods" only): printed, and carried into the invoice made from the quote',
  })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  deliveryAddress?: string | null;
}

export class UpdateQuoteDto extends PartialType(CreateQuoteDto, { skipNullProperties: false }) {}

export class QuoteListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: QUOTE_STATUSES }) @IsOptional() @IsIn(QUOTE_STATUSES, { message: `status must be one of ${QUOTE_STATUSES.join(', ')}` }) status?: QuoteStatus;
}

export class QuoteLineViewDto implements QuoteLine {
  @ApiProperty() description: string;
  @ApiProperty() quantity: string;
  @ApiProperty({ enum: CATALOGUE_UNITS }) unit: CatalogueUnit;
  @ApiProperty() unitPrice: string;
  @ApiProperty({ enum: VAT_RATES }) vatRate: VatRate;
  @ApiProperty({ nullable: true, type: String }) exemptionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) catalogueItemId: string | null;
  @ApiProperty({ enum: LINE_NATURES }) nature: LineNature;
  @ApiProperty({ example: '45.31' }) net: string;
}

export class QuoteVatBreakdownDto implements QuoteVatBreakdown {
  @ApiProperty({ enum: ['S', 'E'] }) category: 'S' | 'E';
  @ApiProperty({ enum: VAT_RATES }) rate: VatRate;
  @ApiProperty({ nullable: true, type: String }) exemptionReason: string | null;
  @ApiProperty({ example: '45.31' }) base: string;
  @ApiProperty({ example: '2.49' }) vat: string;
}

export class QuoteTotalsDto implements QuoteTotals {
  @ApiProperty({ example: '60.31' }) net: string;
  @ApiProperty({ example: '5.49' }) vat: string;
  @ApiProperty({ example: '65.80' }) total: string;
  @ApiProperty({ type: [QuoteVatBreakdownDto] }) vatBreakdown: QuoteVatBreakdownDto[];
  @ApiProperty() vatFranchise: boolean;
  @ApiProperty({ nullable: true, type: String }) vatExemptionNote: string | null;
}

export class QuoteDto implements Quote {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty({ enum: QUOTE_STATUSES }) status: QuoteStatus;
  @ApiProperty({ nullable: true, type: String, example: 'LACAPE-D-2026-00001' }) number: string | null;
  @ApiProperty({ nullable: true, type: String }) sentOn: string | null;
  @ApiProperty({ nullable: true, type: String }) answeredOn: string | null;
  @ApiProperty() validUntil: string;
  @ApiProperty({ nullable: true, type: String }) executionPlace: string | null;
  @ApiProperty({ nullable: true, type: String }) executionStartsOn: string | null;
  @ApiProperty({ nullable: true, type: String }) executionEndsOn: string | null;
  @ApiProperty() signedAtClientHome: boolean;
  @ApiProperty({ description: 'signed at an individual client’s home: the 14-day withdrawal notice applies' }) withdrawalNoticeRequired: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) capeHolderMemberId: string | null;
  @ApiProperty({ nullable: true, type: String, example: '30', description: 'the deposit asked at acceptance, in percent of the total' }) depositPercent: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'goods delivered elsewhere than the client’s address' }) deliveryAddress: string | null;
  @ApiProperty({ type: [QuoteLineViewDto] }) lines: QuoteLineViewDto[];
  @ApiProperty({ type: QuoteTotalsDto }) totals: QuoteTotalsDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'accepted: the mission its acceptance created' }) missionId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'accepted: the invoice draft (or deposit invoice draft) its acceptance created' }) invoiceId:
    string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** Accepting a quote drafts its mission and its invoice, or a deposit invoice of depositPercent. */
export class AcceptQuoteDto {
  @ApiPropertyOptional({
    example: '30',
    description: 'draft a deposit invoice of this percent of the quote instead of the whole invoice (0 < p ≤ 100, 2 decimals at most); default: the quote’s own depositPercent',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,2})?$/, { message: 'depositPercent must be a percent written like "30" or "12.5"' })
  depositPercent?: string;
}

export class QuotePageDto extends PageDto(QuoteDto) implements QuotePage {}
