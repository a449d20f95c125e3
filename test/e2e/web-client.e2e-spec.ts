import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { usePlatform } from './platform';

const ROOT = join(__dirname, '..', '..');
const COMMITTED_DOCUMENT = join(ROOT, 'apps/web/openapi.json');
const COMMITTED_CLIENT = join(ROOT, 'apps/web/src/api/generated');
const STALE = 'the console API client is stale: run npm run generate:client and commit apps/web/openapi.json and apps/web/src/api/generated';

async function filesUnder(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path, 'utf8'));
  }
  return files;
}

/**
 * The console's client (apps/web/src/api/generated) is generated from the gateway's OpenAPI
 * document: this file fails when either the committed document or the client generated from it
 * no longer matches what the running gateway serves.
 */
describe('the console API client', () => {
  const platform = usePlatform('e2e_web_client');
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kpa-web-client-'));
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("commits the gateway's OpenAPI document as the running gateway serves it", async () => {
    const served = await platform.http('GET', '/openapi.json');
    expect(served.status).toBe(200);
    const committed = JSON.parse(await readFile(COMMITTED_DOCUMENT, 'utf8')) as unknown;
    if (JSON.stringify(committed) !== JSON.stringify(served.body)) {
      // The paths that differ, so the failure says what changed.
      const paths = (document: any) => Object.keys(document?.paths ?? {}).sort();
      expect({ stale: STALE, paths: paths(committed) }).toEqual({ stale: STALE, paths: paths(served.body) });
      expect({ stale: STALE, document: committed }).toEqual({ stale: STALE, document: served.body });
    }
  });

  it('commits the client generated from that document, file for file', async () => {
    const served = await platform.http('GET', '/openapi.json');
    const input = join(work, 'openapi.json');
    const output = join(work, 'generated');
    await writeFile(input, JSON.stringify(served.body));
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/openapi-ts'), ['-f', 'apps/web/openapi-ts.config.ts'], {
      cwd: ROOT,
      env: { ...process.env, KPA_OPENAPI_INPUT: input, KPA_CLIENT_OUTPUT: output },
    });
    const fresh = await filesUnder(output);
    const committed = await filesUnder(COMMITTED_CLIENT);
    expect({ stale: STALE, files: [...committed.keys()].sort() }).toEqual({ stale: STALE, files: [...fresh.keys()].sort() });
    const differing = [...fresh.keys()].filter((file) => committed.get(file) !== fresh.get(file));
    expect({ stale: STALE, differing }).toEqual({ stale: STALE, differing: [] });
  });
});
