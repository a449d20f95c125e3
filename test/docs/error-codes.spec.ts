import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@kpa/contracts';
import { httpStatusOf } from '../../apps/gateway/src/http/http-status';

/** docs/api.md lists every error code on the row of its HTTP status: the docs stay true to the code. */
describe('docs/api.md error table', () => {
  const rows = new Map<string, number>();
  for (const line of readFileSync(join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8').split('\n')) {
    const match = /^\| (\d{3}) \| (.*) \|$/.exec(line);
    if (match) for (const [, code] of match[2].matchAll(/`([A-Z_]+)`/g)) rows.set(code, Number(match[1]));
  }

  it.each([...ERROR_CODES])('lists %s with its status', (code) => {
    expect(rows.get(code)).toBe(httpStatusOf(code));
  });
});
