import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  HELP_CONTRIBUTION_STATUSES,
  HELP_OFFER_STATUSES,
  HELP_REQUEST_STATUSES,
  HELP_RETURNS,
  HELP_SETTLEMENTS,
  HELP_VISIBILITIES,
  HelpContribution,
  HelpContributionStatus,
  HelpOffer,
  HelpOfferInput,
  HelpOfferPerson,
  HelpOfferStatus,
  HelpRequest,
  HelpRequestInput,
  HelpRequestPage,
  HelpRequestStatus,
  HelpReturn,
  HelpSettlement,
  HelpVisibility,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

/** Hours as a decimal string, up to two decimals ("7", "7.5", "7.25"). */
export const HOURS = /^\d{1,5}(\.\d{1,2})?$/;
export const HOURS_MESSAGE = (field: string) => `${field} must be written like "7", "7.5" or "7.25" (a string, up to two decimals)`;
const AMOUNT = /^\d{1,4}(\.\d{1,2})?$/;

export class CreateHelpRequestDto implements HelpRequestInput {
  @ApiProperty({ example: 'Renfort traiteur pour un mariage' }) @IsString() @Length(1, 200) title: string;
  @ApiPropertyOptional({ nullable: true, example: '120 couverts, service du soir' }) @IsOptional() @IsString() @Length(0, 2000) description?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'restauration' }) @IsOptional() @IsString() @Length(0, 100) activityPole?: string | null;
  @ApiPropertyOptional({ type: [String], example: ['cuisine', 'service'], description: 'at most 20 skills of 1 to 60 characters' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  skills?: string[];
  @ApiProperty({ example: '2026-12-12' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ example: '2026-12-13', description: 'on or after startsOn, not past; the request expires the day after' }) @IsCalendarDate() endsOn: string;
  @ApiProperty({ example: 'Salle des fêtes, Roubaix' }) @IsString() @Length(1, 300) place: string;
  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 100, description: 'how many people (or hoursNeeded, at least one of the two)' })
  @IsOptional()
  @IsInt({ message: 'peopleNeeded must be a whole number' })
  @Min(1)
  @Max(100)
  peopleNeeded?: number | null;
  @ApiPropertyOptional({ nullable: true, example: '16', description: 'how many hours in all' })
  @IsOptional()
  @IsString()
  @Matches(HOURS, { message: HOURS_MESSAGE('hoursNeeded') })
  hoursNeeded?: string | null;
  @ApiProperty({ enum: HELP_RETURNS, description: '`reciprocity`: hours in the ledger; `paid`: an amount per hour, settled between host structures' })
  @IsIn(HELP_RETURNS, { message: `returnKind must be one of ${HELP_RETURNS.join(', ')}` })
  returnKind: HelpReturn;
  @ApiPropertyOptional({ nullable: true, example: '16', description: 'reciprocity: the hours offered in return (for information; the ledger records the hours given)' })
  @IsOptional()
  @IsString()
  @Matches(HOURS, { message: HOURS_MESSAGE('reciprocityHours') })
  reciprocityHours?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '18.50', description: 'paid help: euros per hour' })
  @IsOptional()
  @IsString()
  @Matches(AMOUNT, { message: 'amountPerHour must be an amount in euros like "18" or "18.50"' })
  amountPerHour?: string | null;
  @ApiProperty({ enum: HELP_VISIBILITIES, description: '`region`: every site; `sites`: only visibleToSiteIds' })
  @IsIn(HELP_VISIBILITIES, { message: `visibility must be one of ${HELP_VISIBILITIES.join(', ')}` })
  visibility: HelpVisibility;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  visibleToSiteIds?: string[];
}

export class HelpRequestListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: HELP_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(HELP_REQUEST_STATUSES, { message: `status must be one of ${HELP_REQUEST_STATUSES.join(', ')}` })
  status?: HelpRequestStatus;
  @ApiPropertyOptional({ example: 'cuisine', description: 'a skill the request names (case ignored)' }) @IsOptional() @IsString() @Length(1, 60) skill?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "only this site's requests" }) @IsOptional() @IsUUID() siteId?: string;
}

export class OfferPersonDto implements HelpOfferPerson {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: "a member of the offering site (shown to that site's users only)" })
  @IsOptional()
  @IsUUID()
  memberId?: string | null;
  @ApiProperty({ example: 'Inès' }) @IsString() @Length(1, 60) firstName: string;
}

