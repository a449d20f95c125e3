import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OutgoingMailPage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { OutgoingMailPageDto, SiteMailQueryDto } from './site-mail.dto';

/** The e-mails the platform sent, or could not send, for a site (the worker's outgoing mail). */
@ApiTags('mail')
@ApiBearerAuth()
@SiteRoles('coordinator')
@Controller('v1/sites/:siteId/mail')
export class SiteMailController {
  constructor(private readonly rpc: RpcClient) {}

  /** Newest first; `?status=failed`: the messages refused by the recipient's server or given up, with why. */
  @Get()
  @ApiErrors(200, OutgoingMailPageDto, 400, 401, 403, 404)
  list(@Param('siteId') siteId: string, @Query() query: SiteMailQueryDto): Promise<OutgoingMailPage> {
    return this.rpc.call(RPC.worker.mailListOfSite, { ...query, siteId });
  }
}
