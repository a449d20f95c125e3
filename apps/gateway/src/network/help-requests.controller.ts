import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HelpRequest, HelpRequestPage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { actingForSite, networkActorOf } from '../auth/actors';
import { CurrentPrincipal, SignedIn, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import {
  CancelHelpRequestDto,
  ConfirmHoursDto,
  CreateHelpRequestDto,
  DeclineOfferDto,
  HelpRequestDto,
  HelpRequestListQueryDto,
  HelpRequestPageDto,
  MakeOfferDto,
  RecordDoneDto,
} from './dto/help-requests.dto';

/**
 * Help between sites (mission sharing). A site's coordinator posts a request under its site; the
 * rest is cross-site under /v1/network: anyone logged in sees the requests visible to one of their
 * sites (404 for the others), other sites' coordinators offer (for the site named in the body),
 * the requester's coordinator accepts, declines, records the hours, cancels; each helping site's
 * coordinator confirms or corrects its hours. Who may act on a request is decided by networking
 * from the caller's sites (403 NETWORK_SITE_NOT_YOURS).
 */
@ApiTags('network: help requests')
@ApiBearerAuth()
@Controller('v1')
export class HelpRequestsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('sites/:siteId/help-requests')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, HelpRequestDto, 400, 401, 403, 404, 422)
  create(@Param('siteId') siteId: string, @Body() body: CreateHelpRequestDto, @CurrentPrincipal() principal: Principal): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpRequestCreate, { siteId, actor: networkActorOf(principal), request: body });
  }

  @Get('network/help-requests')
  @SignedIn()
  @ApiErrors(200, HelpRequestPageDto, 400, 401)
  list(@Query() query: HelpRequestListQueryDto, @CurrentPrincipal() principal: Principal): Promise<HelpRequestPage> {
    return this.rpc.call(RPC.networking.helpRequestList, { ...query, actor: networkActorOf(principal) });
  }

  @Get('network/help-requests/:requestId')
  @SignedIn()
  @ApiErrors(200, HelpRequestDto, 400, 401, 404)
  get(@Param('requestId', new ParseUUIDPipe()) requestId: string, @CurrentPrincipal() principal: Principal): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpRequestGet, { requestId, actor: networkActorOf(principal) });
  }

  /** By the coordinator of `fromSiteId` (checked here, before the call). One pending offer per site. */
  @Post('network/help-requests/:requestId/offers')
  @HttpCode(201)
  @SignedIn()
  @ApiErrors(201, HelpRequestDto, 400, 401, 403, 404, 409, 422)
  offer(@Param('requestId', new ParseUUIDPipe()) requestId: string, @Body() body: MakeOfferDto, @CurrentPrincipal() principal: Principal): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpOfferMake, { requestId, actor: actingForSite(principal, body.fromSiteId, 'fromSiteId'), offer: body });
  }

  @Post('network/help-requests/:requestId/offers/:offerId/accept')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, HelpRequestDto, 400, 401, 403, 404, 409)
  accept(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpOfferAccept, { requestId, offerId, actor: networkActorOf(principal) });
  }

  @Post('network/help-requests/:requestId/offers/:offerId/decline')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, HelpRequestDto, 400, 401, 403, 404, 409)
  decline(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Param('offerId', new ParseUUIDPipe()) offerId: string,
    @Body() body: DeclineOfferDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpOfferDecline, { requestId, offerId, message: body?.message ?? null, actor: networkActorOf(principal) });
  }

  /** The requester records the hours each accepted site gave; they wait for each helping site's confirmation. */
  @Post('network/help-requests/:requestId/done')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, HelpRequestDto, 400, 401, 403, 404, 409, 422)
  done(@Param('requestId', new ParseUUIDPipe()) requestId: string, @Body() body: RecordDoneDto, @CurrentPrincipal() principal: Principal): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpRequestDone, { requestId, hours: body.hours, actor: networkActorOf(principal) });
  }

  /**
   * A helping site's coordinator confirms its hours (or corrects them with `hours`); after a
   * correction, the requester's coordinator confirms it. Confirmed reciprocity hours enter the ledger.
   */
  @Post('network/help-requests/:requestId/confirm')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, HelpRequestDto, 400, 401, 403, 404, 409)
  confirm(@Param('requestId', new ParseUUIDPipe()) requestId: string, @Body() body: ConfirmHoursDto, @CurrentPrincipal() principal: Principal): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpRequestConfirm, { requestId, siteId: body?.siteId, hours: body?.hours, actor: networkActorOf(principal) });
  }

  @Post('network/help-requests/:requestId/cancel')
  @HttpCode(200)
  @SignedIn()
  @ApiErrors(200, HelpRequestDto, 400, 401, 403, 404, 409)
  cancel(@Param('requestId', new ParseUUIDPipe()) requestId: string, @Body() body: CancelHelpRequestDto, @CurrentPrincipal() principal: Principal): Promise<HelpRequest> {
    return this.rpc.call(RPC.networking.helpRequestCancel, { requestId, reason: body.reason, actor: networkActorOf(principal) });
  }
}
