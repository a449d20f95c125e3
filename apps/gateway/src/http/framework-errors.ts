import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { Logger } from '@kpa/platform';
import { toHttpError } from './http-error.filter';

/**
 * The errors Fastify and Node answer before Nest sees the request, in the error contract too:
 * the router's (a path parameter over 100 characters, a malformed URL) and the HTTP parser's
 * (headers over 16 KiB, a request that never ends), which otherwise answer Fastify's own shape.
 */
export function frameworkErrorHandlers(logger: Logger): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  return {
    frameworkErrors: (error: Error, _request: FastifyRequest, reply: FastifyReply) => {
      const { statusCode, body, headers } = toHttpError(error, logger);
      void reply.status(statusCode).headers(headers).send(body);
    },
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      // A reset connection has no one left to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      const { statusCode, body } = toHttpError(Object.assign(new Error(error.message), { statusCode: status }), logger);
      const json = JSON.stringify(body);
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
        );
      }
      socket.destroy(error);
    },
  };
}
