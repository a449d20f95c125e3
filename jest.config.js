/**
 * Three projects:
 * - unit: `*.spec.ts`, pure logic, no infrastructure, in parallel;
 * - integration: `*.int-spec.ts`, against real Postgres, Redis and NATS (URLs from the environment,
 *   else testcontainers), each file on its own database and NATS namespace, in parallel;
 * - e2e: `test/e2e/*.e2e-spec.ts`, the built platform started as processes and driven over HTTP.
 *
 * SWC compiles our TypeScript (decorators and their metadata for Nest). The ESM-only packages
 * (NestJS 12, file-type, uuid, pdfjs-dist…) load as they are: Node 24's require() of ES modules.
 */

const common = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        // `import()` stays a real dynamic import: Node 24 and jest's vm modules load ES modules through it.
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  moduleNameMapper: {
    '^@kpa/(contracts|platform|testing)$': '<rootDir>/libs/$1/src',
    '^@kpa/(contracts|platform|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  rootDir: __dirname,
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/long-timeout.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/long-timeout.js'],
    },
  ],
};
