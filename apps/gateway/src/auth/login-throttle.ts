import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '@kpa/contracts';
import { REDIS } from '@kpa/platform';
import { GatewayConfig } from '../gateway.config';

const ACCOUNT_FAILURES = 5;
const IP_FAILURES = 30;

/**
 * Slows down password guessing, in Redis so every gateway instance sees the same counts:
 * past 5 failures on one account within 15 minutes the account waits a minute between tries;
 * past 30 failures from one IP within an hour the IP waits 15 minutes. A success clears the account.
 */
@Injectable()
export class LoginThrottle {
  private readonly byAccount: RateLimiterRedis;
  private readonly byIp: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, config: GatewayConfig) {
    const prefix = `${config.KPA_NATS_NAMESPACE}:login-failures`;
    this.byAccount = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:account`, points: ACCOUNT_FAILURES, duration: 15 * 60, blockDuration: 60 });
    this.byIp = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}:ip`, points: IP_FAILURES, duration: 60 * 60, blockDuration: 15 * 60 });
  }

  /** Refuses the attempt (429 with Retry-After) while the account or the IP is held back. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.byAccount.get(email.toLowerCase()), this.byIp.get(ip)]);
    const waits = [account, address]
      .filter((res, i): res is RateLimiterRes => res !== null && res.consumedPoints > (i === 0 ? ACCOUNT_FAILURES : IP_FAILURES))
      .map((res) => Math.ceil(res.msBeforeNext / 1000));
    if (waits.length > 0) {
      const retryAfterSeconds = Math.max(1, ...waits);
      throw new DomainError('TOO_MANY_LOGIN_ATTEMPTS', `Too many failed logins; try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
    }
  }

  /** Counts a failure; the one that passes the limit starts the wait (the limiter's block). */
  async recordFailure(email: string, ip: string): Promise<void> {
    const overLimit = () => undefined;
    await Promise.all([this.byAccount.consume(email.toLowerCase()).catch(overLimit), this.byIp.consume(ip).catch(overLimit)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email.toLowerCase());
  }
}
