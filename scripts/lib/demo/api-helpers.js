'use strict';

const { ApiError } = require('../api-client');

/** Matches on the API's error code, not the status: the code is the contract. */
function hasCode(error, ...codes) {
  return error instanceof ApiError && codes.includes(error.body?.code);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `action` while it fails with one of `codes`: the services learn of each other's records
 * through events (a member registered in membership reaches commerce and remuneration a moment
 * later), so the demo waits for them instead of failing. Gives up after about 20 s.
 */
async function retryWhile(codes, action) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!hasCode(error, ...codes) || attempt >= 100) throw error;
      await sleep(200);
    }
  }
}

/** Polls `probe` until it returns something truthy (about 20 s), else throws saying what was awaited. */
async function until(what, probe) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await probe();
    if (value) return value;
    await sleep(200);
  }
  throw new Error(`The demo waited too long for ${what}.`);
}

module.exports = { hasCode, sleep, retryWhile, until };
