import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**'],
    // bin/gelombang.js runs dist/ when built; tests run the sources (a stale dist/ must not answer for them).
    env: { GELOMBANG_FROM_SOURCE: '1' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Load tests share 2 cores with the service they load: run test files one or two at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
