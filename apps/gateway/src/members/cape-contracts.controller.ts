import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CapeContract, CapeContractPage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CapeContractDto, CapeContractListQueryDto, CapeContractPageDto, RenewCapeContractDto, SignCapeContractDto, TerminateCapeContractDto } from './dto/cape-contracts.dto';

/** CAPE contracts: signed, renewed and terminated by coordinators; read by accountants (payroll). */
@ApiTags('CAPE contracts')
@ApiBearerAuth()
@Controller('v1/sites/:siteId')
export class CapeContractsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('members/:memberId/cape-contracts')
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, CapeContractDto, 400, 401, 403, 404, 409, 422)
  sign(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @Body() body: SignCapeContractDto): Promise<CapeContract> {
    return this.rpc.call(RPC.membership.capeSign, { siteId, memberId, ...body });
  }

  @Get('members/:memberId/cape-contracts')
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, CapeContractPageDto, 400, 401, 403, 404)
  listOfMember(@Param('siteId') siteId: string, @Param('memberId', new ParseUUIDPipe()) memberId: string, @Query() query: CapeContractListQueryDto): Promise<CapeContractPage> {
    return this.rpc.call(RPC.membership.capeList, { ...query, siteId, memberId });
  }

  @Get('cape-contracts')
  @SiteRoles('coordinator', 'accountant')
  @ApiErrors(200, CapeContractPageDto, 400, 401, 403, 404)
  list(@Param('siteId') siteId: string, @Query() query: CapeContractListQueryDto): Promise<CapeContractPage> {
    return this.rpc.call(RPC.membership.capeList, { ...query, siteId });
  }

  @Post('cape-contracts/:contractId/renew')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, CapeContractDto, 400, 401, 403, 404, 409, 422)
  renew(@Param('siteId') siteId: string, @Param('contractId', new ParseUUIDPipe()) contractId: string, @Body() body: RenewCapeContractDto): Promise<CapeContract> {
    return this.rpc.call(RPC.membership.capeRenew, { siteId, contractId, ...body });
  }

  @Post('cape-contracts/:contractId/terminate')
  @HttpCode(200)
  @SiteRoles('coordinator')
  @ApiErrors(200, CapeContractDto, 400, 401, 403, 404, 409, 422)
  terminate(@Param('siteId') siteId: string, @Param('contractId', new ParseUUIDPipe()) contractId: string, @Body() body: TerminateCapeContractDto): Promise<CapeContract> {
    return this.rpc.call(RPC.membership.capeTerminate, { siteId, contractId, ...body });
  }
}
