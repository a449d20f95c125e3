import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  ENTRY_SITUATIONS,
  EntrySituation,
  Gender,
  GENDERS,
  JOURNEY_STAGES,
  JourneyStage,
  LEAVING_OUTCOMES,
  LeavingOutcome,
  MemberFile,
  MemberInput,
  MemberName,
  MemberPage,
  Referrer,
  REFERRERS,
} from '@kpa/contracts';
import { PageQueryDto } from '../../sites/dto/sites.dto';
import { PageDto } from '../../http/page.dto';
import { IsCalendarDate } from '../../http/calendar-date.decorator';
import { IsOptionalNotNull } from '../../http/optional-not-null.decorator';

export class SkillDto {
  @ApiProperty({ example: 'cuisine' }) @IsString() @Length(1, 60) name: string;
  @ApiProperty({ minimum: 1, maximum: 4, example: 3, description: '1 discovering … 4 can teach it' }) @IsInt() @Min(1) @Max(4) level: number;
  @ApiProperty({ example: false }) @IsBoolean() wantsToLearn: boolean;
}

export class AddressDto {
  @ApiProperty({ example: '12 rue de l’Épeule' }) @IsString() @Length(1, 200) line: string;
  @ApiProperty({ example: '59100' }) @IsString() @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' }) postalCode: string;
  @ApiProperty({ example: 'Roubaix' }) @IsString() @Length(1, 100) city: string;
}

export class GuardianDto {
  @ApiProperty({ example: 'Nadia Benali' }) @IsString() @Length(2, 120) name: string;
  @ApiProperty({ example: 'mère' }) @IsString() @Length(2, 60) relationship: string;
  @ApiProperty({ example: '2026-09-01' }) @IsCalendarDate() consentedOn: string;
}

export class CreateMemberDto implements MemberInput {
  @ApiProperty({ example: 'Inès' }) @IsString() @Length(1, 100) firstName: string;
  @ApiProperty({ example: 'Benali' }) @IsString() @Length(1, 100) lastName: string;
  @ApiPropertyOptional({ example: 'ines@example.org', nullable: true }) @IsOptional() @IsString() @Length(0, 254) email?: string | null;
  @ApiPropertyOptional({ example: '06 12 34 56 78', nullable: true }) @IsOptional() @IsString() @Length(0, 20) phone?: string | null;
  @ApiProperty({ example: '2009-05-14', description: 'personal data: coordinators and the member only' })
  @IsCalendarDate()
  birthDate: string;
  @ApiPropertyOptional({ enum: GENDERS, default: 'not_said' }) @IsOptional() @IsIn(GENDERS, { message: `gender must be one of ${GENDERS.join(', ')}` }) gender?: Gender;
  @ApiPropertyOptional({ type: AddressDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto | null;
  @ApiPropertyOptional({ description: 'lives in a priority neighbourhood (QPV); personal data' }) @IsOptionalNotNull() @IsBoolean() priorityNeighbourhood?: boolean;
  @ApiProperty({ enum: ENTRY_SITUATIONS }) @IsIn(ENTRY_SITUATIONS, { message: `situation must be one of ${ENTRY_SITUATIONS.join(', ')}` }) situation: EntrySituation;
  @ApiProperty({ enum: REFERRERS }) @IsIn(REFERRERS, { message: `referredBy must be one of ${REFERRERS.join(', ')}` }) referredBy: Referrer;
  @ApiPropertyOptional({ nullable: true, description: 'who referred them, when referredBy is other' }) @IsOptional() @IsString() @Length(0, 200) referredByDetail?: string | null;
  @ApiPropertyOptional({ example: '2026-09-01', nullable: true }) @IsOptional() @IsCalendarDate() charterSignedOn?: string | null;
  @ApiPropertyOptional({ type: GuardianDto, nullable: true, description: 'required before any contract for a member under 18' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GuardianDto)
  guardian?: GuardianDto | null;
  @ApiPropertyOptional({ example: '2026-09-01', description: 'default today' }) @IsOptional() @IsCalendarDate() joinedOn?: string;
  @ApiPropertyOptional({ type: [SkillDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SkillDto) skills?: SkillDto[];
  @ApiPropertyOptional({ example: ['couture', 'football'] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) passions?: string[];
}

export class UpdateMemberDto extends PartialType(CreateMemberDto, { skipNullProperties: false }) {}

export class LeaveDto {
  @ApiProperty({ example: '2027-03-31' }) @IsCalendarDate() leftOn: string;
  @ApiProperty({ enum: LEAVING_OUTCOMES }) @IsIn(LEAVING_OUTCOMES, { message: `outcome must be one of ${LEAVING_OUTCOMES.join(', ')}` }) outcome: LeavingOutcome;
}

export class RejoinDto {
  @ApiProperty({ example: '2027-09-01' }) @IsCalendarDate() joinedOn: string;
}

export class MemberListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'left', 'all'], default: 'active' }) @IsOptional() @IsIn(['active', 'left', 'all']) status?: 'active' | 'left' | 'all';
  @ApiPropertyOptional({ example: 'cuisine' }) @IsOptional() @IsString() @Length(1, 60) skill?: string;
  @ApiPropertyOptional({ example: 'ben', description: 'in first or last name' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ enum: JOURNEY_STAGES, description: 'journey stage (the coordinator’s override when one is in effect)' })
  @IsOptional()
  @IsIn(JOURNEY_STAGES, { message: `stage must be one of ${JOURNEY_STAGES.join(', ')}` })
  stage?: JourneyStage;
}

/** Every view of a member (file, profile, name): beyond the name, each field depends on who asks. */
export class MemberDto implements MemberName, Partial<MemberFile> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiPropertyOptional({ type: [SkillDto], description: 'not for accountants' }) skills?: SkillDto[];
  @ApiPropertyOptional({ type: [String], description: 'not for accountants' }) passions?: string[];
  @ApiPropertyOptional({ description: 'not for accountants' }) active?: boolean;
  @ApiPropertyOptional({ description: 'this and the fields below: coordinators (and the member) only' }) birthDate?: string;
  @ApiPropertyOptional({ enum: ENTRY_SITUATIONS }) situation?: EntrySituation;
  @ApiPropertyOptional() priorityNeighbourhood?: boolean;
  @ApiPropertyOptional({ type: GuardianDto, nullable: true }) guardian?: GuardianDto | null;
  @ApiPropertyOptional() joinedOn?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) leftOn?: string | null;
}

export class MemberPageDto extends PageDto(MemberDto) implements MemberPage {}
