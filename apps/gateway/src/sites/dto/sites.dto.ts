import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import {
  CARRYING_STRUCTURE_KINDS,
  CarryingStructure,
  CreateHostStructureRequest,
  CreateSiteRequest,
  HOST_STRUCTURE_KINDS,
  HostLogo,
  HostLogoRemoved,
  HostStructure,
  HostStructureKind,
  LOGO_CONTENT_TYPES,
  LogoContentType,
  HostStructurePage,
  Site,
  SITE_STATUSES,
  SitePage,
  SiteSettings,
  SiteStatus,
  UpdateSiteRequest,
  Venue,
  VENUE_KINDS,
} from '@kpa/contracts';
import { PageDto } from '../../http/page.dto';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

export class PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CreateHostStructureDto implements CreateHostStructureRequest {
  @ApiProperty({ enum: HOST_STRUCTURE_KINDS, example: 'cae' })
  @IsIn(HOST_STRUCTURE_KINDS, { message: `kind must be one of ${HOST_STRUCTURE_KINDS.join(', ')}` })
  kind: HostStructureKind;

  @ApiProperty({ example: "Coopérative d'activité et d'emploi Grand Nord" })
  @IsString()
  @Length(2, 200)
  legalName: string;

  @ApiProperty({ example: '12002701600357', description: '14 digits (spaces allowed), Luhn-checked' })
  @IsString()
  @Length(14, 20)
  siret: string;

  @ApiPropertyOptional({ example: 'FR85120027016', nullable: true, description: 'French VAT number of the SIREN; empty under the VAT franchise (art. 293 B du CGI)' })
  @IsOptional()
  @IsString()
  @Length(0, 20)
  vatNumber?: string | null;

  @ApiProperty({ example: 'Lille' })
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiPropertyOptional({ example: 'SCOP SARL à capital variable', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  legalForm?: string | null;

  @ApiPropertyOptional({ example: '15000.00', nullable: true, description: 'euros, decimal string' })
  @IsOptional()
  @IsString()
  @Length(0, 20)
  shareCapital?: string | null;

  @ApiPropertyOptional({ example: 'Lille Métropole', nullable: true, description: 'city of the trade register (RCS)' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  rcsCity?: string | null;

  @ApiPropertyOptional({ example: '2 rue de la Coopération', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  addressLine?: string | null;

  @ApiPropertyOptional({ example: '59000', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 5)
  postalCode?: string | null;

  @ApiPropertyOptional({
    example: 'FR76 3000 6000 0112 3456 7890 189',
    nullable: true,
    description: 'IBAN (ISO 13616, mod-97 checked; 27 characters in France), spaces allowed; stored compact, printed on invoices in groups of 4',
  })
  @IsOptional()
  @IsString()
  @Length(0, 50)
  iban?: string | null;

  @ApiPropertyOptional({ example: 'BNPAFRPP', nullable: true, description: 'BIC of 8 or 11 characters; needs an iban' })
  @IsOptional()
  @IsString()
  @Length(0, 15)
  bic?: string | null;

  @ApiPropertyOptional({
    example: '120027016',
    nullable: true,
    description: 'routing address in the e-invoicing directory (BT-34), usually "SIREN" or "SIREN_suffix"; at most 125 characters, no spaces',
  })
  @IsOptional()
  @IsString()
  @Length(0, 125)
  electronicAddress?: string | null;

  @ApiPropertyOptional({ example: '03 20 00 00 00', nullable: true, description: 'printed on quotes and invoices' })
  @IsOptional()
  @IsString()
  @Length(0, 20)
  phone?: string | null;

  @ApiPropertyOptional({ example: 'facturation@cae-grand-nord.fr', nullable: true, description: 'printed on quotes and invoices' })
  @IsOptional()
  @IsString()
  @Length(0, 254)
  email?: string | null;

  @ApiPropertyOptional({
    example: false,
    description: 'opted to pay VAT on debits: invoices print "Option pour le paiement de la taxe d\'après les débits"; VAT-registered hosts only',
  })
  @IsOptional()
  @IsBoolean({ message: 'vatOnDebits must be true or false' })
  vatOnDebits?: boolean;

  @ApiPropertyOptional({
    example: 'CM2C',
    nullable: true,
    description: 'the consumer mediator the host structure adheres to (C. consom. L612-1, R616-1), printed on quotes and invoices to individuals; with mediatorContact',
  })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  mediatorName?: string | null;

  @ApiPropertyOptional({ example: 'www.cm2c.net', nullable: true, description: "the mediator's website or postal address; with mediatorName" })
  @IsOptional()
  @IsString()
  @Length(0, 300)
  mediatorContact?: string | null;
}

export class UpdateHostStructureDto extends PartialType(OmitType(CreateHostStructureDto, ['kind'] as const)) {}

export class HostStructureDto implements HostStructure {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: HOST_STRUCTURE_KINDS }) kind: HostStructureKind;
  @ApiProperty() legalName: string;
  @ApiProperty({ nullable: true, type: String }) legalForm: string | null;
  @ApiProperty({ nullable: true, type: String, example: '15000.00' }) shareCapital: string | null;
  @ApiProperty({ nullable: true, type: String }) rcsCity: string | null;
  @ApiProperty() siren: string;
  @ApiProperty() siret: string;
  @ApiProperty({ nullable: true, type: String }) vatNumber: string | null;
  @ApiProperty({ description: 'no VAT number: "TVA non applicable, art. 293 B du CGI"' }) vatFranchise: boolean;
  @ApiProperty({ nullable: true, type: String }) addressLine: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty() city: string;
  @ApiProperty({ nullable: true, type: String, example: 'FR7630006000011234567890189', description: 'compact' }) iban: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'BNPAFRPP' }) bic: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'routing address in the e-invoicing directory (BT-34)' }) electronicAddress: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ description: 'opted to pay VAT on debits' }) vatOnDebits: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'consumer mediator (C. consom. L612-1), printed for individuals' }) mediatorName: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the mediator's website or postal address" }) mediatorContact: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class HostStructurePageDto extends PageDto(HostStructureDto) implements HostStructurePage {}

