import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  MANUAL_ENTRY_STATUSES,
  ManualEntry,
  ManualEntryInput,
  ManualEntryStatus,
  RECIPROCITY_MOVEMENT_KINDS,
  ReciprocityBoard,
  ReciprocityMovement,
  ReciprocityMovementKind,
  ReciprocitySettings,
  ReciprocityTemplate,
  ReciprocityTemplateInput,
  SiteReciprocity,
  SiteReciprocityBalance,
  TEMPLATE_KINDS,
  TemplateKind,
  TemplateList,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';
import { HOURS, HOURS_MESSAGE } from './help-requests.dto';

export class MovementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RECIPROCITY_MOVEMENT_KINDS })
  @IsOptional()
  @IsIn(RECIPROCITY_MOVEMENT_KINDS, { message: `kind must be one of ${RECIPROCITY_MOVEMENT_KINDS.join(', ')}` })
  kind?: ReciprocityMovementKind;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'recorded on or after this day' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'recorded on or before this day' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class BoardQueryDto extends MovementQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'movements of this site only (the balances are always every site’s)' }) @IsOptional() @IsUUID() siteId?: string;
}

export class StatementQueryDto {
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a year like 2026' })
  @Min(2000)
  @Max(2100)
  year: number;
}

export class ReverseMovementDto {
  @ApiProperty({ example: 'Heures saisies deux fois' }) @IsString() @Length(1, 300) reason: string;
}

export class ReciprocitySettingsDto implements ReciprocitySettings {
  @ApiProperty({ nullable: true, type: String, example: '-20.00' }) softLimit: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class UpdateReciprocitySettingsDto {
  @ApiProperty({ nullable: true, type: String, example: '-20', description: 'balances below it are flagged on the board (never blocked); null: no limit' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(/^-?\d{1,6}(\.\d{1,2})?$/, { message: 'softLimit must be a number of hours like "-20" or "-20.50", or null' })
  softLimit: string | null;
}

export class TemplateDto implements ReciprocityTemplate {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'micro-accompagnement 2 jours' }) label: string;
  @ApiProperty({ enum: TEMPLATE_KINDS }) kind: TemplateKind;
  @ApiProperty({ example: '14.00' }) hours: string;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class TemplateListDto implements TemplateList {
  @ApiProperty({ type: [TemplateDto] }) items: TemplateDto[];
}

export class TemplateListQueryDto {
  @ApiPropertyOptional({ description: 'network admins: also the retired templates' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeInactive must be true or false' })
  includeInactive?: boolean;
}

export class CreateTemplateDto implements ReciprocityTemplateInput {
  @ApiProperty({ example: 'prêt de cuisine ½ journée' }) @IsString() @Length(1, 200) label: string;
  @ApiProperty({ enum: TEMPLATE_KINDS }) @IsIn(TEMPLATE_KINDS, { message: `kind must be one of ${TEMPLATE_KINDS.join(', ')}` }) kind: TemplateKind;
  @ApiProperty({ example: '4' }) @IsString() @Matches(HOURS, { message: HOURS_MESSAGE('hours') }) hours: string;
}

export class UpdateTemplateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) label?: string;
  @ApiPropertyOptional({ enum: TEMPLATE_KINDS }) @IsOptional() @IsIn(TEMPLATE_KINDS, { message: `kind must be one of ${TEMPLATE_KINDS.join(', ')}` }) kind?: TemplateKind;
  @ApiPropertyOptional({ example: '4' }) @IsOptional() @IsString() @Matches(HOURS, { message: HOURS_MESSAGE('hours') }) hours?: string;
  @ApiPropertyOptional({ description: 'false retires the template (entries made with it stay)' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ProposeEntryDto implements ManualEntryInput {
  @ApiProperty({ format: 'uuid', description: 'the other site of the exchange, which confirms the entry' }) @IsUUID() otherSiteId: string;
  @ApiProperty({ enum: ['gave', 'received'], description: 'from your site’s side' })
  @IsIn(['gave', 'received'], { message: 'direction must be "gave" or "received"' })
  direction: 'gave' | 'received';
  @ApiPropertyOptional({ nullable: true, example: '14', description: 'or left out to take the template’s' })
  @IsOptional()
  @IsString()
  @Matches(HOURS, { message: HOURS_MESSAGE('hours') })
  hours?: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) @IsOptional() @IsUUID() templateId?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'formation entre pairs : sérigraphie' }) @IsOptional() @IsString() @Length(0, 200) label?: string | null;
}

export class RejectEntryDto {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(0, 1000) message?: string | null;
}

export class ManualEntryDto implements ManualEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposedBySiteId: string;
  @ApiProperty({ format: 'uuid' }) giverSiteId: string;
  @ApiProperty() giverSiteName: string;
  @ApiProperty({ format: 'uuid' }) receiverSiteId: string;
  @ApiProperty() receiverSiteName: string;
  @ApiProperty({ example: '14.00' }) hours: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) templateId: string | null;
  @ApiProperty({ enum: MANUAL_ENTRY_STATUSES }) status: ManualEntryStatus;
  @ApiProperty() proposedBy: string;
  @ApiProperty() proposedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionMessage: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) movementId: string | null;
}

export class MovementDto implements ReciprocityMovement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: RECIPROCITY_MOVEMENT_KINDS }) kind: ReciprocityMovementKind;
  @ApiProperty({ format: 'uuid' }) giverSiteId: string;
  @ApiProperty() giverSiteName: string;
  @ApiProperty({ format: 'uuid' }) receiverSiteId: string;
  @ApiProperty() receiverSiteName: string;
  @ApiProperty({ example: '7.50' }) hours: string;
  @ApiProperty() sourceId: string;
  @ApiProperty() label: string;
  @ApiProperty({ description: 'the user who recorded it' }) recordedBy: string;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reversesId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reversedById: string | null;
}

export class MovementPageDto extends PageDto(MovementDto) {}

export class BalanceDto implements SiteReciprocityBalance {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '42.00', description: 'hours given to other sites' }) given: string;
  @ApiProperty({ example: '14.00', description: 'hours received from other sites' }) received: string;
  @ApiProperty({ example: '28.00', description: 'given − received' }) balance: string;
  @ApiProperty({ description: 'below the soft limit: flagged, never blocked' }) belowSoftLimit: boolean;
  @ApiProperty({ example: 'a donné 42 h, a reçu 14 h' }) summary: string;
}

export class ReciprocityBoardDto implements ReciprocityBoard {
  @ApiProperty({ type: [BalanceDto] }) balances: BalanceDto[];
  @ApiProperty({ example: '0.00', description: 'the sum of every balance: always 0 (double entry)' }) total: string;
  @ApiProperty({ nullable: true, type: String }) softLimit: string | null;
  @ApiProperty({ type: MovementPageDto }) movements: MovementPageDto;
}

export class SiteReciprocityDto extends BalanceDto implements SiteReciprocity {
  @ApiProperty({ nullable: true, type: String }) softLimit: string | null;
  @ApiProperty({ type: MovementPageDto }) movements: MovementPageDto;
  @ApiProperty({ type: [ManualEntryDto], description: 'manual entries waiting for one of the two sites' }) pendingEntries: ManualEntryDto[];
}
