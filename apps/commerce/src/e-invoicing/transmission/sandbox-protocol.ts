import { PaStatusReport } from './pa-adapter';
import { statusOfCode } from './transmission';

/**
 * What the two sandbox adapters (file-drop and http) read back from their PA: a JSON array of the
 * lifecycle statuses of one deposit, each `{ "code": 205, "occurredAt": "2026-12-05T10:00:00Z",
 * "reason": null }` — the reform's codes, so a sandbox can be fed what a real PA would say. Codes
 * the platform does not follow (201, 203, 204, 206–209, 211) are skipped; anything malformed is an
 * error that names what is wrong, kept on the transmission and retried.
 */
export function parseStatusReports(body: unknown, where: string): PaStatusReport[] {
  if (!Array.isArray(body)) throw new Error(`${where}: expected a JSON array of statuses`);
  return body.flatMap((entry, index) => {
    const item = entry as { code?: unknown; occurredAt?: unknown; reason?: unknown } | null;
    const code = typeof item?.code === 'string' ? Number(item.code) : item?.code;
    const occurredAt = typeof item?.occurredAt === 'string' ? new Date(item.occurredAt) : undefined;
    if (typeof code !== 'number' || !Number.isInteger(code)) throw new Error(`${where}: status ${index} has no integer code`);
    if (occurredAt === undefined || Number.isNaN(occurredAt.getTime())) throw new Error(`${where}: status ${index} has no occurredAt date`);
    if (item?.reason !== undefined && item.reason !== null && typeof item.reason !== 'string') throw new Error(`${where}: status ${index} has a reason that is not text`);
    const status = statusOfCode(code);
    if (status === undefined) return [];
    return [{ status, occurredAt, reason: typeof item?.reason === 'string' && item.reason.trim() !== '' ? item.reason.trim().slice(0, 500) : null }];
  });
}

/** A deposit's reference as a file name and a URL segment: the seller's SIREN and the number, nothing else. */
export function depositReference(sellerSiren: string, number: string): string {
  return `${sellerSiren}-${number}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