export class CarryingStructureDto {
  @ApiProperty({ example: 'Centre social de l’Épeule' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ enum: CARRYING_STRUCTURE_KINDS })
  @IsIn(CARRYING_STRUCTURE_KINDS, { message: `kind must be one of ${CARRYING_STRUCTURE_KINDS.join(', ')}` })
  kind: CarryingStructure['kind'];
}

export class VenueDto {
  @ApiProperty({ example: 'La cuisine partagée' }) @IsString() @Length(1, 120) name: string;
  @ApiProperty({ enum: VENUE_KINDS }) @IsIn(VENUE_KINDS, { message: `kind must be one of ${VENUE_KINDS.join(', ')}` }) kind: Venue['kind'];
  @ApiPropertyOptional({ nullable: true, example: '5 place de la Liberté, Roubaix' }) @IsOptional() @IsString() @Length(0, 300) address: string | null;
}

/** The site's public profile, the same on creation and change. */
export class SiteProfileDto {
  @ApiPropertyOptional({ nullable: true, example: '5 place de la Liberté' }) @IsOptional() @IsString() @Length(0, 200) addressLine?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '59100' }) @IsOptional() @IsString() @Length(0, 5) postalCode?: string | null;
  @ApiPropertyOptional({ type: CarryingStructureDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CarryingStructureDto)
  carryingStructure?: CarryingStructureDto | null;
  @ApiPropertyOptional({ type: [VenueDto] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => VenueDto) venues?: VenueDto[];
  @ApiPropertyOptional({ example: ['cuisine', 'conciergerie', 'jardin'] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) activityPoles?: string[];
}

export class CreateSiteDto extends SiteProfileDto implements CreateSiteRequest {
  @ApiProperty({ example: 'La Cape' })
  @IsString()
  @Length(2, 120)
  name: string;

  @ApiProperty({ example: 'LACAPE', description: '2–16 letters, digits or hyphens; unique; prefixes the site’s document numbers; cannot change' })
  @IsString()
  @Length(2, 16)
  code: string;

  @ApiProperty({ example: 'Roubaix' })
  @IsString()
  @Length(1, 100)
  city: string;

  @ApiPropertyOptional({ enum: SITE_STATUSES, default: 'in_reflection' })
  @IsOptional()
  @IsIn(SITE_STATUSES, { message: `status must be one of ${SITE_STATUSES.join(', ')}` })
  status?: SiteStatus;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'hostStructureId must be the id (uuid) of a host structure' })
  hostStructureId: string;
}

