import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { QUEUE_DASHBOARD_AUDIENCE, signAccessToken } from '@kpa/platform';
import { CurrentPrincipal, NetworkAdminOnly } from '../auth/auth.decorators';
import { Principal } from '../auth/roles';
import { GatewayConfig } from '../gateway.config';
import { ApiErrors } from '../http/api-errors.decorator';

/** How long a dashboard token opens the queue dashboard. */
export const QUEUE_DASHBOARD_TOKEN_SECONDS = 600;

export class QueueDashboardTokenDto {
  @ApiProperty({ description: 'signed by the gateway for the worker’s queue dashboard only (not an API token)' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ example: '/queues/login?token=…', description: 'on the worker’s port, reached through the ops tunnel (docs/worker.md)' }) loginPath: string;
}

/**
 * The worker's queue dashboard (Bull Board at /queues on the worker) lets in network admins only:
 * the gateway, which knows the roles, gives them a short token the worker can check alone.
 */
@ApiTags('ops')
@ApiBearerAuth()
@NetworkAdminOnly()
@Controller('v1/ops/queue-dashboard-tokens')
export class QueueDashboardController {
  constructor(private readonly config: GatewayConfig) {}

  @Post()
  @HttpCode(201)
  @ApiErrors(201, QueueDashboardTokenDto, 401, 403)
  create(@CurrentPrincipal() principal: Principal): QueueDashboardTokenDto {
    const token = signAccessToken({ userId: principal.userId, sessionId: principal.sessionId }, this.config.JWT_SECRET, QUEUE_DASHBOARD_TOKEN_SECONDS, QUEUE_DASHBOARD_AUDIENCE);
    return { token, expiresAt: new Date(Date.now() + QUEUE_DASHBOARD_TOKEN_SECONDS * 1000).toISOString(), loginPath: `/queues/login?token=${token}` };
  }
}
