import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page } from '@kpa/contracts';
import { CurrentPrincipal, SiteRoles } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { PageQueryDto } from '../sites/dto/sites.dto';
import { CreateSiteUserDto, SiteUserDto, SiteUserPageDto } from './dto/site-users.dto';
import { SiteUser, SiteUsersService } from './site-users.service';

@ApiTags('site users')
@ApiBearerAuth()
@SiteRoles('coordinator')
@Controller('v1/sites/:siteId/users')
export class SiteUsersController {
  constructor(private readonly users: SiteUsersService) {}

  @Post()
  @HttpCode(201)
  @ApiErrors(201, SiteUserDto, 400, 401, 403, 404, 409, 422)
  create(@Param('siteId') siteId: string, @Body() body: CreateSiteUserDto, @CurrentPrincipal() principal: Principal): Promise<SiteUser> {
    return this.users.create(principal, siteId, body);
  }

  @Get()
  @ApiErrors(200, SiteUserPageDto, 400, 401, 403, 404)
  list(@Param('siteId') siteId: string, @Query() query: PageQueryDto): Promise<Page<SiteUser>> {
    return this.users.list(siteId, query);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiErrors(204, undefined, 401, 403, 404)
  async remove(@Param('siteId') siteId: string, @Param('userId', new ParseUUIDPipe()) userId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.users.remove(principal, siteId, userId);
  }
}
