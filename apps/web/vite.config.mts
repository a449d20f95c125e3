import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import optimizeLocales from '@react-aria/optimize-locales-plugin';
import { defineConfig, type Plugin } from 'vite';

const here = import.meta.dirname;
const repo = join(here, '..', '..');
const gateway = process.env.KPA_GATEWAY_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes `.br` and `.gz` beside each hashed script and style sheet, compressed once at their best
 * level: the gateway's static files (`preCompressed`) send them to the browsers that accept them.
 * Sent raw, the bundle's 580 KB take 3 s on a slow 4G line; brotli makes it about 150 KB
 * (`bench/console.js`). Node's zlib: no dependency.
 */
function precompress(): Plugin {
  return {
    name: 'kpa-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const content = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        const path = join(options.dir ?? '', fileName);
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * The console: a single-page app built into dist/web, which the gateway serves at / (API under /v1,
 * one origin, no CORS). No React plugin (its Babel peer conflicts with Jest's): Vite 8 compiles the
 * TSX with Oxc and React's automatic JSX runtime.
 */
export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // react-aria ships its controls' strings in 34 languages; the console speaks French and English.
  plugins: [optimizeLocales.vite({ locales: ['fr', 'en'] }), precompress()],
  resolve: {
    // The pure modules of @kpa/contracts, not its index (which pulls Node modules).
    alias: {
      '@kpa/contracts/french-format': join(repo, 'libs/contracts/src/french-format.ts'),
      '@kpa/contracts/document-totals': join(repo, 'libs/contracts/src/document-totals.ts'),
      '@kpa/contracts/french-identifiers': join(repo, 'libs/contracts/src/french-identifiers.ts'),
      '@kpa/contracts/bank-identifiers': join(repo, 'libs/contracts/src/bank-identifiers.ts'),
      '@kpa/contracts/operation-category': join(repo, 'libs/contracts/src/operation-category.ts'),
    },
  },
  build: {
    outDir: join(repo, 'dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // One bundle of ~600 KB minified, ~180 KB gzipped: the budget is 200 KB gzipped for the first screen.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // TanStack Query's "use client" directives are for server components, which the console has none of.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { port: 5173, strictPort: true, proxy: { '/v1': gateway } },
  preview: { proxy: { '/v1': gateway } },
});
