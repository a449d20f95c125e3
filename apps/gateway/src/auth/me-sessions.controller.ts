import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrors } from '../http/api-errors.decorator';
import { AuthService } from './auth.service';
import { CurrentPrincipal, SignedIn } from './auth.decorators';
import { ChangePasswordDto, OpenSessionListDto, PasswordChangedDto } from './dto/auth.dto';
import { Principal } from './roles';

/** The signed-in user's own password and sessions ("Mon compte"). */
@ApiTags('me')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/me')
export class MeSessionsController {
  constructor(private readonly auth: AuthService) {}

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Changes your password, proven by the current one; every other session of yours ends, this one stays open.' })
  @ApiErrors(200, PasswordChangedDto, 400, 401, 422, 429)
  changePassword(@Body() body: ChangePasswordDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<PasswordChangedDto> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword, request.ip);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Your open sessions (devices logged in), most recently active first; `current` is this one.' })
  @ApiErrors(200, OpenSessionListDto, 401)
  async sessions(@CurrentPrincipal() principal: Principal): Promise<OpenSessionListDto> {
    return { items: await this.auth.sessions(principal) };
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends one of your sessions (a lost phone, a shared computer): its tokens stop working at once.' })
  @ApiErrors(204, undefined, 400, 401, 404)
  async endSession(@Param('sessionId', new ParseUUIDPipe()) sessionId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.endSession(principal, sessionId);
  }
}
