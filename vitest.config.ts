import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // A condition polled for is awaited as long as a page's element is (test/support/browser.ts): the machine may be loaded.
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
