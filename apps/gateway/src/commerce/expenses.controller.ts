import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, Expense, ExpensePage, ReceiptContentType, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { expenseActorOf } from '../auth/actors';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { ErrorDto } from '../http/error.dto';
import { httpStatusOf } from '../http/http-status';
import { CreateExpenseDto, ExpenseDto, ExpenseListQueryDto, ExpensePageDto, RejectExpenseDto, ReimburseExpenseDto, UpdateExpenseDto } from './dto/expenses.dto';
import { RECEIPT_UPLOAD_CONTENT_TYPES, ReceiptStorage } from './receipt-storage';

const EXTENSIONS: Record<ReceiptContentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * The expenses (notes de frais) of a site. Members submit their own and read all of the site's
 * (its books are open to them); coordinators submit for anyone, approve, reject and record
 * reimbursements; accountants read.
 */
@ApiTags('expenses')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/expenses')
export class ExpensesController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly receipts: ReceiptStorage,
  ) {}

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(201, ExpenseDto, 400, 401, 403, 404, 409)
  create(@Param('siteId') siteId: string, @Body() body: CreateExpenseDto, @CurrentPrincipal() principal: Principal): Promise<Expense> {
    return this.rpc.call(RPC.commerce.expenseCreate, { siteId, actor: expenseActorOf(principal, siteId), expense: body });
  }

  /** With `totals` over every expense the filter matches. */
  @Get()
  @ApiErrors(200, ExpensePageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: ExpenseListQueryDto): Promise<ExpensePage> {
    return this.rpc.call(RPC.commerce.expenseList, { ...query, siteId });
  }

  @Get(':expenseId')
  @ApiErrors(200, ExpenseDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('expenseId', new ParseUUIDPipe()) expenseId: string): Promise<Expense> {
    return this.rpc.call(RPC.commerce.expenseGet, { siteId, expenseId });
  }

  /** While submitted (409 EXPENSE_NOT_EDITABLE after), by its member or a coordinator. */
  @Patch(':expenseId')
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, ExpenseDto, 400, 401, 403, 404, 409)
  update(
    @Param('siteId') siteId: string,
    @Param('expenseId', new ParseUUIDPipe()) expenseId: string,
    @Body() body: UpdateExpenseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Expense> {
    return this.rpc.call(RPC.commerce.expenseUpdate, { siteId, expenseId, actor: expenseActorOf(principal, siteId), changes: body });
  }

  /** Publishes `commerce.expense.approved`. */
  @Post(':expenseId/approve')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, ExpenseDto, 401, 403, 404, 409)
  approve(@Param('siteId') siteId: string, @Param('expenseId', new ParseUUIDPipe()) expenseId: string, @CurrentPrincipal() principal: Principal): Promise<Expense> {
    return this.rpc.call(RPC.commerce.expenseApprove, { siteId, expenseId, actor: expenseActorOf(principal, siteId) });
  }

  @Post(':expenseId/reject')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, ExpenseDto, 400, 401, 403, 404, 409)
  reject(
    @Param('siteId') siteId: string,
    @Param('expenseId', new ParseUUIDPipe()) expenseId: string,
    @Body() body: RejectExpenseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Expense> {
    return this.rpc.call(RPC.commerce.expenseReject, { siteId, expenseId, actor: expenseActorOf(principal, siteId), reason: body.reason });
  }

  @Post(':expenseId/reimburse')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, ExpenseDto, 400, 401, 403, 404, 409)
  reimburse(
    @Param('siteId') siteId: string,
    @Param('expenseId', new ParseUUIDPipe()) expenseId: string,
    @Body() body: ReimburseExpenseDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Expense> {
    return this.rpc.call(RPC.commerce.expenseReimburse, { siteId, expenseId, actor: expenseActorOf(principal, siteId), method: body.method, reimbursedOn: body.reimbursedOn });
  }

  /**
   * The receipt file as the raw body (PDF, JPEG or PNG, told by its first bytes; at most
   * RECEIPT_MAX_BYTES). Streamed into the receipts object store under a new name, then recorded
   * by commerce; a receipt already there is replaced (while submitted only).
   */
  @Put(':expenseId/receipt')
  @HttpCode(200)
  @SiteRoles('coordinator', 'member')
  @ApiConsumes(...RECEIPT_UPLOAD_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'the file itself (not a form)' })
  @ApiErrors(200, ExpenseDto, 400, 401, 403, 404, 409, 413, 415, 422)
  async putReceipt(
    @Param('siteId') siteId: string,
    @Param('expenseId', new ParseUUIDPipe()) expenseId: string,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Expense> {
    const actor = expenseActorOf(principal, siteId);
    // Unknown or another site's expense: 404 before a byte is stored.
    await this.rpc.call(RPC.commerce.expenseGet, { siteId, expenseId });
    const stored = await this.receipts.store(siteId, expenseId, request.body, request.headers['content-length']);
    try {
      return await this.rpc.call(RPC.commerce.expenseAttachReceipt, { siteId, expenseId, actor, ...stored });
    } catch (error) {
      // Refused: the new object is nobody's receipt. Not after a timeout: commerce may have recorded it.
      if (error instanceof DomainError && httpStatusOf(error.code) < 500) await this.receipts.remove(stored.objectName).catch(() => undefined);
      throw error;
    }
  }

  @Get(':expenseId/receipt')
  @ApiProduces(...RECEIPT_UPLOAD_CONTENT_TYPES.filter((t) => t !== 'application/octet-stream'))
  @ApiResponse({ status: 200, description: 'the receipt file, with its content type', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 400, type: ErrorDto })
  @ApiResponse({ status: 401, type: ErrorDto })
  @ApiResponse({ status: 404, type: ErrorDto, description: 'no such expense on the site, or no receipt (RECEIPT_NOT_FOUND)' })
  async getReceipt(
    @Param('siteId') siteId: string,
    @Param('expenseId', new ParseUUIDPipe()) expenseId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const location = await this.rpc.call(RPC.commerce.expenseGetReceipt, { siteId, expenseId });
    const file = await this.receipts.read(location.objectName);
    void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').header('etag', `"${location.sha256}"`);
    return new StreamableFile(file, {
      type: location.contentType,
      length: location.size,
      disposition: `attachment; filename="receipt-${expenseId}.${EXTENSIONS[location.contentType]}"`,
    });
  }
}
