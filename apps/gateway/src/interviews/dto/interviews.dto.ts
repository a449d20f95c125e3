import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import {
  Attention,
  ATTENTION_CODES,
  AttentionCode,
  FollowUpBoard,
  FollowUpItem,
  Interview,
  INTERVIEW_KINDS,
  INTERVIEW_STATUSES,
  InterviewKind,
  InterviewPage,
  InterviewStatus,
  JOURNEY_STAGES,
  JourneyStage,
} from '@kpa/contracts';
import { PageDto } from '../../http/page.dto';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

const INSTANT_MESSAGE = (field: string) => `${field} must be an instant written like 2026-11-22T09:30:00+01:00 (date, time and zone)`;

export class SkillAssessmentDto {
  @ApiProperty({ example: 'cuisine' }) @IsString() @Length(1, 60) name: string;
  @ApiProperty({ minimum: 1, maximum: 4, example: 2, description: '1 discovering … 4 can teach it, as the member sees it' })
  @IsInt()
  @Min(1)
  @Max(4)
  level: number;
}

export class ScheduleInterviewDto {
  @ApiProperty({ enum: INTERVIEW_KINDS, example: 'first', description: 'one `first` interview (scheduled or held) per participation' })
  @IsIn(INTERVIEW_KINDS, { message: `kind must be one of ${INTERVIEW_KINDS.join(', ')}` })
  kind: InterviewKind;

  @ApiProperty({ example: '2026-12-03T10:00:00+01:00' })
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('scheduledAt') })
  scheduledAt: string;

  @ApiPropertyOptional({ enum: ['scheduled', 'held'], default: 'scheduled', description: '`held` records an interview that already took place (with heldAt)' })
  @IsOptional()
  @IsIn(['scheduled', 'held'], { message: 'status of a new interview must be scheduled or held' })
  status?: InterviewStatus;

  @ApiPropertyOptional({ example: '2026-12-03T10:05:00+01:00', nullable: true, type: String, description: 'when it took place; only with status held, not in the future' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('heldAt') })
  heldAt?: string | null;

  @ApiPropertyOptional({ example: 'Camille Durand', description: 'who holds it; by default, your display name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  conductedBy?: string;

  @ApiPropertyOptional({
    example: 'Envie de tester la vente de plats à emporter.',
    nullable: true,
    type: String,
    maxLength: 5000,
    description: 'personal data: coordinators (and the member, unless private)',
  })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ example: false, default: false, description: 'private: only the coordinators ever see this interview' })
  @IsOptionalNotNull()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({ type: [SkillAssessmentDto], description: "the member's self-assessment: their follow-up booklet, interview after interview" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SkillAssessmentDto)
  skillsAssessment?: SkillAssessmentDto[];
}

export class UpdateInterviewDto {
  @ApiPropertyOptional({ enum: INTERVIEW_KINDS }) @IsOptional() @IsIn(INTERVIEW_KINDS, { message: `kind must be one of ${INTERVIEW_KINDS.join(', ')}` }) kind?: InterviewKind;

  @ApiPropertyOptional({ example: '2026-12-10T10:00:00+01:00', description: 'a new time; required to bring back a missed or cancelled interview' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('scheduledAt') })
  scheduledAt?: string;

  @ApiPropertyOptional({
    enum: INTERVIEW_STATUSES,
    example: 'held',
    description: 'scheduled → held | missed | cancelled; held is final; missed or cancelled → scheduled | held with a new scheduledAt',
  })
  @IsOptional()
  @IsIn(INTERVIEW_STATUSES, { message: `status must be one of ${INTERVIEW_STATUSES.join(', ')}` })
  status?: InterviewStatus;

  @ApiPropertyOptional({ example: '2026-12-10T10:05:00+01:00', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsISO8601({ strict: true }, { message: INSTANT_MESSAGE('heldAt') })
  heldAt?: string | null;

  @ApiPropertyOptional({ example: 'Camille Durand' }) @IsOptional() @IsString() @Length(1, 100) conductedBy?: string;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 5000 })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ example: true }) @IsOptionalNotNull() @IsBoolean() private?: boolean;

  @ApiPropertyOptional({ type: [SkillAssessmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SkillAssessmentDto)
  skillsAssessment?: SkillAssessmentDto[];
}

export class InterviewDto implements Interview {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: '2026-11-02', description: 'the participation it belongs to (joinedOn)' }) participationJoinedOn: string;
  @ApiProperty({ enum: INTERVIEW_KINDS }) kind: InterviewKind;
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' }) scheduledAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-03T09:05:00.000Z' }) heldAt: string | null;
  @ApiProperty({ enum: INTERVIEW_STATUSES }) status: InterviewStatus;
  @ApiProperty({ example: 'Camille Durand' }) conductedBy: string;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() private: boolean;
  @ApiProperty({ type: [SkillAssessmentDto] }) skillsAssessment: SkillAssessmentDto[];
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class InterviewPageDto extends PageDto(InterviewDto) implements InterviewPage {}

export class AttentionDto implements Attention {
  @ApiProperty({ enum: ATTENTION_CODES, example: 'interview_overdue' }) code: AttentionCode;
  @ApiProperty({ example: 'The last interview was held on 2026-09-01, 82 days ago; this site holds one at least every 60 days.' }) message: string;
  @ApiPropertyOptional({ example: '2026-10-31' }) dueOn?: string;
}

export class FollowUpItemDto implements FollowUpItem {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ example: 'Inès' }) firstName: string;
  @ApiProperty({ example: 'Benali' }) lastName: string;
  @ApiProperty({ enum: JOURNEY_STAGES }) stage: JourneyStage;
  @ApiProperty({ type: [AttentionDto] }) attention: AttentionDto[];
}

export class FollowUpBoardDto implements FollowUpBoard {
  @ApiProperty({ type: [FollowUpItemDto] }) items: FollowUpItemDto[];
}
