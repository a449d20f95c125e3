'use strict';

/**
 * Terminal output of `npm start`: colours only on a TTY (NO_COLOR / FORCE_COLOR honoured, see
 * no-color.org), so logs piped to a file or a CI console stay free of escape codes.
 */

function colourWanted(stream) {
  if ('NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const useColour = colourWanted(process.stdout);

function paint(code) {
  return (text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : String(text));
}

const colours = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  blue: paint('34'),
  magenta: paint('35'),
  cyan: paint('36'),
  gray: paint('90'),
};

/** A step of the start-up ("Installing dependencies…"), set apart from the services' logs. */
function step(message) {
  process.stdout.write(`${colours.cyan('▸')} ${colours.bold(message)}\n`);
}

function info(message) {
  process.stdout.write(`  ${message}\n`);
}

function warn(message) {
  process.stderr.write(`${colours.yellow('!')} ${colours.yellow(message)}\n`);
}

function error(message) {
  process.stderr.write(`${colours.red('✖')} ${colours.red(message)}\n`);
}

/** An error meant for the user: printed as is, without a stack trace, then `npm start` exits 1. */
class StartError extends Error {
  constructor(message, hint) {
    super(message);
    this.name = 'StartError';
    this.hint = hint;
  }
}

module.exports = { colours, useColour, step, info, warn, error, StartError };
