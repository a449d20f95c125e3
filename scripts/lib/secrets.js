'use strict';

const path = require('node:path');
const crypto = require('node:crypto');
const { loadOrCreateEnvFile, randomPassword, withEnvironmentOverrides } = require('./env-file');

const SECRETS_FILE = path.join('.local', 'secrets.env');

const GENERATORS = {
  JWT_SECRET: () => crypto.randomBytes(48).toString('base64'),
  // Signs pagination cursors: all six services get the same one, as in production.
  CURSOR_SECRET: () => crypto.randomBytes(48).toString('base64'),
  KPA_ADMIN_EMAIL: () => 'admin@kpa.local',
  // Never a fixed default: a known password on a platform holding members' data is a hole.
  KPA_ADMIN_PASSWORD: () => randomPassword(20),
};

const HEADER = [
  'Local secrets of `npm start`, generated once and reused (this folder is git-ignored).',
  'Variables set in the environment win over these values.',
  'The gateway creates the admin only when no user has KPA_ADMIN_EMAIL: changing the password',
  'here does not change it in an existing database.',
];

/**
 * The secrets the services need locally: JWT_SECRET for the gateway's tokens, CURSOR_SECRET for
 * every service's pagination cursors, and the first
 * admin's credentials. Returns { values, file, generated, fromEnvironment }.
 */
function loadSecrets(root) {
  const file = path.join(root, SECRETS_FILE);
  const { values, generated } = loadOrCreateEnvFile(file, GENERATORS, HEADER);
  const effective = withEnvironmentOverrides(values);
  return { values: effective.values, fromEnvironment: effective.fromEnvironment, generated, file: SECRETS_FILE };
}

module.exports = { loadSecrets, SECRETS_FILE };
