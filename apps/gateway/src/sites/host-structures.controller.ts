import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HostStructure, HostStructurePage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { NetworkAdminOnly } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateHostStructureDto, HostStructureDto, HostStructurePageDto, PageQueryDto, UpdateHostStructureDto } from './dto/sites.dto';

@ApiTags('host structures')
@ApiBearerAuth()
@NetworkAdminOnly()
@Controller('v1/host-structures')
export class HostStructuresController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @HttpCode(201)
  @ApiErrors(201, HostStructureDto, 400, 401, 403, 409, 422)
  create(@Body() body: CreateHostStructureDto): Promise<HostStructure> {
    return this.rpc.call(RPC.membership.hostStructureCreate, body);
  }

  @Get()
  @ApiErrors(200, HostStructurePageDto, 400, 401, 403)
  list(@Query() query: PageQueryDto): Promise<HostStructurePage> {
    return this.rpc.call(RPC.membership.hostStructureList, query);
  }

  @Get(':hostStructureId')
  @ApiErrors(200, HostStructureDto, 400, 401, 403, 404)
  get(@Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string): Promise<HostStructure> {
    return this.rpc.call(RPC.membership.hostStructureGet, { hostStructureId });
  }

  /** A change of legal identity: published, so commerce prints the new one on the next documents. */
  @Patch(':hostStructureId')
  @ApiErrors(200, HostStructureDto, 400, 401, 403, 404, 409)
  update(@Param('hostStructureId', new ParseUUIDPipe()) hostStructureId: string, @Body() body: UpdateHostStructureDto): Promise<HostStructure> {
    return this.rpc.call(RPC.membership.hostStructureUpdate, { ...body, hostStructureId });
  }
}
