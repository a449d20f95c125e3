import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthService } from './health.service';
import { Public } from '../http/public';

/** Liveness and readiness, the same on every service; metrics have a listener of their own (metrics-server.ts). */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'live' };
  }

  @Get('health/ready')
  async ready(@Res() reply: FastifyReply) {
    const report = await this.health.readiness();
    await reply.status(report.status === 'ready' ? 200 : 503).send(report);
  }
}
