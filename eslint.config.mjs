// Lint: the recommended rules of ESLint and typescript-eslint, plus what this codebase relies on.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  // The console's API client is generated from the gateway's OpenAPI (npm run generate:client), never edited.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.local/**', 'apps/web/src/api/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Nest's DI and TypeORM's results are typed at the edges; `any` stays rare and visible in review.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // Money is never a binary float: amounts are integer cents or decimal strings.
      'no-restricted-globals': ['error', { name: 'parseFloat', message: 'Money and quantities are exact: parse decimals as strings or integers.' }],
    },
  },
  // The console runs in the browser (TSX, DOM globals); its pure modules are unit-tested with Jest.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.jest } },
  },
);
