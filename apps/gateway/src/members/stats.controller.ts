import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';

import { Figures, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { NetworkAdminOnly, SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { IsCalendarDate } from '../http/calendar-date.decorator';

export class PeriodQueryDto {
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() to: string;
}

export class FiguresDto implements Figures {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ description: 'people whose participation overlaps the period' }) tookPart: number;
  @ApiProperty() activeNow: number;
  @ApiProperty() underCapeNow: number;
  @ApiProperty() joined: number;
  @ApiProperty() left: number;
  @ApiProperty({ type: Object, example: { training: 2, employment: 1 } }) leavingOutcomes: Record<string, number | null>;
  @ApiProperty({ type: Object, example: { female: 7, male: 5 } }) byGender: Record<string, number | null>;
  @ApiProperty({ type: Object, example: { under_18: 2, '18_21': 6 } }) byAgeBand: Record<string, number | null>;
  @ApiProperty({ type: Object, description: 'situation when they joined', example: { job_seeker: 7, rsa: 5 } }) bySituation: Record<string, number | null>;
  @ApiProperty({ type: Object, description: 'who sent them', example: { mission_locale: 9 } }) byReferrer: Record<string, number | null>;
  @ApiProperty({ type: Object, example: { count: 8, of: 12 } }) priorityNeighbourhood: { count: number | null; of: number };
  @ApiProperty({ description: 'interviews held in the period' }) interviewsHeld: number;
  @ApiProperty({ description: 'network figures hide counts from 1 to 4 (null) so nobody can be recognised' }) smallCountsHidden: boolean;
}

@ApiTags('figures')
@ApiBearerAuth()
@Controller('v1')
export class StatsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('sites/:siteId/stats')
  @SiteRoles('coordinator')
  @ApiErrors(200, FiguresDto, 400, 401, 403, 404)
  site(@Param('siteId') siteId: string, @Query() period: PeriodQueryDto): Promise<Figures> {
    return this.rpc.call(RPC.membership.statsFigures, { siteId, ...period });
  }

  @Get('stats')
  @NetworkAdminOnly()
  @ApiErrors(200, FiguresDto, 400, 401, 403)
  region(@Query() period: PeriodQueryDto): Promise<Figures> {
    return this.rpc.call(RPC.membership.statsFigures, { ...period });
  }
}
