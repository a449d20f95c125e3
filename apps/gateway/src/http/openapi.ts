import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI document at /openapi.json and browsable docs at /docs, generated from the DTOs. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('KPA-Cité regional platform API')
    .setDescription(
      [
        'API of the KPA-Cité neighbourhood cooperatives, one per site:',
        '- the network: host structures, sites and their users (coordinators, members, accountants), figures;',
        '- members: member files, CAPE contracts, journeys, interviews, follow-up; export, erasure and import of member files;',
        '- commerce: clients, catalogue, quotes, missions, invoices with their payments and credit notes, receivables, expenses with their receipts, PDF documents;',
        '- remuneration: contributions, settings, pay periods with their objections and peer recognition, a pay simulator.',
        '',
        'Log in with POST /v1/auth/login, then send `Authorization: Bearer <accessToken>`; renew the pair with POST /v1/auth/refresh.',
        'The web console (served at /) uses POST /v1/auth/console/login, …/refresh and …/logout instead: the refresh token travels in the HttpOnly cookie kpa_refresh.',
        'Every error is `{ statusCode, code, message, details? }`; `code` is stable. Too many requests get 429 with `Retry-After`.',
        'POST requests accept an `Idempotency-Key` header: the same key and body replay the first response for 24 hours.',
        'Money is a decimal string ("152.05"), dates YYYY-MM-DD, enumerations lower_snake_case, lists `{ items, nextCursor }`.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth()
    .addGlobalParameters({ name: 'x-request-id', in: 'header', required: false, description: 'Your request id, echoed back and found in every service log' })
    .build();
  const document = withNullableEnums(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
}

/**
 * OpenAPI 3.0 says a nullable enum lists `null` among its values (3.0.3's clarification); the
 * decorators write `nullable: true` alone, which generated clients read as never null.
 */
export function withNullableEnums<T>(document: T): T {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const schema = node as { nullable?: boolean; enum?: unknown[] };
    if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
    Object.values(node).forEach(visit);
  };
  visit(document);
  return document;
}
