import { join } from 'node:path';

const { readyBlock } = require(join(__dirname, '..', '..', 'scripts', 'lib', 'ready-block.js')) as { readyBlock(options: object): string };

const base = {
  gatewayUrl: 'http://127.0.0.1:3000',
  services: [],
  admin: { email: 'admin@kpa.local', password: 'le vélo de la cape' },
  secretsFile: '.local/secrets.env',
  fromEnvironment: [],
};
// eslint-disable-next-line no-control-regex
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

describe('the ready block of npm start', () => {
  it('prints the console’s address first, then the API, and the demo logins for both', () => {
    const block = plain(
      readyBlock({
        ...base,
        webConsole: { built: true },
        demo: { file: '.local/demo.env', logins: [{ email: 'coordination@lacape.kpa.local', password: 'mot de passe', site: 'La Cape' }] },
      }),
    );
    expect(block).toContain('Console   http://127.0.0.1:3000/');
    expect(block.indexOf('Console')).toBeLessThan(block.indexOf('API'));
    expect(block).not.toContain('not built');
    expect(block).toMatch(/Demo logins \(for the console and the API; passwords in \.local\/demo\.env\)\n\s+coordination@lacape\.kpa\.local\s+mot de passe\s+La Cape/);
  });

  it('says how to build the console when dist/web is missing', () => {
    const block = plain(readyBlock({ ...base, webConsole: { built: false } }));
    expect(block).toContain('Console   http://127.0.0.1:3000/');
    expect(block).toContain('not built: dist/web/index.html is missing (npm run build builds it)');
  });
});
