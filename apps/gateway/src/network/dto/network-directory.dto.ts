import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  DomainError,
  NETWORK_OFFER_KINDS,
  NetworkOffer,
  NetworkOfferKind,
  NetworkPole,
  NetworkProfileInput,
  NetworkSite,
  NetworkSiteDetail,
  NetworkSitePage,
  NetworkStats,
  NetworkStatusChange,
  PRESENTATION_MAX_LENGTH,
  SITE_STATUSES,
  SiteStatus,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';

export class NetworkPoleDto implements NetworkPole {
  @ApiProperty({ example: 'couture' }) @IsString() @Length(1, 60) name: string;
  @ApiProperty({ example: 'retouches et confection pour les habitants du quartier' }) @IsString() @Length(0, 300) description: string;
}

export class NetworkOfferDto implements NetworkOffer {
  @ApiProperty({ enum: NETWORK_OFFER_KINDS, example: 'equipment' })
  @IsIn(NETWORK_OFFER_KINDS, { message: `kind must be one of ${NETWORK_OFFER_KINDS.join(', ')}` })
  kind: NetworkOfferKind;

  @ApiProperty({ example: 'Cuisine partagée' }) @IsString() @Length(1, 100) label: string;
  @ApiProperty({ example: 'cuisine professionnelle, prêt à la demi-journée' }) @IsString() @Length(0, 500) description: string;
}

/** The whole profile, replaced on each save. */
export class NetworkProfileDto implements NetworkProfileInput {
  @ApiProperty({ example: 'Tiers-lieu coopératif du quartier de l’Épeule', maxLength: PRESENTATION_MAX_LENGTH })
  @IsString()
  @Length(0, PRESENTATION_MAX_LENGTH)
  presentation: string;

