import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real processes on loopback; two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
