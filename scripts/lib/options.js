'use strict';

const { StartError } = require('./output');

const HELP = `Usage: npm start [-- options]      (or: node scripts/start.js [options])

Starts the whole KPA-Cité platform on this machine in one terminal: installs the
dependencies if needed, builds, creates local secrets and the database, starts the six
services (gateway, membership, commerce, remuneration, networking, worker) and waits
until they are ready. Needs PostgreSQL, Redis and NATS (JetStream) on 127.0.0.1.

Options:
  --demo         once the platform is ready, load a demo region through the API (a CAE,
                 the sites La Cape and Kpa-Moulins, a coordinator per site); safe to repeat
  --json         print the services' raw JSON log lines instead of the readable form
  --no-install   do not check the dependencies (skips npm install)
  --no-build     do not build (skips npm run build); dist/ must already be built
  -h, --help     print this help

Environment (optional, values set here win over .local/secrets.env):
  DATABASE_URL   default postgres://postgres@127.0.0.1:5432/kpa (created if missing)
  REDIS_URL      default redis://127.0.0.1:6379
  NATS_URL       default nats://127.0.0.1:4222
  JWT_SECRET, CURSOR_SECRET, KPA_ADMIN_EMAIL, KPA_ADMIN_PASSWORD, LOG_LEVEL, ...

Ctrl-C stops every service gracefully; a second Ctrl-C kills them at once.
`;

/** Reads the command line; unknown options are an error rather than silently ignored. */
function parseOptions(argv) {
  const options = { demo: false, json: false, install: true, build: true, help: false };
  for (const arg of argv) {
    switch (arg) {
      case '--demo':
        options.demo = true;
        break;
      case '--json':
        options.json = true;
        break;
      case '--no-install':
        options.install = false;
        break;
      case '--no-build':
        options.build = false;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new StartError(`Unknown option ${arg}.`, 'Run `npm start -- --help` for the options.');
    }
  }
  return options;
}

module.exports = { parseOptions, HELP };
