import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CatalogueItem, CatalogueItemPage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { SiteRoles } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CatalogueItemDto, CatalogueItemPageDto, CatalogueListQueryDto, CreateCatalogueItemDto, UpdateCatalogueItemDto } from './dto/catalogue.dto';

/** The site's catalogue: coordinators create, edit and archive items; every role of the site reads them. */
@ApiTags('catalogue')
@ApiBearerAuth()
// Every role of the site may read; the routes that change something narrow it.
@SiteRoles('coordinator', 'member', 'accountant')
@Controller('v1/sites/:siteId/catalogue-items')
export class CatalogueController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @SiteRoles('coordinator')
  @ApiErrors(201, CatalogueItemDto, 400, 401, 403, 404)
  create(@Param('siteId') siteId: string, @Body() body: CreateCatalogueItemDto): Promise<CatalogueItem> {
    return this.rpc.call(RPC.commerce.catalogueItemCreate, { siteId, item: body });
  }

  @Get()
  @ApiErrors(200, CatalogueItemPageDto, 400, 401, 404)
  list(@Param('siteId') siteId: string, @Query() query: CatalogueListQueryDto): Promise<CatalogueItemPage> {
    return this.rpc.call(RPC.commerce.catalogueItemList, { ...query, siteId });
  }

  @Get(':itemId')
  @ApiErrors(200, CatalogueItemDto, 400, 401, 404)
  get(@Param('siteId') siteId: string, @Param('itemId', new ParseUUIDPipe()) itemId: string): Promise<CatalogueItem> {
    return this.rpc.call(RPC.commerce.catalogueItemGet, { siteId, itemId });
  }

  /** Also archives: `{"archived": true}`. */
  @Patch(':itemId')
  @SiteRoles('coordinator')
  @ApiErrors(200, CatalogueItemDto, 400, 401, 403, 404)
  update(@Param('siteId') siteId: string, @Param('itemId', new ParseUUIDPipe()) itemId: string, @Body() body: UpdateCatalogueItemDto): Promise<CatalogueItem> {
    return this.rpc.call(RPC.commerce.catalogueItemUpdate, { siteId, itemId, changes: body });
  }
}
