import { join } from 'node:path';

/** The mail catcher of `npm start`: a real maildev on loopback, fed by nodemailer, read back from its API. */
interface Catcher {
  kind: 'external' | 'catcher' | 'unavailable';
  smtpUrl: string;
  webUrl?: string;
  reused?: boolean;
  child?: { kill(signal?: string): void; once(event: 'exit', listener: () => void): void };
}
const { startMailCatcher } = require(join(__dirname, '..', '..', 'scripts', 'lib', 'mail-catcher.js')) as {
  startMailCatcher(options: { root: string; env: Record<string, string | undefined> }): Promise<Catcher>;
};
const { readyBlock } = require(join(__dirname, '..', '..', 'scripts', 'lib', 'ready-block.js')) as { readyBlock(options: object): string };

const ROOT = join(__dirname, '..', '..');

describe('the mail catcher of npm start', () => {
  it('starts nothing when SMTP_URL names a mail server', async () => {
    expect(await startMailCatcher({ root: ROOT, env: { SMTP_URL: 'smtps://u:p@smtp.example.org:465' } })).toEqual({
      kind: 'external',
      smtpUrl: 'smtps://u:p@smtp.example.org:465',
    });
  });

  it('runs maildev otherwise, which keeps what the worker sends and shows it, and the ready block says where', async () => {
    const catcher = await startMailCatcher({ root: ROOT, env: {} });
    try {
      expect(catcher).toMatchObject({ kind: 'catcher', smtpUrl: 'smtp://127.0.0.1:1025', webUrl: 'http://127.0.0.1:1080' });
      const nodemailer = require('nodemailer');
      const subject = `Relance n°1 — facture ${Date.now()}`;
      await nodemailer.createTransport(catcher.smtpUrl).sendMail({ from: 'ne-pas-repondre@kpa-cite.localhost', to: 'client@example.org', subject, text: 'Bonjour' });
      const listed = (await (await fetch(`${catcher.webUrl}/api/email`)).json()) as { subject: string }[];
      expect(listed.map((mail) => mail.subject)).toContain(subject);

      const block = readyBlock({
        gatewayUrl: 'http://127.0.0.1:3000',
        services: [],
        admin: { email: 'a@b.fr', password: 'x' },
        secretsFile: 'secrets.env',
        fromEnvironment: [],
        mail: catcher,
      });
      expect(block).toContain('http://127.0.0.1:1080');
    } finally {
      if (catcher.child && !catcher.reused) {
        const exited = new Promise<void>((resolve) => catcher.child!.once('exit', resolve));
        catcher.child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
