#!/usr/bin/env node
/**
 * Writes the gateway's OpenAPI document (the one it serves at /openapi.json) without starting
 * anything: the built gateway module is created in Nest's preview mode, which reads the controllers'
 * decorators but instantiates no provider, so no database, NATS or Redis is needed.
 * Usage: node scripts/openapi-document.js [out.json] (after `npm run build`; default apps/web/openapi.json).
 */
require('reflect-metadata');
const { writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

const ROOT = join(__dirname, '..');
const dist = (path) => join(ROOT, 'dist', path);

async function main() {
  const out = resolve(process.argv[2] ?? join(ROOT, 'apps/web/openapi.json'));
  const { createLogger, loadConfig } = require(dist('libs/platform/src'));
  const { GatewayConfig, GATEWAY_DEFAULTS } = require(dist('apps/gateway/src/gateway.config'));
  const { GatewayModule } = require(dist('apps/gateway/src/gateway.module'));
  const { setUpOpenApi } = require(dist('apps/gateway/src/http/openapi'));
  // Only the document is wanted: a placeholder secret satisfies the config's validation.
  const config = loadConfig(GatewayConfig, { ...process.env, JWT_SECRET: 'openapi-document-only-openapi-document-only' }, GATEWAY_DEFAULTS);
  const app = await NestFactory.create(GatewayModule.register(config, createLogger('gateway', 'error')), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  setUpOpenApi(app);
  await app.init();
  const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/openapi.json' });
  await app.close();
  if (response.statusCode !== 200) throw new Error(`the gateway answered ${response.statusCode} for /openapi.json`);
  writeFileSync(out, `${JSON.stringify(JSON.parse(response.body), null, 2)}\n`);
  process.stdout.write(`OpenAPI document written to ${out}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
