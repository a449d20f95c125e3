import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class WorkerConfig extends ServiceConfig {
  /** Period of the maintenance sweep that re-derives lost jobs from Postgres. */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(86400)
  SWEEP_INTERVAL_SECONDS = 300;

  // worker: dunning
  /** Period of the dunning sweep (it sends only inside each site's window, Paris time). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86400)
  DUNNING_SWEEP_INTERVAL_SECONDS = 900;

  /**
   * Tests and demos only (refused in production): the worker's clock runs this many minutes ahead
   * (or behind), so "40 days after the due date" is reached without touching the machine's clock.
   */
  @Type(() => Number)
  @IsInt()
  @Min(-5_256_000)
  @Max(5_256_000)
  KPA_CLOCK_OFFSET_MINUTES = 0;
  /**
   * The gateway's JWT_SECRET: the worker checks with it the tokens of its queue dashboard (/queues),
   * which the gateway gives network admins. Required in production; without it the dashboard is off.
   */
  @ValidateIf((config: WorkerConfig) => config.NODE_ENV === 'production' || config.JWT_SECRET !== undefined)
  @IsString({ message: 'is required in production: the gateway’s JWT_SECRET (the queue dashboard checks its tokens with it)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  // worker: e-invoicing
  /** Period of the e-invoice transmission sweep (commerce hands the due e-invoices to the PA and reads back their statuses). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  EINVOICE_SWEEP_INTERVAL_SECONDS = 60;

  // worker: digest
  /**
   * Tests and demos: the digest sweep runs every this many seconds instead of hourly at minute 0
   * (Paris time). Unset in production.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  DIGEST_SWEEP_INTERVAL_SECONDS?: number = undefined;

  // worker: mail
  /** The mail server (nodemailer URL): smtp:// (STARTTLS when offered) or smtps://, with user:password@ if it asks. Default: the local mail catcher of `npm start`. */
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.org:465' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** The region's sender, `Name <address>`: every message comes from this address, under its site's name when it is about one. */
  @Matches(/^\s*(?:"?[^"<>]*?"?\s*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)\s*$/, {
    message: 'must be "Name <address>" or an address, e.g. KPA-Cité <ne-pas-repondre@kpa-cite.fr>',
  })
  MAIL_FROM = 'KPA-Cité <ne-pas-repondre@kpa-cite.localhost>';

  /** How often the sender looks for queued messages that are due. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  MAIL_SEND_INTERVAL_SECONDS = 15;

  /** Attempts before a message that keeps failing temporarily (4xx, connection) is marked failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  MAIL_MAX_ATTEMPTS = 6;
}

export const WORKER_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.worker, METRICS_PORT: METRICS_PORTS.worker };
