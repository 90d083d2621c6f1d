import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * Builds both front ends into dist/ (the member workspace and the studio share one asset folder) and, with
 * `--mode server`, the server into dist/server.js: one module of our code, its packages left to node_modules. Node then
 * runs it without a TypeScript loader, which would hold about 35 MB of its own. It lies one folder below the project,
 * as runtime/ does: runtime/root.ts finds the project's files from there.
 */
export default defineConfig(({ mode }) =>
  mode === 'server'
    ? {
        build: {
          ssr: 'runtime/server.ts',
          outDir: 'dist',
          emptyOutDir: false,
          rolldownOptions: { output: { entryFileNames: 'server.js' } },
        },
      }
    : {
        plugins: [vue()],
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          manifest: true,
          reportCompressedSize: true,
          rolldownOptions: {
            input: { workspace: 'runtime/web/workspace/index.html', studio: 'studio/index.html' },
          },
        },
      },
);
