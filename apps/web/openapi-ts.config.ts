import { defineConfig } from '@hey-api/openapi-ts';

/**
 * The console's API client, generated from the gateway's OpenAPI document (`npm run generate:client`):
 * types and one function per operation over the fetch client. Never edited by hand; the e2e test
 * web-client.e2e-spec.ts fails when it is stale.
 */
export default defineConfig({
  input: process.env.KPA_OPENAPI_INPUT ?? 'apps/web/openapi.json',
  output: { path: process.env.KPA_CLIENT_OUTPUT ?? 'apps/web/src/api/generated' },
  plugins: ['@hey-api/typescript', '@hey-api/sdk', '@hey-api/client-fetch'],
});
