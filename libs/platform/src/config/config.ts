import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync, ValidationError } from 'class-validator';

/**
 * Settings every service shares. The defaults are the local services of a developer machine
 * (Postgres, Redis and NATS on 127.0.0.1), so `npm start` needs no configuration.
 * Each app extends this class with its own settings; `loadConfig` validates it at start.
 */
export class ServiceConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/kpa' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kpa';

  /**
   * The role the service works as, which owns nothing and is held to row-level security; the owner
   * of DATABASE_URL only runs the migrations (and creates this role, granted the service's schema).
   * Default: the role `kpa_<schema>` on DATABASE_URL's server, with DATABASE_URL's password.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL, e.g. postgres://kpa_commerce:secret@db:5432/kpa' })
  DATABASE_APP_URL?: string = undefined;

  @Matches(/^nats:\/\/\S+(,nats:\/\/\S+)*$/, { message: 'must be one or more comma-separated nats:// URLs, e.g. nats://127.0.0.1:4222' })
  NATS_URL = 'nats://127.0.0.1:4222';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL, e.g. redis://127.0.0.1:6379' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every NATS subject, the JetStream stream and Redis keys: lets deployments (and test runs) share a server. */
  @Matches(/^[a-z][a-z0-9_]{0,30}$/, { message: 'must be lower-case letters, digits or _, starting with a letter (e.g. kpa)' })
  KPA_NATS_NAMESPACE = 'kpa';

  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  HTTP_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 0;

  /** Prometheus metrics on a listener of their own, never the public port (0: any free port). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  /** Address of the metrics listener; HTTP_HOST when not set. */
  @IsOptional()
  @Matches(/^[0-9a-fA-F.:]+$|^localhost$/, { message: 'must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  METRICS_HOST?: string = undefined;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60000)
  RPC_TIMEOUT_MS = 5000;

  /** How long a stopping service lets in-flight work finish before it closes its connections. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120000)
  SHUTDOWN_GRACE_MS = 5000;

  /**
   * Signs the pagination cursors (HMAC-SHA256), shared by every instance of every service. Required
   * in production; elsewhere a fixed development secret stands in when it is not set.
   */
  @ValidateIf((config: ServiceConfig) => config.NODE_ENV === 'production' || config.CURSOR_SECRET !== undefined)
  @IsString({ message: 'is required in production: a random secret of at least 32 characters (e.g. openssl rand -base64 48)' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  CURSOR_SECRET?: string = undefined;

  /**
   * Test-only crash points (honoured only when NODE_ENV=test): `exit_before_outbox_publish` (the
   * relay, between a commit and the publish of its events), `exit_after_commit_before_reply` (a unit
   * of work, between its commit and the reply of its RPC).
   */
  @IsIn(['', 'exit_before_outbox_publish', 'exit_after_commit_before_reply'])
  KPA_FAULT_INJECTION: '' | 'exit_before_outbox_publish' | 'exit_after_commit_before_reply' = '';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads the settings declared by `schema` from the environment and validates them.
 * Throws a ConfigError listing one line per problem (variable, what is wrong, what to set).
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env, defaults: Partial<Record<keyof T, unknown>> = {}): T {
  const declared = Object.keys(new schema());
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of declared) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(errors.map((error) => describe(error, raw)));
  return Object.freeze(config);
}

/** One line per variable: what is wrong, and the value it got (secrets hidden). */
function describe(error: ValidationError, raw: Record<string, unknown>): string {
  const all = Object.values(error.constraints ?? {}).map((message) => message.replace(new RegExp(`^${error.property} `), ''));
  const value = raw[error.property];
  // A missing value breaks every rule: its last message says what to set.
  const problems = value === undefined ? all.slice(-1) : all;
  const shown = value === undefined ? 'nothing' : /SECRET|PASSWORD/.test(error.property) ? '(hidden)' : JSON.stringify(value);
  return `${error.property} ${problems.join('; ')} (got ${shown})`;
}

/** For main.ts: load the config or print every problem and exit. */
export function loadConfigOrExit<T extends object>(schema: new () => T, defaults: Partial<Record<keyof T, unknown>> = {}): T {
  try {
    return loadConfig(schema, process.env, defaults);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
