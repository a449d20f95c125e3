import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { CATALOGUE_UNITS, CatalogueItem, CatalogueItemInput, CatalogueItemPage, CatalogueUnit, LINE_NATURES, LineNature, VAT_RATES, VatRate } from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

export class CreateCatalogueItemDto implements CatalogueItemInput {
  @ApiProperty({ example: 'Repassage à domicile' }) @IsString() @Length(1, 200) label: string;
  @ApiPropertyOptional({ example: 'Linge repassé et plié, à domicile', nullable: true }) @IsOptional() @IsString() @Length(0, 2000) description?: string | null;
  @ApiProperty({ enum: CATALOGUE_UNITS, example: 'hour' }) @IsIn(CATALOGUE_UNITS, { message: `unit must be one of ${CATALOGUE_UNITS.join(', ')}` }) unit: CatalogueUnit;

  @ApiProperty({ example: '18.5000', description: 'excluding VAT, a decimal string with up to 4 decimals' })
  @IsString()
  @Matches(/^\d{1,9}(\.\d{1,4})?$/, { message: 'unitPrice must be an amount excluding VAT written like "12.50" or "12.3456" (up to 4 decimals)' })
  unitPrice: string;

  @ApiProperty({ enum: VAT_RATES, example: '5.5', description: 'a string; "0" needs exemptionReason' })
  @IsIn(VAT_RATES, { message: `vatRate must be one of ${VAT_RATES.map((r) => `"${r}"`).join(', ')} (a string)` })
  vatRate: VatRate;

  @ApiPropertyOptional({ example: 'Exonération de TVA, art. 261-7-1° du CGI', nullable: true, description: 'required with vatRate "0", refused otherwise' })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  exemptionReason?: string | null;

  @ApiPropertyOptional({ example: 'services à la personne', nullable: true }) @IsOptional() @IsString() @Length(0, 100) activityPole?: string | null;

  @ApiPropertyOptional({ enum: LINE_NATURES, default: 'service', description: 'goods or a service: copied onto the lines made from the item' })
  @IsOptionalNotNull()
  @IsIn(LINE_NATURES, { message: `nature must be one of ${LINE_NATURES.join(', ')}` })
  nature?: LineNature;
}

export class UpdateCatalogueItemDto extends PartialType(CreateCatalogueItemDto) {
  @ApiPropertyOptional({ example: true, description: 'archived items are left out of the list (and of new lines)' }) @IsOptionalNotNull() @IsBoolean() archived?: boolean;
}

export class CatalogueListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'repassage', description: 'in the label' }) @IsOptional() @IsString() @Length(1, 100) q?: string;

  @ApiPropertyOptional({ default: false, description: 'include archived items' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeArchived must be true or false' })
  includeArchived?: boolean;
}

export class CatalogueItemDto implements CatalogueItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: CATALOGUE_UNITS }) unit: CatalogueUnit;
  @ApiProperty({ example: '18.50', description: 'at least 2 decimals, at most 4' }) unitPrice: string;
  @ApiProperty({ enum: VAT_RATES }) vatRate: VatRate;
  @ApiProperty({ nullable: true, type: String }) exemptionReason: string | null;
  @ApiProperty({ nullable: true, type: String }) activityPole: string | null;
  @ApiProperty({ enum: LINE_NATURES }) nature: LineNature;
  @ApiProperty() archived: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CatalogueItemPageDto extends PageDto(CatalogueItemDto) implements CatalogueItemPage {}
