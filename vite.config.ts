import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** Builds both front ends into dist/: the member workspace and the studio share one asset folder. */
export default defineConfig({
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
});
