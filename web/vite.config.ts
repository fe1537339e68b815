// One config, two apps: `vite build --mode portal` and `vite build --mode console`.
// The component code is written against React's API; by default it runs on Preact (preact/compat),
// which measured far smaller (web/README.md). FRAMEWORK=react builds the same code on React, to re-measure.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
// Tests read dates in one zone, whatever the machine's (set here, before Vitest starts its workers).
if (process.env.VITEST) process.env.TZ = 'UTC';
const onReact = process.env.FRAMEWORK === 'react';

const preactAliases = [
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react$/, replacement: 'preact/compat' },
];

export default defineConfig(({ mode }) => {
  const app = mode === 'console' ? 'console' : 'portal';
  return {
    root: here(`./src/${app}`),
    base: app === 'console' ? '/console/' : '/',
    publicDir: here('./public'),
    resolve: { alias: onReact ? [] : preactAliases },
    build: {
      outDir: here(`./dist/${process.env.FRAMEWORK_OUT ?? app}`),
      emptyOutDir: true,
      assetsDir: 'assets',
      target: 'es2022',
      sourcemap: false,
      // No inline scripts or styles (the pages' CSP allows neither).
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      rolldownOptions: {
        // react-query's "use client" directives mean nothing outside server components.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
          handler(level, log);
        },
      },
    },
    test: {
      root: here('.'),
      environment: 'happy-dom',
      env: { TZ: 'UTC' },
      // Component tests wait up to 5 s for a step (`vi.waitFor`'s default, set in src/test-setup.ts) on
      // two loaded cores; a test of several such steps needs more than Vitest's default 5 s in all.
      testTimeout: 20_000,
      setupFiles: ['src/test-setup.ts'],
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs'],
      // Through Vite, so their `react` imports meet the Preact alias like the apps' own code (a component
      // test with queries or routes would otherwise load React beside Preact).
      server: { deps: { inline: [/@tanstack\/react-query/, /wouter/] } },
      // wouter reaches `useSyncExternalStore` through React's CommonJS shim, which Vitest loads
      // without the alias; Preact has its own.
      alias: [{ find: /^use-sync-external-store\/shim\/index\.js$/, replacement: 'preact/compat' }],
    },
  };
});
