import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '@kpa/contracts';
import { REDIS } from '@kpa/platform';
import { GatewayConfig } from '../gateway.config';
import { AuthenticatedRequest } from '../auth/auth.decorators';

const UNLIMITED_ROUTES = /^\/(health|metrics|docs|openapi)/;

/**
 * Requests per minute per client (the user when authenticated, else the IP), counted in Redis
 * so several gateway instances share one budget. Runs after authentication.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, config: GatewayConfig) {
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.KPA_NATS_NAMESPACE}:rate`,
      points: config.RATE_LIMIT_PER_MINUTE,
      duration: 60,
    });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (UNLIMITED_ROUTES.test(request.url)) return true;
    const client = request.principal ? `user:${request.principal.userId}` : `ip:${request.ip}`;
    try {
      await this.limiter.consume(client);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
    }
  }
}
