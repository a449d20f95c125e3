'use strict';

const net = require('node:net');
const path = require('node:path');
const { spawn } = require('node:child_process');

/** The local mail catcher's ports (maildev's own defaults). */
const SMTP_PORT = 1025;
const WEB_PORT = 1080;

function portFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function portAnswers(port, host) {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * What `npm start` does about e-mail (docs/worker.md): with SMTP_URL set, the worker sends there and
 * nothing is started. Otherwise maildev runs beside the services, on 127.0.0.1 only, keeping every
 * message in memory, and SMTP_URL points the worker at it. Returns
 * { kind: 'external' | 'catcher' | 'unavailable', smtpUrl, webUrl?, child?, reason? }.
 */
async function startMailCatcher({ root, env, host = '127.0.0.1' }) {
  if (env.SMTP_URL) return { kind: 'external', smtpUrl: env.SMTP_URL };
  const smtpUrl = `smtp://${host}:${SMTP_PORT}`;
  const webUrl = `http://${host}:${WEB_PORT}`;
  const [smtpFree, webFree] = await Promise.all([portFree(SMTP_PORT, host), portFree(WEB_PORT, host)]);
  if (!smtpFree || !webFree) {
    // Most likely a mail catcher started by hand (or a previous run's): use it if it answers SMTP.
    if (!smtpFree && (await portAnswers(SMTP_PORT, host))) return { kind: 'catcher', smtpUrl, webUrl, reused: true };
    return { kind: 'unavailable', smtpUrl, reason: `port ${smtpFree ? WEB_PORT : SMTP_PORT} on ${host} is taken` };
  }
  const bin = path.join(root, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const child = spawn(
    process.execPath,
    [bin, '--smtp', String(SMTP_PORT), '--ip', host, '--web', String(WEB_PORT), '--web-ip', host, '--hide-extensions', 'STARTTLS', '--max-emails', '500'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Its output is not the platform's: kept out of the terminal, but a failure to start is reported.
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const started = await new Promise((resolve) => {
    const deadline = Date.now() + 10_000;
    const poll = async () => {
      if (child.exitCode !== null) return resolve(false);
      if (await portAnswers(SMTP_PORT, host)) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(poll, 100);
    };
    poll();
  });
  if (!started) {
    child.kill('SIGKILL');
    return { kind: 'unavailable', smtpUrl, reason: `maildev did not start: ${output.trim().split('\n').slice(-3).join(' ') || 'no output'}` };
  }
  return { kind: 'catcher', smtpUrl, webUrl, child };
}

module.exports = { startMailCatcher, SMTP_PORT, WEB_PORT };
