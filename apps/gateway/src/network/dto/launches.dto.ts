import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import {
  ACCOMPANIMENT_STATUSES,
  AccompanimentSession,
  AccompanimentSessionList,
  AccompanimentStatus,
  Launch,
  LAUNCH_STAGES,
  LAUNCH_STEPS,
  LaunchList,
  LaunchStage,
  LaunchStep,
  LaunchStepView,
  SITE_STATUSES,
  SiteStatus,
} from '@kpa/contracts';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

const HOURS = /^\d{1,2}(\.\d{1,2})?$/;

export class CompleteLaunchStepDto {
  @ApiProperty({ enum: LAUNCH_STEPS, example: 'venue_found' })
  @IsIn(LAUNCH_STEPS, { message: `step must be one of ${LAUNCH_STEPS.join(', ')}` })
  step: LaunchStep;
  @ApiPropertyOptional({ example: '2026-11-20', description: 'the day it was done, not in the future; today when left out' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;
}

export class NameMentorDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'an established (active) site; null removes the mentor' })
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('all', { message: 'mentorSiteId must be the id of a site (a uuid), or null' })
  mentorSiteId: string | null;
}

export class LogAccompanimentDto {
  @ApiProperty({ format: 'uuid', description: 'the new KPA this site was named mentor of' }) @IsUUID() menteeSiteId: string;
  @ApiProperty({ example: '2026-11-28', description: 'the day of the session, not in the future' }) @IsCalendarDate() on: string;
  @ApiProperty({ example: '3.5', description: 'hours, > 0 and at most 12, up to 2 decimals (a string)' })
  @IsString()
  @Matches(HOURS, { message: 'hours must be written like "3", "3.5" or "3.25" (a string, up to two decimals)' })
  hours: string;
  @ApiProperty({ example: 'Monter le premier devis traiteur' }) @IsString() @Length(1, 300) topic: string;
}

export class LaunchStepViewDto implements LaunchStepView {
  @ApiProperty({ enum: LAUNCH_STEPS }) step: LaunchStep;
  @ApiProperty({ nullable: true, type: String }) completedOn: string | null;
  @ApiProperty({ nullable: true, enum: ['manual', 'event'] }) source: 'manual' | 'event' | null;
}

export class LaunchDto implements Launch {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty() city: string;
  @ApiProperty({ enum: SITE_STATUSES }) status: SiteStatus;
  @ApiProperty({ enum: LAUNCH_STAGES, description: 'the first step not yet done, or `launched`' }) stage: LaunchStage;
  @ApiProperty({ type: [LaunchStepViewDto] }) steps: LaunchStepViewDto[];
  @ApiProperty() completedSteps: number;
  @ApiProperty() totalSteps: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) mentorSiteId: string | null;
  @ApiProperty({ nullable: true, type: String }) mentorName: string | null;
  @ApiProperty() startedAt: string;
}

export class LaunchListDto implements LaunchList {
  @ApiProperty({ type: [LaunchDto] }) items: LaunchDto[];
  @ApiProperty({ nullable: true, type: String, description: 'always null: every launch in one answer' }) nextCursor: null;
}

export class AccompanimentSessionDto implements AccompanimentSession {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) mentorSiteId: string;
  @ApiProperty({ format: 'uuid' }) menteeSiteId: string;
  @ApiProperty() on: string;
  @ApiProperty({ example: '3.50' }) hours: string;
  @ApiProperty() topic: string;
  @ApiProperty({ enum: ACCOMPANIMENT_STATUSES }) status: AccompanimentStatus;
  @ApiProperty() loggedBy: string;
  @ApiProperty({ nullable: true, type: String }) confirmedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the reciprocity movement written at confirmation' }) movementId: string | null;
  @ApiProperty() createdAt: string;
}

export class AccompanimentSessionListDto implements AccompanimentSessionList {
  @ApiProperty({ type: [AccompanimentSessionDto] }) items: AccompanimentSessionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'always null: every session of the site in one answer' }) nextCursor: null;
}
