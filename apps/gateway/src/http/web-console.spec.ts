import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ASSET_CACHE_CONTROL, cacheControlFor, defaultWebDistDir, fileCandidate, INDEX_CACHE_CONTROL, isReservedPath, missingConsolePage, pathnameOf } from './web-console';

describe('the web console’s paths', () => {
  it('leaves the API and the operational routes to the API, whole segments only', () => {
    for (const path of ['/v1', '/v1/', '/v1/nope', '/public/network-map', '/health/ready', '/metrics', '/docs', '/docs/swagger-ui.css', '/openapi.json', '/openapi.yaml']) {
      expect({ path, reserved: isReservedPath(path) }).toEqual({ path, reserved: true });
    }
    for (const path of ['/', '/aujourdhui', '/membres/123', '/v1beta', '/documents', '/healthy', '/assets/index-3f2a1b.js', '/openapi.json.html']) {
      expect({ path, reserved: isReservedPath(path) }).toEqual({ path, reserved: false });
    }
  });

  it('reads the path without its query string or fragment', () => {
    expect(pathnameOf('/membres/123?onglet=contrats')).toBe('/membres/123');
    expect(pathnameOf('/aujourdhui#haut')).toBe('/aujourdhui');
    expect(pathnameOf('/')).toBe('/');
  });

  it('keeps hashed assets a year and revalidates everything else', () => {
    expect(cacheControlFor('/assets/index-3f2a1b.js')).toBe(ASSET_CACHE_CONTROL);
    expect(ASSET_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/index.html')).toBe(INDEX_CACHE_CONTROL);
    expect(cacheControlFor('/favicon.svg')).toBe('no-cache');
    expect(cacheControlFor('/assetsX/a.js')).toBe('no-cache');
  });

  it('names a file under the root only: no dot segment, dotfile, NUL, backslash or undecodable path', () => {
    const root = '/srv/web';
    expect(fileCandidate(root, '/assets/index-3f2a1b.js')).toBe('assets/index-3f2a1b.js');
    expect(fileCandidate(root, '/favicon.svg')).toBe('favicon.svg');
    expect(fileCandidate(root, '/fichier%20bleu.png')).toBe('fichier bleu.png');
    expect(fileCandidate(root, '//assets//a.js')).toBe('assets/a.js');
    for (const path of [
      '/',
      '/..',
      '/../etc/passwd',
      '/assets/../../etc/passwd',
      '/%2e%2e/etc/passwd',
      '/.env',
      '/assets/.hidden',
      '/a%00b',
      '/..%5c..%5cpackage.json',
      '/%E0%A4%A',
    ]) {
      expect({ path, file: fileCandidate(root, path) }).toEqual({ path, file: undefined });
    }
  });
});

describe('where the console is looked for', () => {
  const repo = mkdtempSync(join(tmpdir(), 'kpa-repo-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('is <repo>/dist/web, from the built gateway as from its sources', () => {
    writeFileSync(join(repo, 'package.json'), '{}');
    const built = join(repo, 'dist', 'apps', 'gateway', 'src', 'http');
    const sources = join(repo, 'apps', 'gateway', 'src', 'http');
    mkdirSync(built, { recursive: true });
    mkdirSync(sources, { recursive: true });
    expect(defaultWebDistDir(built)).toBe(join(repo, 'dist', 'web'));
    expect(defaultWebDistDir(sources)).toBe(join(repo, 'dist', 'web'));
  });

  it('is this repository’s dist/web for the gateway itself', () => {
    expect(defaultWebDistDir()).toBe(resolve(__dirname, '..', '..', '..', '..', 'dist', 'web'));
  });

  it('when never built, says what to run, with the folder escaped', () => {
    const page = missingConsolePage('/srv/<web>');
    expect(page).toContain('npm run build');
    expect(page).toContain('/srv/&#60;web&#62;');
    expect(page).not.toContain('<web>');
  });
});
