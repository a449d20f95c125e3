import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class GatewayConfig extends ServiceConfig {
  /** Signs access tokens (HS256). Required, no default: generate one with `openssl rand -base64 48`. */
  @IsString({ message: 'is required: a random secret of at least 32 characters (e.g. openssl rand -base64 48)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET: string = undefined as unknown as string;

  /** Lifetime of access tokens; at most 15 minutes. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** The first network admin, created at start if no user has this e-mail. Never a default password. */
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  KPA_ADMIN_EMAIL?: string = undefined;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  KPA_ADMIN_PASSWORD?: string = undefined;

  /** Requests per minute and per client (user, or IP when anonymous), shared by all gateway instances through Redis. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Behind a reverse proxy: take the client IP from X-Forwarded-For. */
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  TRUST_PROXY = false;

  /** Largest receipt file accepted for an expense, in bytes (5 MiB). It streams to the NATS object store in chunks, never as one message. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1_048_576)
  RECEIPT_MAX_BYTES = 5 * 1_048_576;

  /** The built web console (apps/web) the gateway serves at `/`; default `<repo>/dist/web`, found from the gateway's own location. */
  @IsOptional()
  @IsString({ message: 'must be the path of the built console (the folder holding index.html)' })
  @MinLength(1, { message: 'must be the path of the built console (the folder holding index.html)' })
  WEB_DIST_DIR?: string = undefined;
}

export const GATEWAY_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.gateway, METRICS_PORT: METRICS_PORTS.gateway };
