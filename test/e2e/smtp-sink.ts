import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ParsedMail, simpleParser } from 'mailparser';

/** What an in-process SMTP server received, by the platform's `X-KPA-Mail-Key` header. */
export interface SmtpSink {
  received: ParsedMail[];
  byKey(key: string): ParsedMail[];
}

/**
 * An SMTP server in this test process, for the worker's real sender to deliver to: sets `SMTP_URL`
 * (and a one-second send sweep) in `env` before the platform boots — call it before `usePlatform(…, env)`.
 * Recipients whose address starts with `inconnu` are refused (550), as a real server refuses a mailbox.
 */
export function useSmtpSink(env: Record<string, string>): SmtpSink {
  const received: ParsedMail[] = [];
  let smtp: SMTPServer | undefined;
  env.MAIL_SEND_INTERVAL_SECONDS ??= '1';
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('inconnu')) return callback(Object.assign(new Error('5.1.1 Mailbox unknown'), { responseCode: 550 }));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => received.push(mail))
          .then(() => callback(), callback);
      },
    });
    await new Promise<void>((resolve) => smtp!.listen(0, '127.0.0.1', resolve));
    env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve())));
  return { received, byKey: (key) => received.filter((mail) => mail.headers.get('x-kpa-mail-key') === key) };
}
