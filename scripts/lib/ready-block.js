'use strict';

const { colours } = require('./output');

/** The block printed once everything answers: where the API is and how to log in. */
function readyBlock({ gatewayUrl, services, admin, secretsFile, fromEnvironment, demo }) {
  const rule = colours.gray('─'.repeat(72));
  const row = (label, value) => `  ${colours.bold(label.padEnd(10))}${value}`;
  const lines = [
    '',
    rule,
    colours.green(colours.bold(`  KPA-Cité is running: ${services.length} services ready`)),
    '',
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
    row('Secrets', `${secretsFile}${fromEnvironment.length ? colours.gray(`  (from the environment: ${fromEnvironment.join(', ')})`) : ''}`),
  ];
  if (demo) lines.push('', ...demoLines(demo));
  lines.push('', `  ${colours.bold('Ctrl-C to stop.')}`, rule, '');
  return lines.join('\n');
}

function demoLines(demo) {
  if (demo.error) return [`  ${colours.yellow('Demo data: not loaded')} (see the error above; the platform runs anyway)`];
  const width = Math.max(...demo.logins.map((login) => login.email.length));
  return [
    `  ${colours.bold('Demo logins')} ${colours.gray(`(passwords in ${demo.file})`)}`,
    ...demo.logins.map((login) =>
      login.password
        ? `    ${login.email.padEnd(width)}  ${login.password}  ${login.site}`
        : `    ${login.email.padEnd(width)}  ${colours.yellow('(existed with a password not in demo.env)')}  ${login.site}`,
    ),
  ];
}

module.exports = { readyBlock };