export class SiteSettingsDto {
  @ApiPropertyOptional({ example: 16, minimum: 14, maximum: 30, description: 'minimum age on the first day of a CAPE' })
  @IsOptional()
  @IsInt()
  @Min(14)
  @Max(30)
  minimumAge?: number;

  @ApiPropertyOptional({ example: false, description: 'the charter must be signed before a CAPE' })
  @IsOptionalNotNull()
  @IsBoolean()
  charterRequired?: boolean;

  @ApiPropertyOptional({ example: 60, minimum: 7, maximum: 365, description: 'at least one interview every this many days' })
  @IsOptional()
  @IsInt()
  @Min(7)
  @Max(365)
  interviewCadenceDays?: number;

  @ApiPropertyOptional({ example: 8, minimum: 1, maximum: 36 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  midTermReviewAfterMonths?: number;

  @ApiPropertyOptional({ example: 15, minimum: 1, maximum: 36 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  exitInterviewAfterMonths?: number;
}

export class UpdateSiteDto extends SiteProfileDto implements Omit<UpdateSiteRequest, 'siteId'> {
  @ApiPropertyOptional({ example: 'La Cape' })
  @IsOptional()
  @IsString()
  @Length(2, 120)
  name?: string;

  @ApiPropertyOptional({ example: 'Roubaix' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({ enum: SITE_STATUSES, description: 'network admin only' })
  @IsOptional()
  @IsIn(SITE_STATUSES, { message: `status must be one of ${SITE_STATUSES.join(', ')}` })
  status?: SiteStatus;

  @ApiPropertyOptional({ type: SiteSettingsDto })
  @IsOptionalNotNull()
  @IsObject({ message: 'settings must be an object' })
  @ValidateNested()
  @Type(() => SiteSettingsDto)
  settings?: SiteSettingsDto;
}

export class SiteDto implements Site {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'La Cape' }) name: string;
  @ApiProperty({ example: 'LACAPE' }) code: string;
  @ApiProperty({ example: 'Roubaix' }) city: string;
  @ApiProperty({ enum: SITE_STATUSES }) status: SiteStatus;
  @ApiProperty({ format: 'uuid' }) hostStructureId: string;
  @ApiProperty({ nullable: true, type: String }) addressLine: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ type: CarryingStructureDto, nullable: true }) carryingStructure: CarryingStructureDto | null;
  @ApiProperty({ type: [VenueDto] }) venues: VenueDto[];
  @ApiProperty({ type: [String] }) activityPoles: string[];
  @ApiProperty({ type: SiteSettingsDto }) settings: SiteSettings;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class SitePageDto extends PageDto(SiteDto) implements SitePage {}

export class HostLogoDto implements HostLogo {
  @ApiProperty({ format: 'uuid' }) hostStructureId: string;
  @ApiProperty({ description: 'lower-case hex SHA-256 of the file; a document sent or issued with this logo keeps it' }) sha256: string;
  @ApiProperty({ enum: LOGO_CONTENT_TYPES }) contentType: LogoContentType;
  @ApiProperty({ description: 'bytes' }) size: number;
  @ApiProperty({ description: 'pixels' }) width: number;
  @ApiProperty({ description: 'pixels' }) height: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class HostLogoRemovedDto implements HostLogoRemoved {
  @ApiProperty({ format: 'uuid' }) hostStructureId: string;
  @ApiProperty({ description: 'false when there was no logo' }) removed: boolean;
}
