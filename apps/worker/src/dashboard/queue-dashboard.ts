import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { QueueRegistry } from '../jobs/queue-registry';
import { WorkerConfig } from '../worker.config';
import { DASHBOARD_COOKIE, dashboardAccess } from './dashboard-access';

export const DASHBOARD_PATH = '/queues';
/** The dashboard cookie lasts as long as the token it carries at most. */
const COOKIE_SECONDS = 600;

/**
 * Bull Board on the worker's HTTP port at /queues, behind the dashboard token (dashboard-access.ts):
 * every request of the plugin (pages, its API, its assets) is checked first. The worker's port is
 * not published: ops reach it through a tunnel (docs/worker.md).
 */
export async function registerQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const config = app.get(WorkerConfig);
  const registry = app.get(QueueRegistry);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: registry.queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/fastify 9.10.1 carries its own copy of @bull-board/api 9.10.1 (we have 9.10.2): the
    // same adapter interface, declared twice. Aligning the two versions in package.json removes this cast.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'KPA-Cité — files de tâches' } },
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(
    async (scope) => {
      // Exchanges a dashboard token given in the URL for an HttpOnly cookie, then shows the board.
      scope.get('/login', async (request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) => {
        const token = typeof request.query.token === 'string' ? request.query.token : undefined;
        const access = dashboardAccess({ authorization: token ? `Bearer ${token}` : undefined }, config.JWT_SECRET);
        if (!access.allowed)
          return reply.code(access.status).send({ statusCode: access.status, code: access.status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED', message: access.message });
        const secure = config.NODE_ENV === 'production' ? '; Secure' : '';
        return reply
          .header('set-cookie', `${DASHBOARD_COOKIE}=${access.token}; HttpOnly; SameSite=Strict; Path=${DASHBOARD_PATH}; Max-Age=${COOKIE_SECONDS}${secure}`)
          .header('cache-control', 'no-store')
          .redirect(DASHBOARD_PATH, 303);
      });
      await scope.register(async (board) => {
        board.addHook('onRequest', async (request, reply) => {
          const access = dashboardAccess({ authorization: request.headers.authorization, cookie: request.headers.cookie }, config.JWT_SECRET);
          if (!access.allowed) {
            return reply.code(access.status).send({ statusCode: access.status, code: access.status === 403 ? 'FORBIDDEN' : 'UNAUTHENTICATED', message: access.message });
          }
        });
        await board.register(serverAdapter.registerPlugin());
      });
    },
    { prefix: DASHBOARD_PATH },
  );
}
