import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import {
  COLLECTIVE_TASKS,
  CollectiveTask,
  Contribution,
  CONTRIBUTION_KINDS,
  CONTRIBUTION_STATUSES,
  ContributionInput,
  ContributionKind,
  ContributionPage,
  ContributionStatus,
  ContributionTotals,
  HoursTotal,
  INVOLVEMENT_KINDS,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';

const HOURS = /^\d{1,2}(\.\d{1,2})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class CreateContributionDto implements ContributionInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'coordinators: the member whose time it is (required); members: left out (or their own id), they log their own time' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiProperty({ enum: CONTRIBUTION_KINDS, example: 'contributive_day' })
  @IsIn(CONTRIBUTION_KINDS, { message: `kind must be one of ${CONTRIBUTION_KINDS.join(', ')}` })
  kind: ContributionKind;

  @ApiPropertyOptional({ enum: COLLECTIVE_TASKS, nullable: true, description: 'required for collective_task, absent otherwise' })
  @IsOptional()
  @IsIn(COLLECTIVE_TASKS, { message: `task must be one of ${COLLECTIVE_TASKS.join(', ')}` })
  task?: CollectiveTask | null;

  @ApiProperty({ example: '2026-12-01', description: 'the day of the work, not in the future' })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: '7.5', description: 'hours, above 0 and at most 24, up to 2 decimals (a string)' })
  @IsString()
  @Matches(HOURS, { message: 'hours must be written like "7", "7.5" or "7.25" (a string, up to two decimals)' })
  hours: string;

  @ApiPropertyOptional({ example: '09:00', nullable: true, description: 'when the work started (HH:MM); needed to check a minor’s night work' })
  @IsOptional()
  @IsString()
  @Matches(TIME, { message: 'startTime must be a time HH:MM (00:00 to 23:59)' })
  startTime?: string | null;

  @ApiPropertyOptional({ example: 'Rangement de la cuisine partagée', nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  note?: string | null;
}

export class ContributionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() memberId?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'entries on or after this day' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'entries on or before this day' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
  @ApiPropertyOptional({ enum: CONTRIBUTION_STATUSES })
  @IsOptional()
  @IsIn(CONTRIBUTION_STATUSES, { message: `status must be one of ${CONTRIBUTION_STATUSES.join(', ')}` })
  status?: ContributionStatus;
  @ApiPropertyOptional({ enum: CONTRIBUTION_KINDS })
  @IsOptional()
  @IsIn(CONTRIBUTION_KINDS, { message: `kind must be one of ${CONTRIBUTION_KINDS.join(', ')}` })
  kind?: ContributionKind;
}

export class RejectContributionDto {
  @ApiPropertyOptional({ example: 'Déjà comptée dans la mission du 3', nullable: true, description: 'why, at most 500 characters' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  reason?: string | null;
}

export class ContributionDto implements Contribution {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès Benali', description: 'a pseudonym once the member is erased' }) memberName: string;
  @ApiProperty({ enum: CONTRIBUTION_KINDS }) kind: ContributionKind;
  @ApiProperty({ enum: COLLECTIVE_TASKS, nullable: true }) task: CollectiveTask | null;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ nullable: true, type: String, example: '09:00' }) startTime: string | null;
  @ApiProperty({ example: '7.50' }) hours: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: CONTRIBUTION_STATUSES }) status: ContributionStatus;
  @ApiProperty({ nullable: true, type: String, description: 'why it was rejected' }) reason: string | null;
  @ApiProperty({ format: 'uuid', description: 'the user who logged it' }) createdBy: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the period that counted it' }) periodId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class HoursTotalDto implements HoursTotal {
  @ApiProperty({ example: '12.50' }) validated: string;
  @ApiProperty({ example: '3.00' }) submitted: string;
}

export class ContributionTotalsDto implements ContributionTotals {
  @ApiProperty({
    description: `hours per kind (${INVOLVEMENT_KINDS.join(', ')}); mission hours come from completed missions and count as validated`,
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/HoursTotalDto' },
  })
  byKind: Record<string, HoursTotalDto>;
  @ApiProperty({ type: HoursTotalDto }) all: HoursTotalDto;
}

export class ContributionPageDto extends PageDto(ContributionDto) implements ContributionPage {
  @ApiProperty({ type: ContributionTotalsDto, description: 'over every entry the filters match, not only this page' }) totals: ContributionTotalsDto;
}
