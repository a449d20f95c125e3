/**
 * The routes whose body is a file: the raw bytes, streamed, never parsed as JSON (receipt-storage.ts
 * registers the content-type parser that lets them through; elsewhere those types are 415).
 */
export const RECEIPT_ROUTE = '/v1/sites/:siteId/expenses/:expenseId/receipt';
export const LOGO_ROUTE = '/v1/host-structures/:hostStructureId/logo';

export const RAW_BODY_ROUTES: ReadonlySet<string> = new Set([RECEIPT_ROUTE, LOGO_ROUTE]);
