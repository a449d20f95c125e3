import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Mission, MISSION_STATUSES, MissionInput, MissionPage, MissionParticipant, MissionParticipantInput, MissionStatus } from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

const HOURS = /^\d{1,4}(\.\d{1,2})?$/;

export class CreateMissionDto implements MissionInput {
  @ApiProperty({ example: 'Cantine partagée du mardi' }) @IsString() @Length(1, 200) title: string;
  @ApiProperty({ example: 'restauration', description: 'free text, like a catalogue item’s activity pole' }) @IsString() @Length(1, 100) activityPole: string;
  @ApiProperty({ example: '2026-12-01' }) @IsCalendarDate() startsOn: string;
  @ApiProperty({ example: '2026-12-01', description: 'on or after startsOn; the same day for a one-day mission' })
  @IsCalendarDate()
  endsOn: string;
  @ApiProperty({ example: 'Cuisine partagée, 12 rue de l’Épeule, Roubaix' }) @IsString() @Length(1, 300) place: string;
  @ApiProperty({ minimum: 1, maximum: 500, example: 3 }) @IsInt({ message: 'peopleNeeded must be a whole number' }) @Min(1) @Max(500) peopleNeeded: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'a client of the site; leave out for a self-financed activity' }) @IsOptional() @IsUUID() clientId?:
    string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'an accepted quote of the site; its client becomes the mission’s' }) @IsOptional() @IsUUID() quoteId?:
    string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @Length(0, 2000) description?: string | null;
}

/** Planned missions only; client and quote are fixed at creation. */
export class UpdateMissionDto extends PartialType(OmitType(CreateMissionDto, ['clientId', 'quoteId'] as const)) {}

export class MissionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MISSION_STATUSES })
  @IsOptional()
  @IsIn(MISSION_STATUSES, { message: `status must be one of ${MISSION_STATUSES.join(', ')}` })
  status?: MissionStatus;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'missions still running on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'missions started on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class SignUpDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'coordinators: the member to sign up (required); members: left out (or their own id), they sign themselves up' })
  @IsOptional()
  @IsUUID()
  memberId?: string;
}

export class ConfirmTeamDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'among the sign-ups; left out: every sign-up' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class ParticipantDto implements MissionParticipantInput {
  @ApiProperty({ format: 'uuid' }) @IsUUID() memberId: string;
  @ApiProperty({ example: '7.5', description: 'hours worked, > 0, up to 2 decimals (a string)' })
  @IsString()
  @Matches(HOURS, { message: 'hours must be written like "7", "7.5" or "7.25" (a string, up to two decimals)' })
  hours: string;
}

export class CompleteMissionDto {
  @ApiProperty({ type: [ParticipantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants: ParticipantDto[];
}

export class CancelMissionDto {
  @ApiProperty({ example: 'Le client a reporté sa fête' }) @IsString() @Length(1, 500) reason: string;
}

export class SignUpViewDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali' }) name: string;
  @ApiProperty() signedUpAt: string;
}

export class MissionParticipantDto implements MissionParticipant {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali' }) name: string;
  @ApiProperty({ example: '7.50' }) hours: string;
}

export class MissionDto implements Mission {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, description: 'null only for a mission created from a quote, until set' }) activityPole: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty({ description: 'calendar days, both ends included' }) days: number;
  @ApiProperty({ nullable: true, type: String }) place: string | null;
  @ApiProperty() peopleNeeded: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: self-financed' }) clientId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) quoteId: string | null;
  @ApiProperty({ enum: MISSION_STATUSES }) status: MissionStatus;
  @ApiProperty({ type: [SignUpViewDto] }) signUps: SignUpViewDto[];
  @ApiProperty({ type: [SignUpViewDto], description: 'the confirmed sign-ups' }) team: SignUpViewDto[];
  @ApiProperty({ type: [MissionParticipantDto], description: 'recorded on completion' }) participants: MissionParticipantDto[];
  @ApiProperty({ example: '15.50' }) totalHours: string;
  @ApiProperty({ nullable: true, type: String }) teamConfirmedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) completedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledOn: string | null;
  @ApiProperty({ nullable: true, type: String }) cancellationReason: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class MissionPageDto extends PageDto(MissionDto) implements MissionPage {}
