import { ArgumentsHost, Catch, Inject, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { v4 as uuidv4 } from 'uuid';
import { DomainError, ErrorBody } from '@kpa/contracts';
import { LOGGER, Logger } from '../logging/logger';

/**
 * Every error leaves a service as `{ code, message, details }`. A DomainError says what to fix;
 * anything else is a bug: logged with an error id, and only the id travels.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<ErrorBody> {
    if (exception instanceof DomainError) return throwError(() => exception.toBody());
    const errorId = uuidv4();
    this.logger.error({ err: exception, errorId }, 'unexpected error in RPC handler');
    return throwError(() => ({
      code: 'INTERNAL_ERROR',
      message: `Erreur interne. Référence : ${errorId}`,
      details: { errorId },
    }));
  }
}
