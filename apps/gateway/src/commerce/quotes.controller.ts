import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Quote, QuoteAction, QuotePage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { commerceActorOf } from '../auth/actors';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { AcceptQuoteDto, CreateQuoteDto, QuoteDto, QuoteListQueryDto, QuotePageDto, UpdateQuoteDto } from './dto/quotes.dto';

/**
 * The quotes of a site. Members draft, edit and submit them; coordinators also validate, send and
 * record the client's answer; every role of the site reads them (accountants read only).
 */
@ApiTags('quotes')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/quotes')
export class QuotesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(201, QuoteDto, 400, 401, 403, 404)
  create(@Param('siteId') siteId: string, @Body() body: CreateQuoteDto, @CurrentPrincipal() principal: Principal): Promise<Quote> {
    return this.rpc.call(RPC.commerce.quoteCreate, { siteId, actor: commerceActorOf(principal, siteId), quote: body });
  }

  @Get()
  @ApiErrors(200, QuotePageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: QuoteListQueryDto): Promise<QuotePage> {
    return this.rpc.call(RPC.commerce.quoteList, { ...query, siteId });
  }

  @Get(':quoteId')
  @ApiErrors(200, QuoteDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('quoteId', new ParseUUIDPipe()) quoteId: string): Promise<Quote> {
    return this.rpc.call(RPC.commerce.quoteGet, { siteId, quoteId });
  }

  /** Drafts only (409 QUOTE_NOT_EDITABLE otherwise); `lines` replaces all the lines. */
  @Patch(':quoteId')
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, QuoteDto, 400, 401, 403, 404, 409)
  update(
    @Param('siteId') siteId: string,
    @Param('quoteId', new ParseUUIDPipe()) quoteId: string,
    @Body() body: UpdateQuoteDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Quote> {
    return this.rpc.call(RPC.commerce.quoteUpdate, { siteId, quoteId, actor: commerceActorOf(principal, siteId), changes: body });
  }

  @Post(':quoteId/submit')
  @HttpCode(200)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, QuoteDto, 401, 403, 404, 409)
  submit(@Param('siteId') siteId: string, @Param('quoteId', new ParseUUIDPipe()) quoteId: string, @CurrentPrincipal() principal: Principal): Promise<Quote> {
    return this.act(siteId, quoteId, 'submit', principal);
  }

  @Post(':quoteId/validate')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, QuoteDto, 401, 403, 404, 409)
  validate(@Param('siteId') siteId: string, @Param('quoteId', new ParseUUIDPipe()) quoteId: string, @CurrentPrincipal() principal: Principal): Promise<Quote> {
    return this.act(siteId, quoteId, 'validate', principal);
  }

  /** Numbers the quote in the site's quotes series and freezes it. */
  @Post(':quoteId/send')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, QuoteDto, 401, 403, 404, 409, 422)
  send(@Param('siteId') siteId: string, @Param('quoteId', new ParseUUIDPipe()) quoteId: string, @CurrentPrincipal() principal: Principal): Promise<Quote> {
    return this.act(siteId, quoteId, 'send', principal);
  }

  /** Records the client's yes and drafts the mission and the invoice (or a deposit invoice of depositPercent). */
  @Post(':quoteId/accept')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, QuoteDto, 401, 403, 404, 409, 422)
  accept(
    @Param('siteId') siteId: string,
    @Param('quoteId', new ParseUUIDPipe()) quoteId: string,
    @Body() body: AcceptQuoteDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Quote> {
    return this.rpc.call(RPC.commerce.quoteAct, { siteId, quoteId, action: 'accept', actor: commerceActorOf(principal, siteId), depositPercent: body.depositPercent });
  }

  @Post(':quoteId/decline')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, QuoteDto, 401, 403, 404, 409)
  decline(@Param('siteId') siteId: string, @Param('quoteId', new ParseUUIDPipe()) quoteId: string, @CurrentPrincipal() principal: Principal): Promise<Quote> {
    return this.act(siteId, quoteId, 'decline', principal);
  }

  private act(siteId: string, quoteId: string, action: QuoteAction, principal: Principal): Promise<Quote> {
    return this.rpc.call(RPC.commerce.quoteAct, { siteId, quoteId, action, actor: commerceActorOf(principal, siteId) });
  }
}
