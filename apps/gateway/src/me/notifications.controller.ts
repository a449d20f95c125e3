import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Notification, NotificationOwner, NotificationPage, NotificationPreferences, RPC } from '@kpa/contracts';
import { RpcClient } from '@kpa/platform';
import { CurrentPrincipal, SignedIn } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { ApiErrors } from '../http/api-errors.decorator';
import { NotificationDto, NotificationPageDto, NotificationPreferencesDto, NotificationsQueryDto, NotificationsReadDto } from './notifications.dto';

/** The signed-in user's notifications, on the sites they hold a role on (a role taken away takes them away). */
function ownerOf(principal: Principal): NotificationOwner {
  return { userId: principal.userId, siteIds: principal.sites.map((grant) => grant.siteId) };
}

/** What the platform told you (the coordinators' daily digest, an expired quote, a closed period…), newest first. */
@ApiTags('me')
@ApiBearerAuth()
@SignedIn()
@Controller('v1/me')
export class MeNotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('notifications')
  @ApiErrors(200, NotificationPageDto, 400, 401)
  list(@Query() query: NotificationsQueryDto, @CurrentPrincipal() principal: Principal): Promise<NotificationPage> {
    return this.rpc.call(RPC.worker.notificationList, { ...ownerOf(principal), ...query });
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiErrors(200, NotificationsReadDto, 401)
  readAll(@CurrentPrincipal() principal: Principal): Promise<{ read: number }> {
    return this.rpc.call(RPC.worker.notificationReadAll, ownerOf(principal));
  }

  @Post('notifications/:notificationId/read')
  @HttpCode(200)
  @ApiErrors(200, NotificationDto, 400, 401, 404)
  read(@Param('notificationId', new ParseUUIDPipe()) notificationId: string, @CurrentPrincipal() principal: Principal): Promise<Notification> {
    return this.rpc.call(RPC.worker.notificationRead, { ...ownerOf(principal), notificationId });
  }

  @Get('notification-preferences')
  @ApiErrors(200, NotificationPreferencesDto, 401)
  preferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferences> {
    return this.rpc.call(RPC.worker.notificationPreferencesGet, { userId: principal.userId });
  }

  @Put('notification-preferences')
  @ApiErrors(200, NotificationPreferencesDto, 400, 401)
  setPreferences(@Body() body: NotificationPreferencesDto, @CurrentPrincipal() principal: Principal): Promise<NotificationPreferences> {
    return this.rpc.call(RPC.worker.notificationPreferencesSet, { userId: principal.userId, preferences: body });
  }
}
