import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RemunerationSettings, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { RemunerationSettingsDto, UpdateRemunerationSettingsDto } from './dto/settings.dto';

/**
 * A site's remuneration settings: period length, the pot (host contribution, reserves), the
 * distribution rules, the recognition budget and the simulator's rate tables. Every role of the
 * site reads them (transparency: everyone can see how the pot is made and shared); coordinators
 * write them.
 */
@ApiTags('remuneration settings')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/remuneration/settings')
export class RemunerationSettingsController {
  constructor(private readonly rpc: RpcClient) {}

  /** Documented defaults (`customised: false`) until a coordinator saves the site's own. */
  @Get()
  @ApiErrors(200, RemunerationSettingsDto, 401, 404)
  get(@Param('siteId') siteId: string): Promise<RemunerationSettings> {
    return this.rpc.call(RPC.remuneration.settingsGet, { siteId });
  }

  /** Each given section replaces the current one whole; absent sections stay as they are. */
  @Put()
  @SiteRoles('coordinator')
  @ApiErrors(200, RemunerationSettingsDto, 400, 401, 403, 404)
  update(@Param('siteId') siteId: string, @Body() body: UpdateRemunerationSettingsDto, @CurrentPrincipal() principal: Principal): Promise<RemunerationSettings> {
    return this.rpc.call(RPC.remuneration.settingsUpdate, { siteId, actor: { userId: principal.userId }, settings: body });
  }
}