export class MakeOfferDto implements HelpOfferInput {
  @ApiProperty({ format: 'uuid', description: 'the offering site: you must coordinate it' }) @IsUUID() fromSiteId: string;
  @ApiProperty({ type: [OfferPersonDto], description: 'may be empty when you offer hours only' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OfferPersonDto)
  people: OfferPersonDto[];
  @ApiProperty({ example: '8' }) @IsString() @Matches(HOURS, { message: HOURS_MESSAGE('hours') }) hours: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(0, 1000) note?: string | null;
}

export class DeclineOfferDto {
  @ApiPropertyOptional({ nullable: true, example: 'Merci, nous sommes au complet' }) @IsOptional() @IsString() @Length(0, 1000) message?: string | null;
}

export class SiteHoursDto {
  @ApiProperty({ format: 'uuid', description: 'a site whose offer was accepted' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '7.5' }) @IsString() @Matches(HOURS, { message: HOURS_MESSAGE('hours') }) hours: string;
}

export class RecordDoneDto {
  @ApiProperty({ type: [SiteHoursDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SiteHoursDto)
  hours: SiteHoursDto[];
}

export class ConfirmHoursDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the helping site whose hours are confirmed; may be left out when you coordinate exactly one' })
  @IsOptional()
  @IsUUID()
  siteId?: string;
  @ApiPropertyOptional({ example: '6', description: "the helping site's correction of the recorded hours; the requester then confirms it" })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Matches(HOURS, { message: HOURS_MESSAGE('hours') })
  hours?: string;
}

export class CancelHelpRequestDto {
  @ApiProperty({ example: 'Le mariage est reporté' }) @IsString() @Length(1, 500) reason: string;
}

export class HelpOfferPersonViewDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) memberId?: string | null;
  @ApiProperty() firstName: string;
}

export class HelpOfferDto implements HelpOffer {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requestId: string;
  @ApiProperty({ format: 'uuid' }) fromSiteId: string;
  @ApiProperty() fromSiteName: string;
  @ApiProperty({ type: [HelpOfferPersonViewDto], description: "first names shown to the two sites' users only" }) people: HelpOfferPersonViewDto[];
  @ApiProperty({ example: '8.00' }) hours: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: HELP_OFFER_STATUSES }) status: HelpOfferStatus;
  @ApiProperty({ nullable: true, type: String }) declineMessage: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export class HelpContributionDto implements HelpContribution {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ example: '7.50' }) recordedHours: string;
  @ApiProperty({ nullable: true, type: String }) proposedHours: string | null;
  @ApiProperty({ example: '7.50' }) hours: string;
  @ApiProperty({ enum: HELP_CONTRIBUTION_STATUSES }) status: HelpContributionStatus;
  @ApiProperty({ nullable: true, type: String, example: '138.75', description: 'paid help: due from the requesting site to this one' }) amountDue: string | null;
  @ApiProperty({ nullable: true, enum: HELP_SETTLEMENTS }) settlement: HelpSettlement | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) movementId: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
}

export class HelpRequestDto implements HelpRequest {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) activityPole: string | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty() place: string;
  @ApiProperty({ nullable: true, type: Number }) peopleNeeded: number | null;
  @ApiProperty({ nullable: true, type: String }) hoursNeeded: string | null;
  @ApiProperty({ enum: HELP_RETURNS }) returnKind: HelpReturn;
  @ApiProperty({ nullable: true, type: String }) reciprocityHours: string | null;
  @ApiProperty({ nullable: true, type: String }) amountPerHour: string | null;
  @ApiProperty({ enum: HELP_VISIBILITIES }) visibility: HelpVisibility;
  @ApiProperty({ type: [String] }) visibleToSiteIds: string[];
  @ApiProperty({ enum: HELP_REQUEST_STATUSES, description: '`expired` is computed on read: open (no accepted offer) and past endsOn' }) status: HelpRequestStatus;
  @ApiProperty({ type: [HelpOfferDto] }) offers: HelpOfferDto[];
  @ApiProperty({ type: [HelpContributionDto] }) contributions: HelpContributionDto[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancellationReason: string | null;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
}

export class HelpRequestPageDto extends PageDto(HelpRequestDto) implements HelpRequestPage {}
