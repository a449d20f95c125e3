import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';

/**
 * Paths the console never answers: the API and the operational routes. An unknown `/v1/...` must
 * stay the API's JSON 404 (ROUTE_NOT_FOUND), never index.html, or a client with a typo in a path
 * would parse a web page as JSON.
 */
const RESERVED = ['/v1', '/public', '/health', '/metrics', '/docs', '/openapi.json', '/openapi.yaml'];

/** Vite puts the hashed (content-addressed) files under assets/: a new build has new names. */
const ASSETS_PREFIX = '/assets/';

export const INDEX_CACHE_CONTROL = 'no-cache';
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The path of a request URL, without its query string. */
export function pathnameOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** `/v1`, `/v1/...`, `/docs/...`: the API's and the operations' own paths (matched whole segments, so `/v1beta` is the console's). */
export function isReservedPath(pathname: string): boolean {
  return RESERVED.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** What the browser may keep: index.html is revalidated every time (it names the current build's assets); hashed assets are kept a year. */
export function cacheControlFor(pathname: string): string {
  return pathname.startsWith(ASSETS_PREFIX) ? ASSET_CACHE_CONTROL : INDEX_CACHE_CONTROL;
}

/**
 * The file under `root` a request path names, as a path relative to root, or undefined when it
 * names none: undecodable, a NUL byte, a dot segment or dotfile (`..`, `.env`), outside root.
 * Pure: the caller checks the file exists.
 */
export function fileCandidate(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 || segments.some((segment) => segment.startsWith('.'))) return undefined;
  const absolute = resolve(root, ...segments);
  if (!absolute.startsWith(resolve(root) + sep)) return undefined;
  return segments.join('/');
}

/**
 * `<repo>/dist/web`, found from the gateway's own location: the first folder above it that holds
 * package.json is the repository (or /app in the Docker image), whether the gateway runs from
 * `dist/apps/gateway/src` or from its sources in a test.
 */
export function defaultWebDistDir(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return resolve(from, '..', '..', '..', '..', 'web');
    folder = parent;
  }
  return join(folder, 'dist', 'web');
}

/** The page `/` answers when the console was never built: what to do, no stack. */
export function missingConsolePage(distDir: string): string {
  return [
    '<!doctype html>',
    '<html lang="fr"><head><meta charset="utf-8"><title>Console KPA-Cité non construite</title></head>',
    '<body>',
    '<h1>La console web n’est pas construite</h1>',
    `<p>Aucun fichier <code>index.html</code> dans <code>${escapeHtml(distDir)}</code>. Lancez <code>npm run build</code> (ou <code>npm start</code>, qui construit tout), puis rechargez cette page.</p>`,
    '<p lang="en">The web console is not built: run <code>npm run build</code>, then reload. The API answers under <a href="/docs">/docs</a>.</p>',
    '</body></html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The web console (apps/web, built by Vite into `distDir`) served by the gateway at `/`: one origin
 * with the API, so no CORS. A GET/HEAD outside the API's paths answers the file it names, else
 * index.html (the client-side routes: /aujourdhui, /membres/123); a missing hashed asset answers
 * 404 rather than a page the browser would run as a script. The directory is looked at on each
 * request: a console built after the gateway started is served without a restart.
 */
export async function registerWebConsole(app: NestFastifyApplication, distDir: string): Promise<void> {
  const root = resolve(distDir);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root,
    serve: false,
    // A missing root is the "run npm run build" page below, not a start-up warning.
    suppressWarning: true,
    // The build may ship .br/.gz beside its files: served to the browsers that accept them.
    preCompressed: true,
    setHeaders: (reply: FastifyReply, path: string) => {
      const relative = path.slice(root.length).split(sep).join('/');
      void reply.header('cache-control', cacheControlFor(relative));
    },
  });
  fastify.route({
    method: ['GET', 'HEAD'],
    url: '/*',
    handler: async (request, reply) => {
      const pathname = pathnameOf(request.url);
      if (isReservedPath(pathname)) return reply.callNotFound();
      if (!(await isFile(join(root, 'index.html')))) {
        return reply.code(404).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(missingConsolePage(distDir));
      }
      const candidate = fileCandidate(root, pathname);
      if (candidate && (await isFile(join(root, candidate)))) return reply.sendFile(candidate);
      if (pathname.startsWith(ASSETS_PREFIX)) {
        return reply.code(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Not found: this file is not part of the current console build.\n');
      }
      return reply.sendFile('index.html');
    },
  });
}
