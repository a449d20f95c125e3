import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HostStructure, HostStructurePage, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { NetworkAdminOnly } from '../auth/auth.decorators';
import { ApiErrors } from '../http/api-errors.decorator';
import { CreateHostStructureDto, HostStructureDto, HostStructurePageDto, PageQueryDto } from './dto/sites.dto';

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
}
