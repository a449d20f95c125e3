import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every response of the gateway, by the maintained plugin rather than by hand:
 * nosniff, no referrer, no framing, and a Content-Security-Policy that Swagger UI (/docs) lives
 * with: its scripts and stylesheet come from the gateway itself, its page has one inline <style>
 * and its icons are data: images. HSTS is the TLS edge's header (deploy/README.md): the gateway
 * speaks plain HTTP behind it, and `upgrade-insecure-requests` would break /docs on a developer's
 * http://127.0.0.1.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
  });
}
