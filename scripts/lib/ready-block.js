'use strict';

const { colours } = require('./output');

/**
 * The block printed once everything answers: where the console and the API are and how to log in.
 * The console's address comes first (it is what a person opens); `webConsole.built` says whether
 * dist/web/index.html exists, which the gateway serves at `/`.
 */
function readyBlock({ gatewayUrl, services, admin, secretsFile, fromEnvironment, mail, demo, webConsole = { built: true } }) {
  const rule = colours.gray('─'.repeat(72));
  const row = (label, value) => `  ${colours.bold(label.padEnd(10))}${value}`;
  const lines = [
    '',
    rule,
    colours.green(colours.bold(`  KPA-Cité is running: ${services.length} services ready`)),
    '',
    row('Console', `${gatewayUrl}/`),
    ...(webConsole.built ? [] : [colours.yellow('            not built: dist/web/index.html is missing (npm run build builds it); the API works meanwhile')]),
    row('API', `${gatewayUrl}/v1`),
    row('Docs', `${gatewayUrl}/docs`),
    row('OpenAPI', `${gatewayUrl}/openapi.json`),
    '',
    row('Admin', admin.email),
    row('Password', admin.password),
    ...(admin.login === 'wrong'
      ? [
          colours.yellow('            this password does not open the admin account: it existed before with another one'),
          colours.yellow('            (the gateway creates the admin only when missing). Use the old password or a fresh database.'),
        ]
      : []),
    ...(mail ? [row('Mails', mailLine(mail))] : []),
    row('Secrets', `${secretsFile}${fromEnvironment.length ? colours.gray(`  (from the environment: ${fromEnvironment.join(', ')})`) : ''}`),
  ];
  if (demo) lines.push('', ...demoLines(demo));
  lines.push('', `  ${colours.bold('Ctrl-C to stop.')}`, rule, '');
  return lines.join('\n');
}

/** Where the e-mails the worker sends can be read. */
function mailLine(mail) {
  if (mail.kind === 'catcher')
    return `${mail.webUrl}  ${colours.gray(`(local mail catcher: every e-mail the platform sends lands here${mail.reused ? ', already running' : ''})`)}`;
  if (mail.kind === 'external') return `sent through SMTP_URL ${colours.gray('(set in the environment)')}`;
  return colours.yellow(`no mail catcher: ${mail.reason}`);
}

function demoLines(demo) {
  if (demo.error) return [`  ${colours.yellow('Demo data: not loaded')} (see the error above; the platform runs anyway)`];
  const width = Math.max(...demo.logins.map((login) => login.email.length));
  return [
    `  ${colours.bold('Demo logins')} ${colours.gray(`(for the console and the API; passwords in ${demo.file})`)}`,
    ...demo.logins.map((login) =>
      login.password
        ? `    ${login.email.padEnd(width)}  ${login.password}  ${login.site}`
        : `    ${login.email.padEnd(width)}  ${colours.yellow('(existed with a password not in demo.env)')}  ${login.site}`,
    ),
  ];
}

module.exports = { readyBlock };
