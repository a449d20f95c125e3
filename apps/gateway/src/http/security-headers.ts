import helmet from '@fastify/helmet';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every response of the gateway, by the maintained plugin rather than by hand:
 * nosniff, no referrer, no framing, and a Content-Security-Policy that Swagger UI (/docs) and the
 * web console (/) live with. Swagger UI: its scripts and stylesheet come from the gateway itself,
 * its page has one inline <style> and its icons are data: images. The console is a Vite build:
 * module scripts from /assets/ ('self'; Vite inlines no script), fetch() to the API on the same
 * origin (connect-src 'self'), and blob: for what the page makes from an API answer (a receipt
 * photo before upload, a PDF shown in the page). No 'unsafe-inline' or 'unsafe-eval' for scripts:
 * an injected <script> does not run. HSTS is the TLS edge's header (deploy/README.md): the gateway
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
        'connect-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'frame-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: false,
  });
}
