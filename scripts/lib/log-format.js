'use strict';

const { colours } = require('./output');

/**
 * The services log pino JSON lines ({level, time, service, message, requestId?, err?}).
 * In a terminal one line per event reads better:
 *   12:03:04 gateway       info  POST /v1/sites 201  (requestId=…)
 * Lines that are not JSON (a crash before the logger exists) pass through unchanged.
 */

const PINO_LEVELS = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const LEVEL_COLOURS = {
  trace: colours.gray,
  debug: colours.gray,
  info: colours.green,
  warn: colours.yellow,
  error: colours.red,
  fatal: colours.magenta,
};
const SERVICE_COLOURS = [colours.cyan, colours.magenta, colours.blue, colours.yellow, colours.green, colours.red];

// Fields of the platform's request logs worth a glance ("http request GET /v1/sites 200 4.2 ms");
// the rest stays in the raw JSON (--json).
const SUMMARY_FIELDS = ['method', 'url', 'status', 'subject', 'outcome', 'code', 'durationMs'];

function summary(entry) {
  const parts = SUMMARY_FIELDS.filter((field) => entry[field] !== undefined && entry[field] !== null && typeof entry[field] !== 'object').map((field) =>
    field === 'durationMs' ? `${entry[field]} ms` : String(entry[field]),
  );
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function parseEntry(line) {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line);
    return entry && typeof entry === 'object' && ('message' in entry || 'msg' in entry) ? entry : null;
  } catch {
    return null;
  }
}

/** HH:MM:SS in local time: the date is noise for a developer watching a terminal. */
function clockTime(value) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '--:--:--';
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function levelName(level) {
  return typeof level === 'number' ? PINO_LEVELS[level] || String(level) : String(level || 'info');
}

/** The error's message when it adds something, and its stack for errors (indented, dimmed). */
function errorDetails(entry, level) {
  const err = entry.err && typeof entry.err === 'object' ? entry.err : undefined;
  const message = String(entry.message ?? entry.msg ?? '');
  const suffix = err && err.message && !message.includes(err.message) ? `: ${err.message}` : '';
  const stack = (err && err.stack) || entry.stack;
  const showStack = (level === 'error' || level === 'fatal') && typeof stack === 'string';
  const stackLines = showStack
    ? stack
        .split('\n')
        .slice(err ? 1 : 0, 12)
        .map((line) => colours.dim(`      ${line.trim()}`))
    : [];
  return { suffix, stackLines };
}

/**
 * Returns format(service, line) -> text (possibly several lines) for a service's log line.
 * `names` pads the service column and fixes each service's colour.
 */
function createFormatter(names) {
  const width = Math.max(...names.map((name) => name.length));
  const serviceColour = new Map(names.map((name, index) => [name, SERVICE_COLOURS[index % SERVICE_COLOURS.length]]));

  return function format(service, line) {
    const entry = parseEntry(line);
    if (!entry) return line;
    const level = levelName(entry.level);
    const paintLevel = LEVEL_COLOURS[level] || ((text) => text);
    const paintService = serviceColour.get(service) || ((text) => text);
    const { suffix, stackLines } = errorDetails(entry, level);
    const message = `${entry.message ?? entry.msg}${summary(entry)}${suffix}`;
    const context = entry.requestId ? colours.gray(`  (requestId=${entry.requestId})`) : '';
    const head = `${colours.gray(clockTime(entry.time))} ${paintService((entry.service || service).padEnd(width))} ${paintLevel(level.padEnd(5))} ${level === 'error' || level === 'fatal' ? paintLevel(message) : message}${context}`;
    return [head, ...stackLines].join('\n');
  };
}

module.exports = { createFormatter, parseEntry, clockTime };
