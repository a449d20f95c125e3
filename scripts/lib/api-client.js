'use strict';

const crypto = require('node:crypto');

const REQUEST_TIMEOUT_MS = 15000;

/** An answer of the API other than the expected one; its message shows the API's error body. */
class ApiError extends Error {
  constructor(method, path, status, body) {
    const code = body && typeof body === 'object' && body.code ? `${body.code}: ` : '';
    const text = body && typeof body === 'object' ? body.message || JSON.stringify(body) : String(body || '').slice(0, 300);
    const details = body && typeof body === 'object' && body.details ? `\n    details: ${JSON.stringify(body.details)}` : '';
    super(`${method} ${path} answered ${status}: ${code}${text}${details}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/**
 * A minimal JSON client of the gateway (Node's fetch). Every POST carries a fresh
 * Idempotency-Key, as the API asks of writes.
 */
function createApiClient(baseUrl) {
  let accessToken = null;

  async function request(method, path, body) {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`${method} ${path} failed: ${error.cause?.message || error.message}`, { cause: error });
    }
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (a proxy's HTML page…): keep the text for the error message
    }
    return { status: response.status, body: parsed };
  }

  /** The body when the status is one of `expected`, an ApiError otherwise. */
  async function call(method, path, body, expected) {
    const response = await request(method, path, body);
    if (!expected.includes(response.status)) throw new ApiError(method, path, response.status, response.body);
    return response.body;
  }

  /** PUTs a file as the raw body (a logo, a receipt); the JSON answer when the status is one of `expected`. */
  async function putFile(path, bytes, contentType, expected) {
    const headers = { accept: 'application/json', 'content-type': contentType };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let response;
    try {
      response = await fetch(`${baseUrl}${path}`, { method: 'PUT', headers, body: bytes, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      throw new Error(`PUT ${path} failed: ${error.cause?.message || error.message}`, { cause: error });
    }
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    if (!expected.includes(response.status)) throw new ApiError('PUT', path, response.status, parsed);
    return parsed;
  }

  /** Every item of a paginated list ({items, nextCursor}). */
  async function listAll(path) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < 100; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const url = cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path;
      const body = await call('GET', url, undefined, [200]);
      items.push(...(body.items || []));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  async function login(email, password) {
    const body = await call('POST', '/auth/login', { email, password }, [200]);
    accessToken = body.accessToken;
    return body;
  }

  return { request, call, putFile, listAll, login };
}

module.exports = { createApiClient, ApiError };
