import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Journey, JourneyChange, JOURNEY_STAGES, JourneyStage, NEXT_PATHS, NextPath } from '@kpa/contracts';

export class StageOverrideDto {
  @ApiProperty({ enum: JOURNEY_STAGES }) @IsIn(JOURNEY_STAGES, { message: `stage must be one of ${JOURNEY_STAGES.join(', ')}` }) stage: JourneyStage;
  @ApiProperty({ example: 'prête à tester son activité de traiteur' }) @IsString() @Length(3, 500) reason: string;
}

export class SetJourneyDto {
  @ApiPropertyOptional({ type: StageOverrideDto, nullable: true, description: 'set the stage (with a reason), or null to go back to the calendar’s stage' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StageOverrideDto)
  stageOverride?: StageOverrideDto | null;

  @ApiPropertyOptional({ enum: NEXT_PATHS, nullable: true })
  @IsOptional()
  @IsIn(NEXT_PATHS, { message: `nextPath must be one of ${NEXT_PATHS.join(', ')}` })
  nextPath?: NextPath | null;
}

export class JourneyDueDto {
  @ApiProperty({ enum: ['first_interview', 'mid_term_review', 'exit_interview'] }) kind: 'first_interview' | 'mid_term_review' | 'exit_interview';
  @ApiProperty({ example: '2027-05-01' }) dueOn: string;
}

export class JourneyChangeDto implements JourneyChange {
  @ApiProperty({ enum: ['override', 'cleared', 'next_path'] }) kind: JourneyChange['kind'];
  @ApiProperty({ enum: JOURNEY_STAGES, nullable: true }) stage: JourneyStage | null;
  @ApiProperty({ enum: NEXT_PATHS, nullable: true }) nextPath: NextPath | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ example: '2026-11-02' }) on: string;
  @ApiProperty({ format: 'uuid', description: 'the user who made the change' }) by: string;
}

export class JourneyDto implements Journey {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() joinedOn: string;
  @ApiProperty({ enum: JOURNEY_STAGES }) stage: JourneyStage;
  @ApiProperty({ enum: JOURNEY_STAGES, description: 'the stage the calendar gives' }) computedStage: JourneyStage;
  @ApiProperty() overridden: boolean;
  @ApiProperty({ nullable: true, type: String }) overrideReason: string | null;
  @ApiProperty({ enum: NEXT_PATHS, nullable: true }) nextPath: NextPath | null;
  @ApiProperty({ type: [JourneyChangeDto] }) history: JourneyChangeDto[];
  @ApiProperty({ type: [JourneyDueDto] }) due: JourneyDueDto[];
}
