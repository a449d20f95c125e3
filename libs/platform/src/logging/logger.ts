import { LoggerService } from '@nestjs/common';
import pino, { Logger, LevelWithSilent } from 'pino';
import { RequestContext } from '../context/request-context';

/**
 * Structured JSON logs on stdout, one line per event, with the request id of the current
 * request (if any) so a call can be followed from the gateway into each service.
 */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const context = RequestContext.current();
        return context ? { requestId: context.requestId, actor: context.actor } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** Lets Nest's own logs (bootstrap, routes, errors) go through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, traceOrContext?: string, context?: string) {
    const stack = context ? traceOrContext : undefined;
    this.logger.error({ context: context ?? traceOrContext, stack }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}

/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('LOGGER');
export type { Logger } from 'pino';
