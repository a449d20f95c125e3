import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { AuthService, TokenPair } from './auth.service';
import { CurrentPrincipal, Public, SignedIn } from './auth.decorators';
import { LoginDto, MeDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { Principal } from './roles';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly rpc: RpcClient,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiErrors(200, TokenPairDto, 400, 401)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.login(body.email, body.password, request.ip);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiErrors(200, TokenPairDto, 400, 401)
  refresh(@Body() body: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @ApiBearerAuth()
  @SignedIn()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiErrors(204, undefined, 401)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @ApiBearerAuth()
  @SignedIn()
  @Get('me')
  @ApiErrors(200, MeDto, 401)
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const siteIds = principal.sites.map((grant) => grant.siteId);
    const sites = siteIds.length > 0 ? (await this.rpc.call(RPC.membership.siteList, { siteIds, limit: 100 })).items : [];
    return {
      id: principal.userId,
      email: principal.email,
      displayName: principal.displayName,
      networkAdmin: principal.networkAdmin,
      sites: principal.sites.map((grant) => {
        const site = sites.find((s) => s.id === grant.siteId);
        return { siteId: grant.siteId, role: grant.role, siteName: site?.name ?? null, siteCode: site?.code ?? null };
      }),
    };
  }
}
