import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { CapeContractPage, InterviewPage, Journey, MemberFile, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn } from '../auth/auth.decorators';
import { ownMemberFile, Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { MemberDto, SkillDto } from './dto/members.dto';
import { CapeContractDto } from './dto/cape-contracts.dto';
import { JourneyDto } from './dto/journey.dto';
import { InterviewDto } from '../interviews/dto/interviews.dto';

export class OwnMemberQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'needed only by someone who is a member of several sites' })
  @IsOptional()
  @IsUUID('all', { message: 'siteId must be a site id (uuid)' })
  siteId?: string;
}

export class OwnMemberChangesDto {
  @ApiPropertyOptional({ type: [SkillDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SkillDto) skills?: SkillDto[];
  @ApiPropertyOptional({ example: ['couture'] }) @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) passions?: string[];
}

/** What a member reads of themself: their file, contracts, journey and own interviews (private ones left out). */
export class OwnMemberDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ type: MemberDto }) member: MemberFile;
  @ApiProperty({ type: [CapeContractDto] }) capeContracts: CapeContractPage['items'];
  @ApiProperty({ type: JourneyDto }) journey: Journey;
  @ApiProperty({ type: [InterviewDto], description: 'their interviews, private ones left out' }) interviews: InterviewPage['items'];
}

/** A member's own file: what the platform holds on them, their contracts, journey and interviews. */
@ApiTags('me')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/me/member')
export class MeMemberController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiErrors(200, OwnMemberDto, 400, 401, 404)
  async get(@Query() query: OwnMemberQueryDto, @CurrentPrincipal() principal: Principal): Promise<OwnMemberDto> {
    const { siteId, memberId } = ownMemberFile(principal, query.siteId);
    const [member, contracts, journey, interviews] = await Promise.all([
      this.rpc.call(RPC.membership.memberGet, { siteId, memberId, view: 'file' }) as Promise<MemberFile>,
      this.rpc.call(RPC.membership.capeList, { siteId, memberId, limit: 100 }),
      this.rpc.call(RPC.membership.journeyGet, { siteId, memberId }),
      this.rpc.call(RPC.membership.interviewList, { siteId, memberId, view: 'own', limit: 100 }),
    ]);
    return { siteId, member, capeContracts: contracts.items, journey, interviews: interviews.items };
  }

  /** A member keeps their own skills and passions up to date; the rest of the file is the coordinators'. */
  @Patch()
  @ApiErrors(200, MemberDto, 400, 401, 404)
  update(@Query() query: OwnMemberQueryDto, @Body() body: OwnMemberChangesDto, @CurrentPrincipal() principal: Principal): Promise<MemberFile> {
    const { siteId, memberId } = ownMemberFile(principal, query.siteId);
    return this.rpc.call(RPC.membership.memberUpdate, { siteId, memberId, changes: body });
  }
}
