import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Client, ClientPage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { ClientDto, ClientListQueryDto, ClientPageDto, CreateClientDto, UpdateClientDto } from './dto/clients.dto';

/**
 * The clients of a site. Coordinators and members create and edit them (members draft quotes);
 * every role of the site reads them whole, accountants included (they read invoices).
 */
@ApiTags('clients')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/clients')
export class ClientsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator', 'member')
  @ApiErrors(201, ClientDto, 400, 401, 403, 404, 409)
  create(@Param('siteId') siteId: string, @Body() body: CreateClientDto): Promise<Client> {
    return this.rpc.call(RPC.commerce.clientCreate, { siteId, client: body });
  }

  @Get()
  @ApiErrors(200, ClientPageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: ClientListQueryDto): Promise<ClientPage> {
    return this.rpc.call(RPC.commerce.clientList, { ...query, siteId });
  }

  @Get(':clientId')
  @ApiErrors(200, ClientDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('clientId', new ParseUUIDPipe()) clientId: string): Promise<Client> {
    return this.rpc.call(RPC.commerce.clientGet, { siteId, clientId });
  }

  @Patch(':clientId')
  @SiteRoles('coordinator', 'member')
  @ApiErrors(200, ClientDto, 400, 401, 403, 404, 409)
  update(@Param('siteId') siteId: string, @Param('clientId', new ParseUUIDPipe()) clientId: string, @Body() body: UpdateClientDto): Promise<Client> {
    return this.rpc.call(RPC.commerce.clientUpdate, { siteId, clientId, changes: body });
  }
}
