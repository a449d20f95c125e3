'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

/**
 * Small KEY=VALUE files in .local/ (git-ignored): the local secrets and the demo passwords.
 * Generated once and reused, so the admin password stays the one the database knows.
 */

function readEnvFile(file) {
  const values = {};
  if (!fs.existsSync(file)) return values;
  for (const rawLine of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals).trim();
    let value = line.slice(equals + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    values[key] = value;
  }
  return values;
}

function writeEnvFile(file, values, header) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const lines = [...header.map((line) => `# ${line}`), ...Object.entries(values).map(([key, value]) => `${key}=${value}`), ''];
  // 0600: these are passwords; the file is rewritten whole, then renamed, so it is never half-written.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, lines.join('\n'), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/**
 * Reads `file` and generates the keys it lacks (all of them the first time). Existing values
 * are never replaced. Returns { values, generated: [keys] }.
 */
function loadOrCreateEnvFile(file, generators, header) {
  const values = readEnvFile(file);
  const generated = [];
  for (const [key, generate] of Object.entries(generators)) {
    if (values[key] === undefined || values[key] === '') {
      values[key] = generate();
      generated.push(key);
    }
  }
  if (generated.length > 0) writeEnvFile(file, values, header);
  return { values, generated };
}

/** A random password for humans: base64url, so it survives shells, URLs and env files unquoted. */
function randomPassword(length = 20) {
  for (;;) {
    const password = crypto
      .randomBytes(Math.ceil((length * 3) / 4))
      .toString('base64url')
      .slice(0, length);
    // A leading '-' reads as an option when pasted on a command line (curl, psql…): draw again.
    if (/^[A-Za-z0-9]/.test(password)) return password;
  }
}

/** Environment values win over the file; an empty variable counts as unset, as in the services' config. */
function withEnvironmentOverrides(values, env = process.env) {
  const merged = { ...values };
  const fromEnvironment = [];
  for (const key of Object.keys(values)) {
    if (env[key] !== undefined && env[key] !== '') {
      merged[key] = env[key];
      fromEnvironment.push(key);
    }
  }
  return { values: merged, fromEnvironment };
}

module.exports = { readEnvFile, writeEnvFile, loadOrCreateEnvFile, randomPassword, withEnvironmentOverrides };
