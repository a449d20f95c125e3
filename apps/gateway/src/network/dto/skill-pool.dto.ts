import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, IsNumber, ValidateNested } from 'class-validator';
import {
  Availability,
  AVAILABILITIES,
  MemberNetworkProfile,
  MemberNetworkProfileInput,
  PooledPersonView,
  PooledSkill,
  PoolPeopleList,
  PoolPerson,
  PoolPersonInput,
  POOL_TEAM_ROLES,
  PoolTeamRole,
  SKILL_LEVELS,
  SkillGroup,
  SkillLevel,
  SkillSearchResult,
  SkillSiteGroup,
} from '@kpa/contracts';
import { NEAR_PATTERN } from './network-directory.dto';

export class PooledSkillDto implements PooledSkill {
  @ApiProperty({ example: 'couture', description: 'as you write it: "Retouches" and "couture" are found together' }) @IsString() @Length(1, 60) name: string;
  @ApiProperty({ enum: SKILL_LEVELS, example: 'intermediate' }) @IsIn(SKILL_LEVELS, { message: `level must be one of ${SKILL_LEVELS.join(', ')}` }) level: SkillLevel;
}

class PoolFieldsDto {
  @ApiProperty({ type: [PooledSkillDto] }) @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => PooledSkillDto) skills: PooledSkillDto[];

  @ApiProperty({ enum: AVAILABILITIES, example: 'available' })
  @IsIn(AVAILABILITIES, { message: `availability must be one of ${AVAILABILITIES.join(', ')}` })
  availability: Availability;

  @ApiPropertyOptional({ example: 'plutôt le mardi et le jeudi', nullable: true, type: String }) @IsOptional() @IsString() @Length(0, 500) note: string | null;
}

export class MemberNetworkProfileDto extends PoolFieldsDto implements MemberNetworkProfileInput {
  @ApiProperty({ example: true, description: 'your choice to be listed in the network skill pool; false withdraws you at once' }) @IsBoolean() visible: boolean;
}

export class PoolPersonDto extends PoolFieldsDto implements PoolPersonInput {
  @ApiProperty({ example: 'Nadia' }) @IsString() @Length(1, 60) firstName: string;
  @ApiProperty({ example: 'Lefebvre', description: 'only its initial is kept' }) @IsString() @Length(1, 60) lastName: string;
  @ApiProperty({ enum: POOL_TEAM_ROLES }) @IsIn(POOL_TEAM_ROLES, { message: `role must be one of ${POOL_TEAM_ROLES.join(', ')}` }) role: PoolTeamRole;
}

export class OwnNetworkProfileQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'needed only by someone who is a member of several sites' })
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site id (uuid)' })
  siteId?: string;
}

export class SkillSearchQueryDto {
  @ApiPropertyOptional({ example: 'couture', description: 'normalised: case, accents and French synonyms (retouches = couture) do not matter; absent: every skill, counts only' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  skill?: string;

  @ApiPropertyOptional({ example: '50.6942,3.1746', description: 'latitude,longitude of the centre; with km' })
  @IsOptional()
  @IsString()
  @Matches(NEAR_PATTERN, { message: 'near must be "latitude,longitude" in decimal degrees, e.g. 50.6942,3.1746' })
  near?: string;

  @ApiPropertyOptional({ example: 30, minimum: 0.1, maximum: 1000, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 }, { message: 'km must be a number of kilometres' })
  @Min(0.1)
  @Max(1000)
  km?: number;

  @ApiPropertyOptional({ example: true, description: 'true: only people whose availability is not "unavailable"' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'available must be true or false' })
  available?: boolean;
}

export class MemberNetworkProfileViewDto implements MemberNetworkProfile {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() visible: boolean;
  @ApiProperty({ type: [PooledSkillDto] }) skills: PooledSkillDto[];
  @ApiProperty({ enum: AVAILABILITIES }) availability: Availability;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class PoolPersonViewDto implements PoolPerson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ['member', 'team'] }) kind: 'member' | 'team';
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) memberId: string | null;
  @ApiProperty({ nullable: true, enum: POOL_TEAM_ROLES }) role: PoolTeamRole | null;
  @ApiProperty() firstName: string;
  @ApiProperty({ example: 'L.' }) lastInitial: string;
  @ApiProperty({ description: 'never listed outside the site' }) minor: boolean;
  @ApiProperty() visible: boolean;
  @ApiProperty({ type: [PooledSkillDto] }) skills: PooledSkillDto[];
  @ApiProperty({ enum: AVAILABILITIES }) availability: Availability;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() updatedAt: string;
}

export class PoolPeopleListDto implements PoolPeopleList {
  @ApiProperty({ type: [PoolPersonViewDto] }) items: PoolPersonViewDto[];
}

export class PooledPersonViewDto implements PooledPersonView {
  @ApiProperty() firstName: string;
  @ApiProperty({ example: 'B.' }) lastInitial: string;
  @ApiProperty({ enum: SKILL_LEVELS }) level: SkillLevel;
  @ApiProperty({ enum: AVAILABILITIES }) availability: Availability;
}

export class SkillSiteGroupDto implements SkillSiteGroup {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty() city: string;
  @ApiProperty() count: number;
  @ApiPropertyOptional() distanceKm?: number;
  @ApiProperty({ type: [PooledPersonViewDto], description: 'at most 20, most experienced first; none when no skill was asked' }) people: PooledPersonViewDto[];
}

export class SkillGroupDto implements SkillGroup {
  @ApiProperty({ example: 'couture' }) skill: string;
  @ApiProperty({ description: 'people listed for the skill across the region' }) total: number;
  @ApiProperty({ description: 'sites where someone is listed for it' }) siteCount: number;
  @ApiProperty({ type: [SkillSiteGroupDto], description: 'at most 20: nearest first with near, else the most people first' }) sites: SkillSiteGroupDto[];
}

export class SkillSearchResultDto implements SkillSearchResult {
  @ApiProperty({ type: [SkillGroupDto] }) skills: SkillGroupDto[];
}