  @ApiProperty({ type: [NetworkPoleDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => NetworkPoleDto) poles: NetworkPoleDto[];
  @ApiProperty({ type: [NetworkOfferDto] }) @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => NetworkOfferDto) offers: NetworkOfferDto[];

  @ApiPropertyOptional({ example: 'contact@lacape.fr', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  contactEmail: string | null;

  @ApiPropertyOptional({ example: 50.6942, nullable: true, type: Number, minimum: -90, maximum: 90, description: 'WGS 84, with longitude (both or neither)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 7 }, { message: 'latitude must be a number with at most 7 decimals' })
  @Min(-90)
  @Max(90)
  latitude: number | null;

  @ApiPropertyOptional({ example: 3.1746, nullable: true, type: Number, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 7 }, { message: 'longitude must be a number with at most 7 decimals' })
  @Min(-180)
  @Max(180)
  longitude: number | null;

  @ApiPropertyOptional({ example: 'du mardi au samedi, 9 h – 17 h', nullable: true, type: String }) @IsOptional() @IsString() @Length(0, 300) openingHours: string | null;

  @ApiProperty({ example: true, description: 'false: only the site’s own users and the network admin see the profile' }) @IsBoolean() published: boolean;
}

/** "lat,lon" in decimal degrees: the centre of a `near` search. */
export const NEAR_PATTERN = /^-?\d{1,2}(\.\d{1,10})?,-?\d{1,3}(\.\d{1,10})?$/;

export class NearQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '50.6942,3.1746', description: 'latitude,longitude of the centre; with km' })
  @IsOptional()
  @IsString()
  @Matches(NEAR_PATTERN, { message: 'near must be "latitude,longitude" in decimal degrees, e.g. 50.6942,3.1746' })
  near?: string;

  @ApiPropertyOptional({ example: 30, minimum: 0.1, maximum: 1000, default: 30, description: 'radius around near, in kilometres' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }, { message: 'km must be a number of kilometres' })
  @Min(0.1)
  @Max(1000)
  km?: number;
}

export class NetworkSitesQueryDto extends NearQueryDto {
  @ApiPropertyOptional({ enum: SITE_STATUSES }) @IsOptional() @IsIn(SITE_STATUSES, { message: `status must be one of ${SITE_STATUSES.join(', ')}` }) status?: SiteStatus;
  @ApiPropertyOptional({ example: 'couture', description: 'an activity pole (case and accents ignored)' }) @IsOptional() @IsString() @Length(1, 60) pole?: string;
  @ApiPropertyOptional({ enum: NETWORK_OFFER_KINDS })
  @IsOptional()
  @IsIn(NETWORK_OFFER_KINDS, { message: `offer must be one of ${NETWORK_OFFER_KINDS.join(', ')}` })
  offer?: NetworkOfferKind;
  @ApiPropertyOptional({ example: 'cuisine partagée', description: 'words in the name, city, presentation, poles and offers' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class NetworkStatusChangeDto implements NetworkStatusChange {
  @ApiProperty({ enum: ['status', 'launch_stage'] }) kind: 'status' | 'launch_stage';
  @ApiProperty({ nullable: true, type: String, example: 'active' }) value: string | null;
  @ApiProperty() changedAt: string;
}

export class NetworkSiteDto implements NetworkSite {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'La Cape' }) name: string;
  @ApiProperty({ example: 'LACAPE' }) code: string;
  @ApiProperty({ example: 'Roubaix' }) city: string;
  @ApiProperty({ enum: SITE_STATUSES }) status: SiteStatus;
  @ApiProperty({ nullable: true, type: String, description: 'the launch path step a new KPA reached' }) launchStage: string | null;
  @ApiProperty() presentation: string;
  @ApiProperty({ type: [NetworkPoleDto] }) poles: NetworkPoleDto[];
  @ApiProperty({ type: [NetworkOfferDto] }) offers: NetworkOfferDto[];
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: Number }) latitude: number | null;
  @ApiProperty({ nullable: true, type: Number }) longitude: number | null;
  @ApiProperty({ nullable: true, type: String }) openingHours: string | null;
  @ApiProperty() published: boolean;
  @ApiPropertyOptional({ description: 'kilometres from near, when asked' }) distanceKm?: number;
  @ApiProperty({ nullable: true, type: String }) profileUpdatedAt: string | null;
}

export class NetworkSiteDetailDto extends NetworkSiteDto implements NetworkSiteDetail {
  @ApiProperty({ type: [NetworkStatusChangeDto] }) history: NetworkStatusChangeDto[];
}

export class NetworkSitePageDto implements NetworkSitePage {
  @ApiProperty({ type: [NetworkSiteDto] }) items: NetworkSiteDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'sites matching the filters' }) total: number;
}

export class SiteMembersFigureDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty() activeMembers: number;
}

export class NetworkStatsDto implements NetworkStats {
  @ApiProperty({ example: { active: 7, in_reflection: 3 } }) sitesByStatus: Record<string, number>;
  @ApiProperty({ example: { venue_found: 1 } }) sitesByLaunchStage: Record<string, number>;
  @ApiProperty({ type: [SiteMembersFigureDto] }) activeMembers: SiteMembersFigureDto[];
  @ApiProperty() pooledPeople: number;
  @ApiProperty({ example: '42.50', description: 'Hours given between sites (the reciprocity ledger, reversals taken back).' }) hoursExchanged: string;
  @ApiProperty({ description: 'Help requests still taking offers.' }) openHelpRequests: number;
  @ApiProperty({ description: 'Equipment loans accepted or out.' }) equipmentLoans: number;
}

/** The centre and radius of a `near` query, once the DTO checked its form; the ranges are checked here. */
export function nearOf(query: Pick<NearQueryDto, 'near' | 'km'>): { latitude: number; longitude: number; km: number } | undefined {
  if (query.near === undefined) {
    if (query.km !== undefined) throw new DomainError('VALIDATION_FAILED', 'km is the radius around near: give near=latitude,longitude too.', { field: 'near' });
    return undefined;
  }
  const [latitude, longitude] = query.near.split(',').map(Number);
  if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) {
    throw new DomainError('VALIDATION_FAILED', 'near must be a latitude between -90 and 90 and a longitude between -180 and 180.', { field: 'near' });
  }
  return { latitude, longitude, km: query.km ?? 30 };
}
