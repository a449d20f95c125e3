/**
 * What happens to a message after a send attempt, as pure decisions (docs/worker.md, e-mail):
 * a permanent refusal (SMTP 5xx) fails it at once; anything else (4xx, connection lost, timeout)
 * retries with a growing delay until the attempts are spent.
 */

/** Delays before the 2nd, 3rd… attempt: 1 min, 5 min, 15 min, 1 h, 3 h (then the last delay again). */
export const RETRY_DELAYS_SECONDS = [60, 300, 900, 3600, 10800] as const;

export interface SendFailure {
  /** The SMTP reply code when the server answered (nodemailer's `responseCode`). */
  responseCode?: number;
  message: string;
}

export type AfterFailure = { kind: 'retry'; at: Date; error: string } | { kind: 'failed'; error: string };

export function isPermanentRefusal(failure: SendFailure): boolean {
  return failure.responseCode !== undefined && failure.responseCode >= 500 && failure.responseCode <= 599;
}

/** `attempts` counts the attempt that just failed. */
export function afterFailure(failure: SendFailure, attempts: number, maxAttempts: number, now: Date): AfterFailure {
  const error = describeFailure(failure);
  if (isPermanentRefusal(failure)) return { kind: 'failed', error: `refused by the mail server: ${error}` };
  if (attempts >= maxAttempts) return { kind: 'failed', error: `gave up after ${attempts} attempts: ${error}` };
  const delay = RETRY_DELAYS_SECONDS[Math.min(attempts - 1, RETRY_DELAYS_SECONDS.length - 1)];
  return { kind: 'retry', at: new Date(now.getTime() + delay * 1000), error };
}

function describeFailure(failure: SendFailure): string {
  const text = failure.message.replace(/\s+/g, ' ').trim().slice(0, 500);
  return failure.responseCode !== undefined && !text.startsWith(String(failure.responseCode)) ? `${failure.responseCode} ${text}` : text;
}

/**
 * The From header: the site's name before the region's address (MAIL_FROM), so the recipient sees who
 * writes; the region's own name when the message is not about one site.
 */
export function senderOf(mailFrom: { name: string; address: string }, siteName: string | null): { name: string; address: string } {
  if (!siteName) return mailFrom;
  // A display name is one line without the characters that end it.
  const clean = siteName
    .replace(/[\r\n"<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return { name: clean ? `${clean} (${mailFrom.name})` : mailFrom.name, address: mailFrom.address };
}

/** Parses MAIL_FROM: `Name <address>` or a bare address. */
export function parseMailFrom(value: string): { name: string; address: string } | undefined {
  const match = /^\s*(?:"?([^"<>]*?)"?\s*<([^\s<>@]+@[^\s<>@]+)>|([^\s<>@]+@[^\s<>@]+))\s*$/.exec(value);
  if (!match) return undefined;
  const address = match[2] ?? match[3];
  return { name: (match[1] ?? '').trim() || 'KPA-Cité', address };
}
