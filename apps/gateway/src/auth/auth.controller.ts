import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { ApiErrors } from '../http/api-errors.decorator';
import { AnswersCredentials } from '../idempotency/idempotency.interceptor';
import { AuthService, TokenPair } from './auth.service';
import { CurrentPrincipal, Public, SignedIn } from './auth.decorators';
import { AccessTokenDto, LoginDto, LogoutAllDto, MeDto, RefreshDto, TokenPairDto } from './dto/auth.dto';
import { Principal } from './roles';
import { GatewayConfig } from '../gateway.config';
import { isFromAnotherOrigin, isJsonContentType, REFRESH_COOKIE, refreshCookieOptions, refreshTokenFromCookies } from './console-cookie';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly rpc: RpcClient,
    private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Post('auth/login')
  @AnswersCredentials()
  @HttpCode(200)
  @ApiErrors(200, TokenPairDto, 400, 401)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenPair> {
    return this.auth.login(body.email, body.password, request.ip, request.headers['user-agent']);
  }

  @Public()
  @Post('auth/refresh')
  @AnswersCredentials()
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
  @Post('auth/logout-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Logout everywhere: ends every session of the caller (this one included) on every device; their refresh tokens stop working.' })
  @ApiErrors(200, LogoutAllDto, 401)
  logoutAll(@CurrentPrincipal() principal: Principal): Promise<LogoutAllDto> {
    return this.auth.logoutAll(principal);
  }

  // The web console's session: the same logins, throttling and rotation, the refresh token in an
  // HttpOnly cookie instead of the body (console-cookie.ts; CSRF reasoning in docs/security.md).

  @Public()
  @Post('auth/console/login')
  @AnswersCredentials()
  @HttpCode(200)
  @ApiOperation({ summary: 'The web console’s login: the access token in the body, the refresh token in the HttpOnly cookie kpa_refresh (Path=/v1/auth/console).' })
  @ApiErrors(200, AccessTokenDto, 400, 401, 403, 415)
  async consoleLogin(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto> {
    this.assertFromTheConsole(request);
    if (!isJsonContentType(request.headers['content-type'])) {
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the login as JSON with Content-Type: application/json.');
    }
    return this.withRefreshCookie(request, reply, await this.auth.login(body.email, body.password, request.ip, request.headers['user-agent']));
  }

  @Public()
  @Post('auth/console/refresh')
  @AnswersCredentials()
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'The web console’s silent refresh: no body; rotates the kpa_refresh cookie and answers a new access token. A reused cookie closes the session.' })
  @ApiErrors(200, AccessTokenDto, 401, 403)
  async consoleRefresh(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto> {
    this.assertFromTheConsole(request);
    const refreshToken = refreshTokenFromCookies(request.cookies);
    if (!refreshToken) throw new DomainError('INVALID_REFRESH_TOKEN', `No console session: the ${REFRESH_COOKIE} cookie is missing. Log in again.`);
    try {
      return this.withRefreshCookie(request, reply, await this.auth.refresh(refreshToken));
    } catch (error) {
      // A dead cookie is of no more use: the browser forgets it.
      if (error instanceof DomainError && error.code === 'INVALID_REFRESH_TOKEN') this.clearRefreshCookie(request, reply);
      throw error;
    }
  }

  @Public()
  @Post('auth/console/logout')
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'The web console’s logout: ends the session of the kpa_refresh cookie and clears it. Without a cookie there is nothing to end: 204 all the same.' })
  @ApiErrors(204, undefined, 403)
  async consoleLogout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    this.assertFromTheConsole(request);
    const refreshToken = refreshTokenFromCookies(request.cookies);
    if (refreshToken) await this.auth.logoutByRefreshToken(refreshToken);
    this.clearRefreshCookie(request, reply);
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

  private assertFromTheConsole(request: FastifyRequest): void {
    if (isFromAnotherOrigin(request.headers['sec-fetch-site'])) {
      throw new DomainError('FORBIDDEN', 'The console’s session routes answer the console’s own pages only: this request came from another site.');
    }
  }

  private withRefreshCookie(request: FastifyRequest, reply: FastifyReply, pair: TokenPair): AccessTokenDto {
    void reply.setCookie(REFRESH_COOKIE, pair.refreshToken, refreshCookieOptions(request.protocol, this.config.REFRESH_TOKEN_TTL_DAYS * 86400));
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, tokenType: pair.tokenType };
  }

  private clearRefreshCookie(request: FastifyRequest, reply: FastifyReply): void {
    void reply.setCookie(REFRESH_COOKIE, '', { ...refreshCookieOptions(request.protocol, 0), expires: new Date(0) });
  }
}
