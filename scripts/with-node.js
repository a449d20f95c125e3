#!/usr/bin/env node
'use strict';

/**
 * `node scripts/with-node.js <command> [args…]`: runs the command on Node 24, fetched into
 * .local/node24 when this machine's Node is older (scripts/lib/runtime.js).
 * `node scripts/with-node.js --bin-dir` prints the folder to put first on the PATH (CI does).
 */

const path = require('node:path');
const { supportedNode, runWithSupportedNode } = require('./lib/runtime');

const ROOT = path.resolve(__dirname, '..');
const [command, ...args] = process.argv.slice(2);

try {
  if (!command) {
    process.stderr.write('Usage: node scripts/with-node.js <command> [args…] | --bin-dir\n');
    process.exit(2);
  } else if (command === '--bin-dir') {
    process.stdout.write(`${path.dirname(supportedNode(ROOT))}\n`);
  } else {
    runWithSupportedNode(ROOT, command, args);
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
